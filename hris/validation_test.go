package hris_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/internal/transport"
)

// TestValidation: bad input is refused before anything is sent, with an
// error that names the field.
func TestValidation(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		field string
		call  func(ctx context.Context, c *hris.Client) error
	}{
		{"LeaveBalances/empty", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.LeaveBalances(ctx, "", nil)
			return err
		}},
		{"LeaveBalances/blank", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.LeaveBalances(ctx, "  ", &hris.LeaveBalanceParams{})
			return err
		}},
		{"LeaveRequests", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.LeaveRequests(ctx, "", nil)
			return err
		}},
		{"LeaveRequests/extra clash", "Extra", func(ctx context.Context, c *hris.Client) error {
			_, err := c.LeaveRequests(ctx, "emp_1", &hris.LeaveRequestListParams{Extra: map[string][]string{"employeeId": {"other"}}})
			return err
		}},
		{"CreateLeaveRequest/nil", "params", func(ctx context.Context, c *hris.Client) error {
			_, err := c.CreateLeaveRequest(ctx, nil)
			return err
		}},
		{"CreateLeaveRequest/employee", "EmployeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.CreateLeaveRequest(ctx, &hris.LeaveRequestCreateParams{LeaveTypeID: "lt"})
			return err
		}},
		{"CreateLeaveRequest/extra clash", "Extra", func(ctx context.Context, c *hris.Client) error {
			_, err := c.CreateLeaveRequest(ctx, &hris.LeaveRequestCreateParams{EmployeeID: "e", Extra: map[string]any{"employeeId": "x"}})
			return err
		}},
		{"Payroll/employee", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Payroll(ctx, "", "2024-05")
			return err
		}},
		{"Payroll/month", "month", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Payroll(ctx, "emp_1", "")
			return err
		}},
		{"Attendance/nil", "params", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Attendance(ctx, nil)
			return err
		}},
		{"Attendance/start", "StartDate", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Attendance(ctx, &hris.DateRangeParams{EndDate: "2024-05-01"})
			return err
		}},
		{"Timesheets/end", "EndDate", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Timesheets(ctx, &hris.DateRangeParams{StartDate: "2024-05-01"})
			return err
		}},
		{"UpdateCompensation/employee", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.UpdateCompensation(ctx, "", &hris.CompensationUpdateParams{})
			return err
		}},
		{"UpdateCompensation/nil", "params", func(ctx context.Context, c *hris.Client) error {
			_, err := c.UpdateCompensation(ctx, "emp_1", nil)
			return err
		}},
		{"Documents", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Documents(ctx, "", nil)
			return err
		}},
		{"UploadDocument/employee", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.UploadDocument(ctx, "", &hris.DocumentUploadParams{Content: "x"})
			return err
		}},
		{"UploadDocument/nil", "params", func(ctx context.Context, c *hris.Client) error {
			_, err := c.UploadDocument(ctx, "emp_1", nil)
			return err
		}},
		{"UploadDocument/content", "Content", func(ctx context.Context, c *hris.Client) error {
			_, err := c.UploadDocument(ctx, "emp_1", &hris.DocumentUploadParams{FileName: "a.pdf"})
			return err
		}},
		{"CreateEmployee/nil", "params", func(ctx context.Context, c *hris.Client) error {
			_, err := c.CreateEmployee(ctx, nil)
			return err
		}},
		{"CreateEmployee/position", "Employment.PositionID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.CreateEmployee(ctx, &hris.EmployeeCreateParams{PersonalEmails: []string{"a@b.co"}})
			return err
		}},
		{"CreateEmployee/empty position", "Employment.PositionID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.CreateEmployee(ctx, &hris.EmployeeCreateParams{Employment: &hris.Employment{WorkShiftID: "s"}})
			return err
		}},
		{"CreateEmployee/metadata", "Metadata", func(ctx context.Context, c *hris.Client) error {
			_, err := c.CreateEmployee(ctx, &hris.EmployeeCreateParams{Employment: &hris.Employment{PositionID: "p"}, Metadata: json.RawMessage(`{bad`)})
			return err
		}},
		{"CreateEmployee/extra clash", "Extra", func(ctx context.Context, c *hris.Client) error {
			_, err := c.CreateEmployee(ctx, &hris.EmployeeCreateParams{Employment: &hris.Employment{PositionID: "p"}, Extra: map[string]any{"employment": map[string]any{"positionId": "q"}}})
			return err
		}},
		{"UpdateEmployee/employee", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.UpdateEmployee(ctx, "", &hris.EmployeeUpdateParams{})
			return err
		}},
		{"UpdateEmployee/nil", "params", func(ctx context.Context, c *hris.Client) error {
			_, err := c.UpdateEmployee(ctx, "emp_1", nil)
			return err
		}},
		{"TerminateEmployee", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.TerminateEmployee(ctx, "", nil)
			return err
		}},
		{"CreateDeduction/nil", "Extra", func(ctx context.Context, c *hris.Client) error {
			_, err := c.CreateDeduction(ctx, nil)
			return err
		}},
		{"UpdateDeduction/empty", "Extra", func(ctx context.Context, c *hris.Client) error {
			_, err := c.UpdateDeduction(ctx, &hris.DeductionParams{})
			return err
		}},
		{"EnrollDeduction", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.EnrollDeduction(ctx, "", &hris.EmployeeDeductionParams{})
			return err
		}},
		{"UnenrollDeduction/nil", "params", func(ctx context.Context, c *hris.Client) error {
			_, err := c.UnenrollDeduction(ctx, "emp_1", nil)
			return err
		}},
		{"UpdateEmployeeDeduction", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.UpdateEmployeeDeduction(ctx, "", &hris.EmployeeDeductionParams{})
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, fake := newFake(t, http.StatusOK, ok(`{}`))
			err := tc.call(context.Background(), c)
			require.Error(t, err)
			require.ErrorIs(t, err, transport.ErrInvalidParams)
			var perr *transport.ParamError
			require.ErrorAs(t, err, &perr)
			assert.Equal(t, tc.field, perr.Field)
			assert.Empty(t, fake.all(), "nothing may be sent")
		})
	}
}

