package hris_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/apierror"
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/internal/transport"
)

// opCase is one operation: how to call it, what must go on the wire and
// what a reply decodes into.
type opCase struct {
	name     string
	call     func(ctx context.Context, c *hris.Client) (any, error)
	verb     string
	method   string
	query    url.Values // GET: the exact query
	response string     // the full body the server answers
	check    func(t *testing.T, got any)
}

func resultID(t *testing.T, got any) {
	t.Helper()
	r, isResult := got.(*hris.Result)
	require.True(t, isResult)
	assert.Equal(t, "x_1", r.String("id"))
	assert.JSONEq(t, `{"id":"x_1","status":"done"}`, string(r.Raw))
}

var writeReply = ok(`{"id":"x_1","status":"done"}`)

func operations() []opCase {
	return []opCase{
		{
			name: "Leave.Balances",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Leave.Balances(ctx, "emp_1234", &hris.LeaveBalanceParams{OriginData: true})
			},
			verb: http.MethodGet, method: "hr.employees.leave.balance",
			query:    url.Values{"employeeId": {"emp_1234"}, "originData": {"true"}},
			response: "file:leave_balance.json",
			check: func(t *testing.T, got any) {
				l := got.(*hris.LeaveBalanceList)
				require.Len(t, l.Balances, 3)
				assert.Equal(t, hris.LeaveKindVacation, l.Balances[0].LeaveType.Type)
				assert.InDelta(t, 12.5, l.Balances[0].Balance, 1e-9)
				assert.InDelta(t, 7.5, l.Balances[0].Used, 1e-9)
				assert.Equal(t, hris.LeaveUnitHours, l.Balances[1].Unit)
				assert.Equal(t, hris.LeaveKind("SABBATICAL"), l.Balances[2].LeaveType.Type, "unknown enum kept")
				assert.Equal(t, hris.LeaveUnit("WEEKS"), l.Balances[2].Unit)
				paid, known := l.Balances[0].IsPaid.Bool()
				assert.True(t, paid)
				assert.True(t, known)
				assert.NotEmpty(t, l.Raw)
			},
		},
		{
			name: "Leave.Requests",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Leave.Requests(ctx, "emp_1234", &hris.LeaveRequestListParams{OriginData: true, Extra: url.Values{"status": {"APPROVED"}}})
			},
			verb: http.MethodGet, method: "hr.employees.leave.requests",
			query:    url.Values{"employeeId": {"emp_1234"}, "originData": {"true"}, "status": {"APPROVED"}},
			response: "file:leave_requests.json",
			check: func(t *testing.T, got any) {
				l := got.(*hris.LeaveRequestList)
				require.Len(t, l.Requests, 2)
				r := l.Requests[0]
				assert.Equal(t, "lr_1", r.ID)
				assert.Equal(t, hris.LeaveStatusApproved, r.Status)
				assert.Equal(t, hris.TriStateTrue, r.IsPaid)
				assert.InDelta(t, 5.0, r.Amount, 1e-9)
				start, isTime := r.StartDate.Time()
				require.True(t, isTime)
				assert.Equal(t, 20, start.Day())
				assert.Equal(t, hris.LeaveStatus("ESCALATED"), l.Requests[1].Status)
			},
		},
		{
			name: "Leave.Create",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Leave.Create(ctx, &hris.LeaveRequestCreateParams{
					EmployeeID: "emp_1234", LeaveTypeID: "lt_vac",
					StartDate: "2024-07-01", EndDate: "2024-07-05", Unit: hris.LeaveUnitDays, Amount: 5,
					Note: "Summer", Extra: map[string]any{"halfDay": false},
				})
			},
			verb: http.MethodPost, method: "hr.employees.leave.create", response: writeReply, check: resultID,
		},
		{
			name: "Payroll.Get",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Payroll.Get(ctx, "emp_1234", "2024-05")
			},
			verb: http.MethodGet, method: "hr.employees.payroll.get",
			query:    url.Values{"employeeId": {"emp_1234"}, "month": {"2024-05"}},
			response: "file:payroll.json",
			check: func(t *testing.T, got any) {
				p := got.(*hris.Payroll)
				assert.Equal(t, "emp_1234", p.EmployeeID)
				assert.Equal(t, "15416.67", p.GrossPay.String())
				assert.Equal(t, "11020.5", p.NetPay.String())
				require.Len(t, p.Earnings, 3)
				assert.Equal(t, hris.PayItemBasic, p.Earnings[0].Type)
				assert.Equal(t, hris.PayItem401k, p.Contributions[1].Type)
				assert.Equal(t, hris.PayItemType("GARNISHMENT"), p.Deductions[2].Type)
				pay, isTime := p.PayDate.Time()
				require.True(t, isTime)
				assert.Equal(t, 31, pay.Day())
				assert.Contains(t, string(p.Raw), `"currency": "USD"`, "unknown keys kept in Raw")
			},
		},
		{
			name: "Attendance.List",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Attendance.List(ctx, &hris.DateRangeParams{StartDate: "2024-05-20", EndDate: "2024-05-26", EmployeeID: "emp_1234"})
			},
			verb: http.MethodGet, method: "hr.employees.attendance",
			query:    url.Values{"startDate": {"2024-05-20"}, "endDate": {"2024-05-26"}, "employeeId": {"emp_1234"}},
			response: "file:attendance.json",
			check: func(t *testing.T, got any) {
				l := got.(*hris.AttendanceList)
				require.Len(t, l.Records, 2)
				assert.Equal(t, hris.AttendanceStatusPresent, l.Records[0].Status)
				assert.InDelta(t, 8.0, l.Records[0].EffectiveHours, 1e-9)
				assert.Equal(t, hris.AttendanceStatus("WORK_FROM_HOME"), l.Records[1].Status)
			},
		},
		{
			name: "Timesheets.List",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Timesheets.List(ctx, &hris.DateRangeParams{
					StartDate: basemodel.DateTime("2024-05-01"), EndDate: "2024-05-31",
					Extra: url.Values{"pageSize": {"50"}},
				})
			},
			verb: http.MethodGet, method: "hr.employees.timesheets",
			query:    url.Values{"startDate": {"2024-05-01"}, "endDate": {"2024-05-31"}, "pageSize": {"50"}},
			response: "file:timesheets.json",
			check: func(t *testing.T, got any) {
				l := got.(*hris.TimesheetList)
				require.Len(t, l.Timesheets, 2)
				assert.JSONEq(t, `{"id":"ts_2"}`, string(l.Timesheets[1]))
			},
		},
		{
			name: "Compensation.Plans",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Compensation.Plans(ctx, nil)
			},
			verb: http.MethodGet, method: "hr.compensation.plans", query: url.Values{},
			response: writeReply, check: resultID,
		},
		{
			name: "Compensation.Update",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Compensation.Update(ctx, "emp_1234", &hris.CompensationUpdateParams{
					Extra: map[string]any{"planId": "plan_7", "amount": 120000, "currency": "USD"},
				})
			},
			verb: http.MethodPost, method: "hr.employee.compensation.update", response: writeReply, check: resultID,
		},
		{
			name: "Documents.List",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Documents.List(ctx, "emp_1234", nil)
			},
			verb: http.MethodGet, method: "hr.employees.documents", query: url.Values{"employeeId": {"emp_1234"}},
			response: writeReply, check: resultID,
		},
		{
			name: "Documents.Upload",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Documents.Upload(ctx, "emp_1234", &hris.DocumentUploadParams{
					Category: "cat_contracts", FileName: "offer.pdf", Comment: "Signed offer",
					Content: "JVBERi0xLjQK", Encoding: hris.DocumentEncodingBase64,
				})
			},
			verb: http.MethodPost, method: "hr.employees.document.upload", response: writeReply, check: resultID,
		},
		{
			name: "Documents.Categories",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Documents.Categories(ctx, &hris.QueryParams{OriginData: true})
			},
			verb: http.MethodGet, method: "hr.documents.categories", query: url.Values{"originData": {"true"}},
			response: writeReply, check: resultID,
		},
		{
			name: "Employees.Create",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Employees.Create(ctx, &hris.EmployeeCreateParams{
					FirstName:      "New",
					LastName:       "Hire",
					EmploymentType: hris.EmploymentTypeFullTime,
					WorkAddress:    &basemodel.Address{ID: "loc_sf", AddressLine1: "1 Market St", City: "San Francisco", State: "US-CA", Country: "USA", ZipCode: "94105"},
					Employment:     &hris.Employment{PositionID: "pos_12", WorkShiftID: "shift_day"},
					PersonalEmails: []string{"new.hire@example.com"},
					Metadata:       json.RawMessage(`{"PaygroupDescription":"Biweekly","DepartmentCode":"ENG","LegalEntityId":"42"}`),
				})
			},
			verb: http.MethodPost, method: "hr.employee.create", response: writeReply, check: resultID,
		},
		{
			name: "Employees.Update",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Employees.Update(ctx, "emp_1234", &hris.EmployeeUpdateParams{
					Metadata: json.RawMessage(`{"costCenter":"CC-9"}`),
					Extra:    map[string]any{"designation": "Staff Engineer"},
				})
			},
			verb: http.MethodPost, method: "hr.employee.update", response: writeReply, check: resultID,
		},
		{
			name: "Employees.Terminate",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Employees.Terminate(ctx, "emp_1234", &hris.EmployeeTerminateParams{
					Extra: map[string]any{"terminationDate": "2024-08-31", "reasonId": "r_resign"},
				})
			},
			verb: http.MethodPost, method: "hr.employee.terminate", response: writeReply, check: resultID,
		},
		{
			name: "Employees.TerminationReasons",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Employees.TerminationReasons(ctx, nil)
			},
			verb: http.MethodGet, method: "hr.termination.reasons", query: url.Values{},
			response: writeReply, check: resultID,
		},
		{
			name: "Employees.FieldValues",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Employees.FieldValues(ctx, &hris.QueryParams{Extra: url.Values{"field": {"department"}}})
			},
			verb: http.MethodGet, method: "hr.employees.field.values", query: url.Values{"field": {"department"}},
			response: writeReply, check: resultID,
		},
		{
			name: "Companies.List",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Companies.List(ctx, nil)
			},
			verb: http.MethodGet, method: "hr.companies.list", query: url.Values{},
			response: writeReply, check: resultID,
		},
		{
			name: "Deductions.List",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Deductions.List(ctx, nil)
			},
			verb: http.MethodGet, method: "hr.deductions.list", query: url.Values{},
			response: writeReply, check: resultID,
		},
		{
			name: "Deductions.Create",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Deductions.Create(ctx, &hris.DeductionParams{Extra: map[string]any{"name": "Gym", "type": "POST_TAX"}})
			},
			verb: http.MethodPost, method: "hr.deductions.create", response: writeReply, check: resultID,
		},
		{
			name: "Deductions.Update",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Deductions.Update(ctx, &hris.DeductionParams{Extra: map[string]any{"deductionId": "d_1", "name": "Gym+"}})
			},
			verb: http.MethodPost, method: "hr.deductions.update", response: writeReply, check: resultID,
		},
		{
			name: "Deductions.Enroll",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Deductions.Enroll(ctx, "emp_1234", &hris.EmployeeDeductionParams{Extra: map[string]any{"deductionId": "d_1", "amount": 50}})
			},
			verb: http.MethodPost, method: "hr.employee.deductions.enroll", response: writeReply, check: resultID,
		},
		{
			name: "Deductions.Unenroll",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Deductions.Unenroll(ctx, "emp_1234", &hris.EmployeeDeductionParams{Extra: map[string]any{"deductionId": "d_1"}})
			},
			verb: http.MethodPost, method: "hr.employee.deductions.unenroll", response: writeReply, check: resultID,
		},
		{
			name: "Deductions.UpdateEnrollment",
			call: func(ctx context.Context, c *hris.Client) (any, error) {
				return c.Deductions.UpdateEnrollment(ctx, "emp_1234", &hris.EmployeeDeductionParams{Extra: map[string]any{"deductionId": "d_1", "amount": 75}})
			},
			verb: http.MethodPost, method: "hr.employee.deductions.update", response: writeReply, check: resultID,
		},
	}
}

