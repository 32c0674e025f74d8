package basemodel_test

import (
	"encoding/json"
	"fmt"
	"log"

	"github.com/knit-sdk/knit-go/basemodel"
)

// Decimal keeps a money amount exactly as Knit wrote it; convert it when
// you need arithmetic.
func ExampleDecimal() {
	var line struct {
		Amount basemodel.Decimal `json:"amount"`
	}
	if err := json.Unmarshal([]byte(`{"amount": 1234.10}`), &line); err != nil {
		log.Fatal(err)
	}
	cents, err := line.Amount.Scaled(2)
	if err != nil {
		log.Fatal(err)
	}
	out, err := json.Marshal(line)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(line.Amount, cents, string(out))
	// Output:
	// 1234.10 123410 {"amount":1234.10}
}

// DateTime keeps Knit's text and parses ISO-8601, date-only and epoch
// milliseconds on demand.
func ExampleDateTime() {
	for _, d := range []basemodel.DateTime{"2024-05-31", "2024-05-31T09:30:00Z", "1717147800000", "soon"} {
		t, ok := d.Time()
		if !ok {
			fmt.Printf("%q is not a time\n", d)
			continue
		}
		fmt.Println(t.UTC().Format("2006-01-02 15:04"))
	}
	// Output:
	// 2024-05-31 00:00
	// 2024-05-31 09:30
	// 2024-05-31 09:30
	// "soon" is not a time
}

// Custom fields arrive as an object of values kept as sent; decode each one
// into the type you expect.
func ExampleRawFields() {
	var fields basemodel.RawFields
	_ = json.Unmarshal([]byte(`{"tShirtSize":"M","badgeNumber":1042}`), &fields)

	var size string
	_ = json.Unmarshal(fields["tShirtSize"], &size)
	var badge int
	_ = json.Unmarshal(fields["badgeNumber"], &badge)
	fmt.Println(len(fields), size, badge)
	// Output: 2 M 1042
}
