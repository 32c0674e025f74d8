package logmask_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/logmask"
	"github.com/knit-sdk/knit-go/webhook"
)

// secrets of hris/testdata/employee_event_data.json and of the payroll and
// event below that must never reach a log line.
var secrets = []string{
	"123456789012", "SBIN0001234", "021000021", // bank account, IFSC, routing
	"X99887766", "123-45-6789", // passport, SSN
	"998877665544", "ABCDE1234F", "aadhar-emp_1234.pdf", // KYC
	"1990-07-15", "1991-02-03", // birth dates
	"185000", "MARRIED_FILING_JOINTLY", "CC-9", // compensation, W-4, custom field
	"15416", "10000.25", // payroll amounts
	"Ada Secret", // webhook event data
}

type holder struct {
	Owner    string             `json:"owner"`
	Employee hris.Employee      `json:"employee"`
	Banks    []hris.BankAccount `json:"banks"`
	Hidden   string             `json:"-"`
}

func fixtures(t *testing.T) map[string]any {
	t.Helper()
	raw, err := os.ReadFile("../hris/testdata/employee_event_data.json")
	require.NoError(t, err)
	e, err := hris.DecodeEmployee(raw)
	require.NoError(t, err)
	gross, err := basemodel.NewDecimal("15416.67")
	require.NoError(t, err)
	basic, err := basemodel.NewDecimal("10000.25")
	require.NoError(t, err)
	p := hris.Payroll{EmployeeID: "emp_1234", GrossPay: gross,
		Earnings: []hris.PayItem{{Type: hris.PayItemBasic, Amount: basic}}}
	ev, err := webhook.Parse([]byte(`{"eventId":"evt_1","eventType":"record.new","eventData":{"profile":{"firstName":"Ada Secret"}}}`))
	require.NoError(t, err)
	return map[string]any{
		"slice":           []hris.Employee{*e},
		"slice of ptrs":   []*hris.Employee{e},
		"map":             map[string]hris.Employee{"a": *e},
		"struct":          holder{Owner: "emp_1234", Employee: *e, Banks: e.BankAccounts},
		"ptr to struct":   &holder{Owner: "emp_1234", Employee: *e},
		"map any":         map[string]any{"nested": []any{e, map[string]any{"deeper": *e}}},
		"bank accounts":   e.BankAccounts,
		"identifications": e.Identifications,
		"payrolls":        []hris.Payroll{p},
		"events":          []*webhook.Event{ev},
	}
}

func check(t *testing.T, what, out string) {
	t.Helper()
	for _, s := range secrets {
		assert.NotContains(t, out, s, "%s leaks %q:\n%s", what, s, out)
	}
}

func TestMaskNestedPersonalData(t *testing.T) {
	t.Parallel()
	handlers := map[string]func(io.Writer, *slog.HandlerOptions) slog.Handler{
		"json": func(w io.Writer, o *slog.HandlerOptions) slog.Handler { return slog.NewJSONHandler(w, o) },
		"text": func(w io.Writer, o *slog.HandlerOptions) slog.Handler { return slog.NewTextHandler(w, o) },
	}
	for hname, mk := range handlers {
		for vname, v := range fixtures(t) {
			var viaReplace, viaHandler, viaWith bytes.Buffer
			slog.New(mk(&viaReplace, &slog.HandlerOptions{ReplaceAttr: logmask.ReplaceAttr})).Info("x", "v", v)
			slog.New(logmask.NewHandler(mk(&viaHandler, nil))).Info("x", slog.Group("g", "v", v))
			slog.New(logmask.NewHandler(mk(&viaWith, nil))).With("v", v).Info("x")
			check(t, hname+" ReplaceAttr "+vname, viaReplace.String())
			check(t, hname+" NewHandler "+vname, viaHandler.String())
			check(t, hname+" With "+vname, viaWith.String())
			switch vname {
			case "events":
				assert.Contains(t, viaReplace.String(), "evt_1", "%s %s keeps identifiers", hname, vname)
			case "bank accounts", "identifications":
				assert.Contains(t, viaReplace.String(), "****", "%s %s shows the masked numbers", hname, vname)
			default:
				assert.Contains(t, viaReplace.String(), "emp_1234", "%s %s keeps identifiers", hname, vname)
			}
		}
	}
}

// TestWithoutHelperJSONLeaks documents why the helper exists: the JSON
// handler marshals containers with encoding/json, which stays complete.
func TestWithoutHelperJSONLeaks(t *testing.T) {
	t.Parallel()
	f := fixtures(t)
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "v", f["slice"])
	assert.Contains(t, buf.String(), "123456789012")
	b, err := json.Marshal(f["struct"])
	require.NoError(t, err)
	assert.Contains(t, string(b), "123456789012", "encoding/json output stays complete")
}

func TestUnchangedWithoutLogValuer(t *testing.T) {
	t.Parallel()
	type plain struct{ A, B string }
	v := []plain{{"x", "y"}}
	a := logmask.ReplaceAttr(nil, slog.Any("v", v))
	assert.Equal(t, v, a.Value.Any(), "no LogValuer inside: the value is passed through")
	// Cycles end.
	type node struct {
		Next *node
		Emp  *hris.Employee
	}
	n := &node{}
	n.Next = n
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: logmask.ReplaceAttr})).Info("x", "v", n)
	assert.NotEmpty(t, buf.String())
}