// TestParamsNotMutated: the caller's params are left as they were.
func TestParamsNotMutated(t *testing.T) {
	t.Parallel()
	c, _ := newFake(t, http.StatusOK, ok(`{}`))
	p := &hris.LeaveRequestCreateParams{EmployeeID: "e", Extra: map[string]any{"a": 1}}
	_, err := c.CreateLeaveRequest(context.Background(), p)
	require.NoError(t, err)
	assert.Equal(t, &hris.LeaveRequestCreateParams{EmployeeID: "e", Extra: map[string]any{"a": 1}}, p)

	lp := &hris.LeaveRequestListParams{Extra: map[string][]string{"k": {"v"}}}
	_, err = c.LeaveRequests(context.Background(), "e", lp)
	require.NoError(t, err)
	assert.Equal(t, map[string][]string{"k": {"v"}}, map[string][]string(lp.Extra))
}

// TestIntegrationRequired: an empty integration ID fails before sending.
func TestIntegrationRequired(t *testing.T) {
	t.Parallel()
	cfg, err := transport.NewConfig("test-key")
	require.NoError(t, err)
	c := hris.NewClient(transport.New(cfg).Integration(""))
	_, err = c.LeaveBalances(context.Background(), "emp_1", nil)
	assert.ErrorIs(t, err, transport.ErrIntegrationRequired)
}

// TestMalformedResponse: a body that is not Knit's envelope is an error,
// never a panic.
func TestMalformedResponse(t *testing.T) {
	t.Parallel()
	c, _ := newFake(t, http.StatusOK, `<html>oops</html>`)
	_, err := c.Payroll(context.Background(), "emp_1", "2024-05")
	require.ErrorIs(t, err, transport.ErrMalformedResponse)

	c, _ = newFake(t, http.StatusOK, ok(`{"balances":[{"balance":"lots"}]}`))
	_, err = c.LeaveBalances(context.Background(), "emp_1", nil)
	require.Error(t, err)
}

// TestNullData: data:null and bare lists decode.
func TestNullData(t *testing.T) {
	t.Parallel()
	c, _ := newFake(t, http.StatusOK, ok(`null`))
	r, err := c.Companies(context.Background(), nil)
	require.NoError(t, err)
	assert.Empty(t, r.Raw)
	assert.Empty(t, r.String("id"))
	var v map[string]any
	require.Error(t, r.Decode(&v))

	c, _ = newFake(t, http.StatusOK, string(readFile(t, "leave_balance_null.json")))
	l, err := c.LeaveBalances(context.Background(), "emp_1", nil)
	require.NoError(t, err)
	assert.Empty(t, l.Balances)
	assert.Contains(t, string(l.Raw), "originData")

	c, _ = newFake(t, http.StatusOK, ok(`[{"leaveType":{"id":"lt"},"balance":1,"used":2}]`))
	l, err = c.LeaveBalances(context.Background(), "emp_1", nil)
	require.NoError(t, err)
	require.Len(t, l.Balances, 1)
	assert.Equal(t, "lt", l.Balances[0].LeaveType.ID)

	c, _ = newFake(t, http.StatusOK, ok(`{"requests":null}`))
	lr, err := c.LeaveRequests(context.Background(), "emp_1", nil)
	require.NoError(t, err)
	assert.Empty(t, lr.Requests)

	c, _ = newFake(t, http.StatusOK, ok(`[{"month":"2024-05"}]`))
	p, err := c.Payroll(context.Background(), "emp_1", "2024-05")
	require.NoError(t, err)
	assert.Empty(t, p.EmployeeID)
	assert.JSONEq(t, `[{"month":"2024-05"}]`, string(p.Raw))
}
