package hris_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/hris"
)

// secrets are the values of the employee fixture that must never be
// printed or logged.
var secrets = []string{
	"123456789012",           // bank account number
	"SBIN0001234",            // IFSC code
	"021000021",              // routing number
	"X99887766",              // passport number
	"123-45-6789",            // SSN
	"998877665544",           // Aadhaar number
	"ABCDE1234F",             // PAN number
	"aadhar-emp_1234.pdf",    // KYC document URL
	"1990-07-15",             // birth date
	"1991-02-03",             // dependent's birth date
	"185000",                 // compensation
	"MARRIED_FILING_JOINTLY", // W-4
	"extraWithholding",       // W-4
	"CC-9",                   // custom field value
}

func assertMasked(t *testing.T, what, out string) {
	t.Helper()
	for _, s := range secrets {
		assert.NotContains(t, out, s, "%s leaks %q:\n%s", what, s, out)
	}
	assert.Contains(t, out, "emp_1234", "%s should show the employee id:\n%s", what, out)
}

func TestEmployeePrintsMasked(t *testing.T) {
	t.Parallel()
	e, err := hris.DecodeEmployee(readFile(t, "employee_event_data.json"))
	require.NoError(t, err)

	for _, verb := range []string{"%v", "%+v", "%s", "%#v"} {
		assertMasked(t, "fmt "+verb+" *Employee", fmt.Sprintf(verb, e))
		assertMasked(t, "fmt "+verb+" Employee", fmt.Sprintf(verb, *e))
		assertMasked(t, "fmt "+verb+" Profile", fmt.Sprintf(verb, *e.Profile))
	}
	assertMasked(t, "String", e.String())
	assertMasked(t, "GoString", e.GoString())
	assertMasked(t, "Println", fmt.Sprintln(e, e.Profile, e.BankAccounts, e.Identifications, e.KYC, e.Dependents, e.Compensation, e.W4, e.Deductions))

	out := fmt.Sprintf("%+v", e)
	assert.Contains(t, out, "****9012", "last four digits help support staff")
	assert.Contains(t, out, "State Bank")
	assert.Contains(t, out, hris.Redacted)
	assert.Contains(t, out, "tShirtSize", "custom field names are shown, not their values")
	assert.Contains(t, fmt.Sprintf("%#v", e), "hris.Employee{")
	assert.Contains(t, fmt.Sprintf("%#v", e.BankAccounts[0]), "hris.BankAccount{")
	assert.Equal(t, "%!d(hris.Employee)", fmt.Sprintf("%d", e))
}

func TestEmployeeLogsMasked(t *testing.T) {
	t.Parallel()
	e, err := hris.DecodeEmployee(readFile(t, "employee_event_data.json"))
	require.NoError(t, err)

	for name, newHandler := range map[string]func(*bytes.Buffer) slog.Handler{
		"json": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		"text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	} {
		var buf bytes.Buffer
		log := slog.New(newHandler(&buf))
		log.Info("synced", "employee", e)
		log.Info("synced", slog.Any("employee", *e))
		log.Info("parts", "profile", e.Profile, "bank", e.BankAccounts[0], "id", e.Identifications[0],
			"kyc", e.KYC, "dependent", e.Dependents[0], "comp", e.Compensation, "w4", e.W4, "deductions", e.Deductions,
			"routing", e.BankAccounts[0].RoutingInfo[0])
		assertMasked(t, name+" handler", buf.String())
		assert.Contains(t, buf.String(), "John", name)
		assert.Contains(t, buf.String(), "****9012", name)
	}
}

func TestPayrollMasked(t *testing.T) {
	t.Parallel()
	p := hris.Payroll{EmployeeID: "emp_1234", GrossPay: dec(t, "15416.67"), NetPay: dec(t, "11020.5"),
		Earnings: []hris.PayItem{{Type: hris.PayItemBasic, Amount: dec(t, "10000.25")}}, PayDate: "2024-05-31"}
	for _, verb := range []string{"%v", "%+v", "%s", "%#v"} {
		out := fmt.Sprintf(verb, p)
		assert.NotContains(t, out, "15416", verb)
		assert.NotContains(t, out, "11020", verb)
		assert.NotContains(t, out, "10000", verb)
		assert.Contains(t, out, "BASIC", verb)
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("pay", "payroll", p)
	assert.NotContains(t, buf.String(), "15416")
	assert.Contains(t, buf.String(), "emp_1234")
}

func TestMaskShortNumbers(t *testing.T) {
	t.Parallel()
	b := hris.BankAccount{AccountNumber: "12345", RoutingInfo: []hris.RoutingInfo{{Number: ""}}}
	out := fmt.Sprint(b)
	assert.NotContains(t, out, "12345")
	assert.NotContains(t, out, "2345")
	assert.Contains(t, out, "****")
	assert.Empty(t, fmt.Sprint(hris.Compensation{}), "no data prints nothing")
	assert.Equal(t, "hris.W4{[REDACTED]}", fmt.Sprintf("%#v", hris.W4{Raw: []byte(`{"a":1}`)}))
}

// TestRedactedValuesEveryVerb: Compensation, Deductions and W4 print
// nothing of their data whatever the verb, and nothing at all when empty.
func TestRedactedValuesEveryVerb(t *testing.T) {
	t.Parallel()
	raw := []byte(`{"salary":185000}`)
	for _, tc := range []struct {
		name       string
		full, none any
	}{
		{"hris.Compensation", hris.Compensation{Raw: raw}, hris.Compensation{}},
		{"hris.Deductions", hris.Deductions{Raw: raw}, hris.Deductions{}},
		{"hris.W4", hris.W4{Raw: raw}, hris.W4{}},
	} {
		for _, verb := range []string{"%v", "%+v", "%s"} {
			assert.Equal(t, hris.Redacted, fmt.Sprintf(verb, tc.full), "%s %s", tc.name, verb)
			assert.Empty(t, fmt.Sprintf(verb, tc.none), "%s %s of no data", tc.name, verb)
		}
		assert.Equal(t, tc.name+"{[REDACTED]}", fmt.Sprintf("%#v", tc.full))
		assert.Equal(t, tc.name+"{}", fmt.Sprintf("%#v", tc.none))
		assert.Equal(t, "%!d("+tc.name+")", fmt.Sprintf("%d", tc.full))
		assert.Equal(t, "%!q("+tc.name+")", fmt.Sprintf("%q", tc.none))
		assert.Equal(t, hris.Redacted, tc.full.(fmt.Stringer).String())
		assert.Equal(t, tc.name+"{[REDACTED]}", tc.full.(fmt.GoStringer).GoString())
		assert.Equal(t, hris.Redacted, tc.full.(slog.LogValuer).LogValue().String(), tc.name)
		assert.Empty(t, tc.none.(slog.LogValuer).LogValue().String(), tc.name)
	}
}
