package hris

import (
	"context"
	"net/url"
	"strings"

	"github.com/knit-sdk/knit-go/internal/categories"
	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// Client reaches the HRIS operations of one integrated account, grouped by
// resource: in.HRIS.Employees, in.HRIS.Leave, in.HRIS.Payroll... Get one from
// knit.Client.Integration(id).HRIS; it is immutable and safe for concurrent
// use. There is no other constructor: the client shares the knit.Client's
// transport and stamps the integration ID on every request.
type Client struct {
	// Employees creates, updates and terminates employees, and lists
	// termination reasons and field values.
	Employees *EmployeeService
	// Leave reads leave balances and requests and files leave requests.
	Leave *LeaveService
	// Payroll reads an employee's payroll for a month.
	Payroll *PayrollService
	// Attendance lists attendance records for a date range.
	Attendance *AttendanceService
	// Timesheets lists timesheets for a date range.
	Timesheets *TimesheetService
	// Compensation lists compensation plans and updates an employee's
	// compensation.
	Compensation *CompensationService
	// Documents lists and uploads employee documents and lists document
	// categories.
	Documents *DocumentService
	// Companies lists the companies (legal entities).
	Companies *CompanyService
	// Deductions manages company-wide deductions and employee enrolments.
	Deductions *DeductionService

	svc services
}

// services holds the services the Client's fields point to, so that they
// are allocated with it.
type services struct {
	employees    EmployeeService
	leave        LeaveService
	payroll      PayrollService
	attendance   AttendanceService
	timesheets   TimesheetService
	compensation CompensationService
	documents    DocumentService
	companies    CompanyService
	deductions   DeductionService
}

func init() {
	categories.HRIS = func(dst any, s transport.Scope) { dst.(*Client).bind(s) }
}

// bind points c's services at the scope.
func (c *Client) bind(s transport.Scope) {
	b := service{s: s}
	c.svc = services{
		employees: EmployeeService{b}, leave: LeaveService{b}, payroll: PayrollService{b},
		attendance: AttendanceService{b}, timesheets: TimesheetService{b},
		compensation: CompensationService{b}, documents: DocumentService{b},
		companies: CompanyService{b}, deductions: DeductionService{b},
	}
	c.Employees, c.Leave, c.Payroll = &c.svc.employees, &c.svc.leave, &c.svc.payroll
	c.Attendance, c.Timesheets = &c.svc.attendance, &c.svc.timesheets
	c.Compensation, c.Documents = &c.svc.compensation, &c.svc.documents
	c.Companies, c.Deductions = &c.svc.companies, &c.svc.deductions
}

// service is what every HRIS service holds: the integration's scope.
type service struct {
	s transport.Scope
}

// requireID reports an empty (or blank) required ID before anything is sent.
func requireID(op, field, v string) error {
	if strings.TrimSpace(v) == "" {
		return transport.Required(op, field)
	}
	return nil
}

// get sends a GET and decodes data into out.
func (b service) get(ctx context.Context, op, method string, typed any, extra url.Values, out any, opts []option.RequestOption) error {
	q, err := transport.BuildQuery(op, typed, extra)
	if err != nil {
		return err
	}
	return b.s.Get(ctx, method, q, out, opts)
}

// post marshals typed with extra merged in and sends it; data is kept in a
// Result.
func (b service) post(ctx context.Context, op, method string, typed any, extra map[string]any, opts []option.RequestOption) (*Result, error) {
	body, err := transport.MarshalWithExtra(typed, extra)
	if err != nil {
		return nil, transport.InvalidParam(op, "Extra", err.Error())
	}
	var out Result
	if err := b.s.Post(ctx, method, body, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// QueryParams holds the query of the read calls whose parameters Knit does
// not document (compensation plans, document categories, termination
// reasons, field values, companies, deductions). The zero value sends no
// parameters.
type QueryParams struct {
	// OriginData asks Knit to include the app's own response
	// ("originData", the name Knit documents for leave balances).
	OriginData bool `url:"originData,omitempty"`
	// Extra holds further query parameters by wire name.
	Extra url.Values `url:"-"`
}

// getResult is a GET whose data shape Knit does not document.
func (b service) getResult(ctx context.Context, op, method string, p *QueryParams, opts []option.RequestOption) (*Result, error) {
	if p == nil {
		p = &QueryParams{}
	}
	var out Result
	if err := b.get(ctx, op, method, p, p.Extra, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}
