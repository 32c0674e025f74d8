package hris_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/apierror"
	"github.com/knit-sdk/knit-go/hris"
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
		{"Leave.Balances/empty", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Leave.Balances(ctx, "", nil)
			return err
		}},
		{"Leave.Balances/blank", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Leave.Balances(ctx, "  ", &hris.LeaveBalanceParams{})
			return err
		}},
		{"Leave.Requests", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Leave.Requests(ctx, "", nil)
			return err
		}},
		{"Leave.Requests/extra clash", "Extra", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Leave.Requests(ctx, "emp_1", &hris.LeaveRequestListParams{Extra: map[string][]string{"employeeId": {"other"}}})
			return err
		}},
		{"Leave.Create/nil", "params", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Leave.Create(ctx, nil)
			return err
		}},
		{"Leave.Create/employee", "EmployeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Leave.Create(ctx, &hris.LeaveRequestCreateParams{LeaveTypeID: "lt"})
			return err
		}},
		{"Leave.Create/extra clash", "Extra", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Leave.Create(ctx, &hris.LeaveRequestCreateParams{EmployeeID: "e", Extra: map[string]any{"employeeId": "x"}})
			return err
		}},
		{"Payroll.Get/employee", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Payroll.Get(ctx, "", "2024-05")
			return err
		}},
		{"Payroll.Get/month", "month", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Payroll.Get(ctx, "emp_1", "")
			return err
		}},
		{"Attendance.List/nil", "params", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Attendance.List(ctx, nil)
			return err
		}},
		{"Attendance.List/start", "StartDate", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Attendance.List(ctx, &hris.DateRangeParams{EndDate: "2024-05-01"})
			return err
		}},
		{"Timesheets.List/end", "EndDate", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Timesheets.List(ctx, &hris.DateRangeParams{StartDate: "2024-05-01"})
			return err
		}},
		{"Compensation.Update/employee", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Compensation.Update(ctx, "", &hris.CompensationUpdateParams{})
			return err
		}},
		{"Compensation.Update/nil", "params", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Compensation.Update(ctx, "emp_1", nil)
			return err
		}},
		{"Documents.List", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Documents.List(ctx, "", nil)
			return err
		}},
		{"Documents.Upload/employee", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Documents.Upload(ctx, "", &hris.DocumentUploadParams{Content: "x"})
			return err
		}},
		{"Documents.Upload/nil", "params", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Documents.Upload(ctx, "emp_1", nil)
			return err
		}},
		{"Documents.Upload/content", "Content", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Documents.Upload(ctx, "emp_1", &hris.DocumentUploadParams{FileName: "a.pdf"})
			return err
		}},
		{"Employees.Create/nil", "params", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Employees.Create(ctx, nil)
			return err
		}},
		{"Employees.Create/first name", "FirstName", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Employees.Create(ctx, &hris.EmployeeCreateParams{LastName: "Knit", Employment: &hris.Employment{PositionID: "p"}})
			return err
		}},
		{"Employees.Create/last name", "LastName", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Employees.Create(ctx, &hris.EmployeeCreateParams{FirstName: "Vivek", LastName: " ", Employment: &hris.Employment{PositionID: "p"}})
			return err
		}},
		{"Employees.Create/position", "Employment.PositionID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Employees.Create(ctx, &hris.EmployeeCreateParams{FirstName: "Vivek", LastName: "Knit", PersonalEmails: []string{"a@b.co"}})
			return err
		}},
		{"Employees.Create/empty position", "Employment.PositionID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Employees.Create(ctx, &hris.EmployeeCreateParams{FirstName: "Vivek", LastName: "Knit", Employment: &hris.Employment{WorkShiftID: "s"}})
			return err
		}},
		{"Employees.Create/start date", "StartDate", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Employees.Create(ctx, &hris.EmployeeCreateParams{FirstName: "Vivek", LastName: "Knit", Employment: &hris.Employment{PositionID: "p"}, StartDate: "10/10/2025"})
			return err
		}},
		{"Employees.Create/birth date", "BirthDate", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Employees.Create(ctx, &hris.EmployeeCreateParams{FirstName: "Vivek", LastName: "Knit", Employment: &hris.Employment{PositionID: "p"}, BirthDate: "1991-12-31T00:00:00Z"})
			return err
		}},
		{"Employees.Create/metadata", "Metadata", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Employees.Create(ctx, &hris.EmployeeCreateParams{FirstName: "Vivek", LastName: "Knit", Employment: &hris.Employment{PositionID: "p"}, Metadata: json.RawMessage(`{bad`)})
			return err
		}},
		{"Employees.Create/extra clash", "Extra", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Employees.Create(ctx, &hris.EmployeeCreateParams{FirstName: "Vivek", LastName: "Knit", Employment: &hris.Employment{PositionID: "p"}, Extra: map[string]any{"firstName": "Typo"}})
			return err
		}},
		{"Employees.Update/employee", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Employees.Update(ctx, "", &hris.EmployeeUpdateParams{})
			return err
		}},
		{"Employees.Update/nil", "params", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Employees.Update(ctx, "emp_1", nil)
			return err
		}},
		{"Employees.Terminate", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Employees.Terminate(ctx, "", nil)
			return err
		}},
		{"Deductions.Create/nil", "Extra", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Deductions.Create(ctx, nil)
			return err
		}},
		{"Deductions.Update/empty", "Extra", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Deductions.Update(ctx, &hris.DeductionParams{})
			return err
		}},
		{"Deductions.Enroll", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Deductions.Enroll(ctx, "", &hris.EmployeeDeductionParams{})
			return err
		}},
		{"Deductions.Unenroll/nil", "params", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Deductions.Unenroll(ctx, "emp_1", nil)
			return err
		}},
		{"Deductions.UpdateEnrollment", "employeeID", func(ctx context.Context, c *hris.Client) error {
			_, err := c.Deductions.UpdateEnrollment(ctx, "", &hris.EmployeeDeductionParams{})
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, fake := newFake(t, http.StatusOK, ok(`{}`))
			err := tc.call(context.Background(), c)
			require.Error(t, err)
			require.ErrorIs(t, err, apierror.ErrInvalidParams)
			var perr *apierror.ParamError
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
	_, err := c.Leave.Create(context.Background(), p)
	require.NoError(t, err)
	assert.Equal(t, &hris.LeaveRequestCreateParams{EmployeeID: "e", Extra: map[string]any{"a": 1}}, p)

	lp := &hris.LeaveRequestListParams{Extra: map[string][]string{"k": {"v"}}}
	_, err = c.Leave.Requests(context.Background(), "e", lp)
	require.NoError(t, err)
	assert.Equal(t, map[string][]string{"k": {"v"}}, map[string][]string(lp.Extra))
}

// TestIntegrationRequired: an empty integration ID fails before sending.
func TestIntegrationRequired(t *testing.T) {
	t.Parallel()
	client, err := knit.NewClient("test-key")
	require.NoError(t, err)
	c := client.Integration("").HRIS
	_, err = c.Leave.Balances(context.Background(), "emp_1", nil)
	assert.ErrorIs(t, err, apierror.ErrIntegrationRequired)
}

// TestMalformedResponse: a body that is not Knit's envelope is an error,
// never a panic.
func TestMalformedResponse(t *testing.T) {
	t.Parallel()
	c, _ := newFake(t, http.StatusOK, `<html>oops</html>`)
	_, err := c.Payroll.Get(context.Background(), "emp_1", "2024-05")
	require.ErrorIs(t, err, apierror.ErrMalformedResponse)

	c, _ = newFake(t, http.StatusOK, ok(`{"balances":[{"balance":"lots"}]}`))
	_, err = c.Leave.Balances(context.Background(), "emp_1", nil)
	require.Error(t, err)
}

// TestNullData: data:null and bare lists decode.
func TestNullData(t *testing.T) {
	t.Parallel()
	c, _ := newFake(t, http.StatusOK, ok(`null`))
	r, err := c.Companies.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Empty(t, r.Raw)
	assert.Empty(t, r.String("id"))
	var v map[string]any
	require.Error(t, r.Decode(&v))

	c, _ = newFake(t, http.StatusOK, string(readFile(t, "leave_balance_null.json")))
	l, err := c.Leave.Balances(context.Background(), "emp_1", nil)
	require.NoError(t, err)
	assert.Empty(t, l.Balances)
	assert.Contains(t, string(l.Raw), "originData")

	c, _ = newFake(t, http.StatusOK, ok(`[{"leaveType":{"id":"lt"},"balance":1,"used":2}]`))
	l, err = c.Leave.Balances(context.Background(), "emp_1", nil)
	require.NoError(t, err)
	require.Len(t, l.Balances, 1)
	assert.Equal(t, "lt", l.Balances[0].LeaveType.ID)

	c, _ = newFake(t, http.StatusOK, ok(`{"requests":null}`))
	lr, err := c.Leave.Requests(context.Background(), "emp_1", nil)
	require.NoError(t, err)
	assert.Empty(t, lr.Requests)

	c, _ = newFake(t, http.StatusOK, ok(`[{"month":"2024-05"}]`))
	p, err := c.Payroll.Get(context.Background(), "emp_1", "2024-05")
	require.NoError(t, err)
	assert.Empty(t, p.EmployeeID)
	assert.JSONEq(t, `[{"month":"2024-05"}]`, string(p.Raw))
}