func TestOperations(t *testing.T) {
	t.Parallel()
	for _, tc := range operations() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			body := tc.response
			if name, isFile := cutPrefix(body, "file:"); isFile {
				body = string(readFile(t, name))
			}
			c, fake := newFake(t, http.StatusOK, body)
			got, err := tc.call(context.Background(), c)
			require.NoError(t, err)

			hits := fake.all()
			require.Len(t, hits, 1)
			h := hits[0]
			assert.Equal(t, tc.verb, h.Method)
			assert.Equal(t, "/"+tc.method, h.Path)
			assert.Equal(t, testIntegration, h.Integration)
			if tc.verb == http.MethodGet {
				q, err := url.ParseQuery(h.RawQuery)
				require.NoError(t, err)
				assert.Equal(t, tc.query, q)
				assert.Empty(t, h.Body)
			} else {
				assert.Equal(t, transport.ContentTypeJSON, h.ContentType)
				assert.JSONEq(t, golden(t, tc.name, h.Body), string(h.Body))
			}
			tc.check(t, got)
		})
	}
}

// TestOperationsNotSupported: Knit's 404 "not supported for this app"
// surfaces as ErrNotSupported from every operation, with the Knit method
// and integration stamped on the error.
func TestOperationsNotSupported(t *testing.T) {
	t.Parallel()
	for _, tc := range operations() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, fake := newFake(t, http.StatusNotFound, `{"success":false,"error":{"msg":"Tool not supported for this app"}}`)
			got, err := tc.call(context.Background(), c)
			require.Error(t, err)
			require.ErrorIs(t, err, apierror.ErrNotSupported)
			var kerr *apierror.Error
			require.ErrorAs(t, err, &kerr)
			assert.Equal(t, tc.method, kerr.Method)
			assert.Equal(t, testIntegration, kerr.IntegrationID)
			assert.Equal(t, "exec_1", kerr.ExecutionID)
			assert.Len(t, fake.all(), 1)
			assertNilResult(t, got)
		})
	}
}

// TestOperationsSuccessFalse: a 200 with success:false is an error too.
func TestOperationsSuccessFalse(t *testing.T) {
	t.Parallel()
	for _, tc := range operations() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, _ := newFake(t, http.StatusOK, `{"success":false,"error":{"msg":"No such employee exists"}}`)
			_, err := tc.call(context.Background(), c)
			var kerr *apierror.Error
			require.ErrorAs(t, err, &kerr)
			assert.Equal(t, "No such employee exists", kerr.Message)
		})
	}
}

func assertNilResult(t *testing.T, got any) {
	t.Helper()
	switch v := got.(type) {
	case *hris.Result:
		assert.Nil(t, v)
	case *hris.LeaveBalanceList:
		assert.Nil(t, v)
	case *hris.LeaveRequestList:
		assert.Nil(t, v)
	case *hris.Payroll:
		assert.Nil(t, v)
	case *hris.AttendanceList:
		assert.Nil(t, v)
	case *hris.TimesheetList:
		assert.Nil(t, v)
	default:
		t.Fatalf("unexpected result type %T", got)
	}
}

func cutPrefix(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix):], true
	}
	return s, false
}
