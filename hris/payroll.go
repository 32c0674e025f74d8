package hris

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/knitjson"
	"github.com/knit-sdk/knit-go/internal/privacy"
	"github.com/knit-sdk/knit-go/option"
)

// PayItem is one earning, contribution or deduction line of a Payroll.
type PayItem struct {
	Type PayItemType `json:"type,omitempty"`
	// Amount is exact, as Knit sent it; see basemodel.Decimal.
	Amount basemodel.Decimal `json:"amount"`
}

// Payroll is an employee's payroll for one month. Amounts are exact
// decimals (basemodel.Decimal), kept as Knit wrote them. The amounts print masked
// through fmt and log/slog; encoding/json keeps them.
type Payroll struct {
	EmployeeID         string             `json:"employeeId,omitempty"`
	GrossPay           basemodel.Decimal  `json:"grossPay"`
	NetPay             basemodel.Decimal  `json:"netPay"`
	Earnings           []PayItem          `json:"earnings,omitempty"`
	Contributions      []PayItem          `json:"contributions,omitempty"`
	Deductions         []PayItem          `json:"deductions,omitempty"`
	ProcessedDate      basemodel.DateTime `json:"processedDate,omitempty"`
	PayDate            basemodel.DateTime `json:"payDate,omitempty"`
	PayPeriodStartDate basemodel.DateTime `json:"payPeriodStartDate,omitempty"`
	PayPeriodEndDate   basemodel.DateTime `json:"payPeriodEndDate,omitempty"`
	// Raw is the whole data value as Knit sent it (the typed fields are
	// filled only when data is an object).
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON fills the typed fields when b is an object and always
// keeps b in Raw.
func (p *Payroll) UnmarshalJSON(b []byte) error {
	type plain Payroll
	var v plain
	raw := cloneRaw(b)
	if len(raw) > 0 && raw[0] == '{' {
		if err := knitjson.Unmarshal(raw, &v); err != nil {
			return fmt.Errorf("hris: decoding hris.Payroll: %w", err)
		}
	}
	*p = Payroll(v)
	p.Raw = raw
	return nil
}

type payrollView struct {
	EmployeeID                                                   string
	GrossPay, NetPay                                             string
	Earnings, Contributions, Deductions                          []PayItemType
	ProcessedDate, PayDate, PayPeriodStartDate, PayPeriodEndDate basemodel.DateTime
}

func itemTypes(items []PayItem) []PayItemType {
	if items == nil {
		return nil
	}
	out := make([]PayItemType, len(items))
	for i, it := range items {
		out[i] = it.Type
	}
	return out
}

func (p Payroll) view() payrollView {
	return payrollView{
		EmployeeID: p.EmployeeID, GrossPay: Redacted, NetPay: Redacted,
		Earnings: itemTypes(p.Earnings), Contributions: itemTypes(p.Contributions), Deductions: itemTypes(p.Deductions),
		ProcessedDate: p.ProcessedDate, PayDate: p.PayDate,
		PayPeriodStartDate: p.PayPeriodStartDate, PayPeriodEndDate: p.PayPeriodEndDate,
	}
}

// Format prints p with every amount masked (item types are kept).
func (p Payroll) Format(f fmt.State, verb rune) { privacy.Format(f, verb, "hris.Payroll", p.view()) }

// String returns p with every amount masked.
func (p Payroll) String() string { return fmt.Sprint(p) }

// GoString returns p as Go syntax with every amount masked.
func (p Payroll) GoString() string { return fmt.Sprintf("%#v", p) }

// LogValue returns p as a group with every amount masked.
func (p Payroll) LogValue() slog.Value {
	v := p.view()
	return slog.GroupValue(
		slog.String("employeeId", v.EmployeeID),
		slog.String("grossPay", Redacted),
		slog.String("netPay", Redacted),
		slog.Any("earnings", v.Earnings),
		slog.Any("contributions", v.Contributions),
		slog.Any("deductions", v.Deductions),
		slog.String("payPeriodStartDate", string(v.PayPeriodStartDate)),
		slog.String("payPeriodEndDate", string(v.PayPeriodEndDate)),
		slog.String("payDate", string(v.PayDate)),
	)
}

type payrollQuery struct {
	EmployeeID string `url:"employeeId"`
	Month      string `url:"month"`
}

// PayrollService reads payroll: in.HRIS.Payroll.Get.
type PayrollService struct{ service }

// Get returns an employee's payroll for a month, sent as the employeeId and
// month query parameters. The month's format is not documented; it is sent
// as given (e.g. "2024-05"). An empty employeeID or month is an error
// matching knit.ErrInvalidParams.
//
// Knit method GET hr.employees.payroll.get, seen in third-party code; not in Knit's docs.
//
//knit:operation GET hr.employees.payroll.get observed
func (s *PayrollService) Get(ctx context.Context, employeeID, month string, opts ...option.RequestOption) (*Payroll, error) {
	const op = "HRIS.Payroll.Get"
	if err := requireID(op, "employeeID", employeeID); err != nil {
		return nil, err
	}
	if err := requireID(op, "month", month); err != nil {
		return nil, err
	}
	var out Payroll
	if err := s.get(ctx, op, "hr.employees.payroll.get", payrollQuery{employeeID, month}, nil, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}
