package accounting_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/accounting"
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/option"
)

// Create an invoice with exact amounts; the example server prints what Knit
// receives.
func ExampleInvoiceService_Create() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		fmt.Println(r.Method, r.URL.Path, r.Header.Get("X-Knit-Integration-Id"))
		fmt.Println(string(body))
		_, _ = io.WriteString(w, `{"success":true,"data":{"invoiceId":"inv_123"}}`)
	}))
	defer srv.Close()

	client, err := knit.NewClient("test-key", option.WithBaseURL(srv.URL))
	if err != nil {
		fmt.Println(err)
		return
	}
	in := client.Integration("int_1")

	rate, _ := basemodel.NewDecimal("150.25")
	hours, _ := basemodel.NewDecimal("160")
	res, err := in.Accounting.Invoices.Create(context.Background(), &accounting.InvoiceCreateParams{
		Type:          accounting.InvoiceTypeInvoice,
		ContactID:     "cust_42",
		InvoiceNumber: "INV-0042",
		DueDate:       "2024-06-22",
		Currency:      "USD",
		LineItems: []accounting.InvoiceLineItemParams{
			{Description: "Consulting", Quantity: hours, UnitRate: rate, AccountID: "4000"},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("created", res.ID)
	// Output:
	// POST /accounting.invoice.create int_1
	// {"type":"INVOICE","contactId":"cust_42","invoiceNumber":"INV-0042","dueDate":"2024-06-22","currency":"USD","lineItems":[{"accountId":"4000","description":"Consulting","quantity":160,"unitRate":150.25}]}
	// created inv_123
}

// Decode an invoice from a sync event and compute with its exact amounts.
func ExampleDecodeInvoice() {
	eventData := []byte(`{
	  "info": {"id": "inv_1", "type": "INVOICE", "totalAmount": 1234567890123.45,
	           "remainingAmount": 0.1, "exchangeRate": "1.0", "status": "PARTIALLY_PAID"},
	  "lineItems": [{"id": "1", "name": "Chair", "quantity": 5, "rate": 100.1}]
	}`)
	inv, err := accounting.DecodeInvoice(eventData)
	if err != nil {
		fmt.Println(err)
		return
	}
	cents, _ := inv.Info.TotalAmount.Scaled(2)
	fmt.Println(inv.Info.ID, inv.Info.Status, "total", inv.Info.TotalAmount, "=", cents, "cents")
	fmt.Println("exchange rate", inv.Info.ExchangeRate, "sent as a string:", inv.Info.ExchangeRate.IsQuoted())
	li := inv.LineItems[0]
	fmt.Println("line", li.LineItemID, li.ItemName, li.Quantity, "x", li.UnitRate)
	out, _ := json.Marshal(inv.Info.TotalAmount)
	fmt.Println("re-encoded:", string(out))
	// Output:
	// inv_1 PARTIALLY_PAID total 1234567890123.45 = 123456789012345 cents
	// exchange rate 1.0 sent as a string: true
	// line 1 Chair 5 x 100.1
	// re-encoded: 1234567890123.45
}
