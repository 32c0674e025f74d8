package hris

import (
	"context"

	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// DeductionParams is the body of the company-wide deduction calls
// (CreateDeduction, UpdateDeduction). Its fields are UNKNOWN in Knit's
// docs: put them in Extra by wire name.
type DeductionParams struct {
	// Extra holds the body fields by wire name; it must not be empty.
	Extra map[string]any `json:"-"`
}

// EmployeeDeductionParams is the body of the employee deduction calls
// (EnrollDeduction, UnenrollDeduction, UpdateEmployeeDeduction). Its
// fields (which deduction, amounts...) are UNKNOWN: put them in Extra.
type EmployeeDeductionParams struct {
	// Extra holds the body fields by wire name.
	Extra map[string]any `json:"-"`
}

// Deductions lists the company-wide deductions and benefits.
//
// Knit method hr.deductions.list (GET), OBSERVED; parameters and answer
// UNKNOWN (params may be nil; data kept whole in Result.Raw).
func (c *Client) Deductions(ctx context.Context, params *ListParams, opts ...option.RequestOption) (*Result, error) {
	return c.getResult(ctx, "HRIS.Deductions", MethodDeductions, params, opts)
}

func (c *Client) companyDeduction(ctx context.Context, op, method string, params *DeductionParams, opts []option.RequestOption) (*Result, error) {
	if params == nil || len(params.Extra) == 0 {
		return nil, transport.Required(op, "Extra")
	}
	return c.post(ctx, op, method, struct{}{}, params.Extra, opts)
}

// CreateDeduction creates a company-wide deduction.
//
// Knit method hr.deductions.create (POST), OBSERVED. The body is UNKNOWN:
// params.Extra is sent as the body. The answer is kept whole in Result.Raw.
// A nil params or empty Extra is an error matching knit.ErrInvalidParams.
func (c *Client) CreateDeduction(ctx context.Context, params *DeductionParams, opts ...option.RequestOption) (*Result, error) {
	return c.companyDeduction(ctx, "HRIS.CreateDeduction", MethodDeductionCreate, params, opts)
}

// UpdateDeduction updates a company-wide deduction.
//
// Knit method hr.deductions.update (POST), OBSERVED. The body is UNKNOWN
// (including the key of the deduction's ID): params.Extra is sent as the
// body. The answer is kept whole in Result.Raw. A nil params or empty Extra
// is an error matching knit.ErrInvalidParams.
func (c *Client) UpdateDeduction(ctx context.Context, params *DeductionParams, opts ...option.RequestOption) (*Result, error) {
	return c.companyDeduction(ctx, "HRIS.UpdateDeduction", MethodDeductionUpdate, params, opts)
}

func (c *Client) employeeDeduction(ctx context.Context, op, method, employeeID string, params *EmployeeDeductionParams, opts []option.RequestOption) (*Result, error) {
	if err := requireID(op, "employeeID", employeeID); err != nil {
		return nil, err
	}
	if params == nil {
		return nil, transport.Required(op, "params")
	}
	return c.post(ctx, op, method, employeeBody{employeeID}, params.Extra, opts)
}

// EnrollDeduction enrols an employee in a deduction or benefit.
//
// Knit method hr.employee.deductions.enroll (POST), OBSERVED. The body is
// UNKNOWN: employeeID is sent as "employeeId" (INFERRED) and params.Extra
// is merged in. The answer is kept whole in Result.Raw. An empty employeeID
// or nil params is an error matching knit.ErrInvalidParams.
func (c *Client) EnrollDeduction(ctx context.Context, employeeID string, params *EmployeeDeductionParams, opts ...option.RequestOption) (*Result, error) {
	return c.employeeDeduction(ctx, "HRIS.EnrollDeduction", MethodEmployeeDeductionAdd, employeeID, params, opts)
}

// UnenrollDeduction removes an employee from a deduction or benefit.
//
// Knit method hr.employee.deductions.unenroll (POST), OBSERVED; body and
// answer as for EnrollDeduction.
func (c *Client) UnenrollDeduction(ctx context.Context, employeeID string, params *EmployeeDeductionParams, opts ...option.RequestOption) (*Result, error) {
	return c.employeeDeduction(ctx, "HRIS.UnenrollDeduction", MethodEmployeeDeductionDel, employeeID, params, opts)
}

// UpdateEmployeeDeduction changes an employee's enrolment in a deduction
// or benefit (e.g. the amount).
//
// Knit method hr.employee.deductions.update (POST), OBSERVED; body and
// answer as for EnrollDeduction.
func (c *Client) UpdateEmployeeDeduction(ctx context.Context, employeeID string, params *EmployeeDeductionParams, opts ...option.RequestOption) (*Result, error) {
	return c.employeeDeduction(ctx, "HRIS.UpdateEmployeeDeduction", MethodEmployeeDeductionUpd, employeeID, params, opts)
}
