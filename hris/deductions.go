package hris

import (
	"context"

	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// DeductionParams is the body of the company-wide deduction calls
// (DeductionService.Create and Update). Knit does not document its fields:
// put them in Extra by wire name.
type DeductionParams struct {
	// Extra holds the body fields by wire name; it must not be empty.
	Extra map[string]any `json:"-"`
}

// EmployeeDeductionParams is the body of the employee deduction calls
// (DeductionService.Enroll, Unenroll and UpdateEnrollment). Knit does not
// document its fields (which deduction, amounts...): put them in Extra.
type EmployeeDeductionParams struct {
	// Extra holds the body fields by wire name.
	Extra map[string]any `json:"-"`
}

// DeductionService manages company-wide deductions and benefits and the
// enrolment of employees in them: in.HRIS.Deductions.List, Create, Update,
// Enroll, Unenroll and UpdateEnrollment.
type DeductionService struct{ service }

// List lists the company-wide deductions and benefits. Knit does not
// document the parameters or the answer (params may be nil; data kept whole
// in Result.Raw).
//
// Knit method GET hr.deductions.list, seen in third-party code; not in Knit's docs.
//
//knit:operation GET hr.deductions.list observed
func (s *DeductionService) List(ctx context.Context, params *QueryParams, opts ...option.RequestOption) (*Result, error) {
	return s.getResult(ctx, "HRIS.Deductions.List", "hr.deductions.list", params, opts)
}

func (s *DeductionService) companyDeduction(ctx context.Context, op, method string, params *DeductionParams, opts []option.RequestOption) (*Result, error) {
	if params == nil || len(params.Extra) == 0 {
		return nil, transport.Required(op, "Extra")
	}
	return s.post(ctx, op, method, struct{}{}, params.Extra, opts)
}

// Create creates a company-wide deduction; params.Extra is sent as the
// body. The answer is kept whole in Result.Raw. A nil params or empty Extra
// is an error matching knit.ErrInvalidParams.
//
// Knit method POST hr.deductions.create, seen in third-party code; not in Knit's docs.
//
//knit:operation POST hr.deductions.create observed
func (s *DeductionService) Create(ctx context.Context, params *DeductionParams, opts ...option.RequestOption) (*Result, error) {
	return s.companyDeduction(ctx, "HRIS.Deductions.Create", "hr.deductions.create", params, opts)
}

// Update updates a company-wide deduction; params.Extra is sent as the body
// (including the deduction's ID, whose key Knit does not document). The
// answer is kept whole in Result.Raw. A nil params or empty Extra is an
// error matching knit.ErrInvalidParams.
//
// Knit method POST hr.deductions.update, seen in third-party code; not in Knit's docs.
//
//knit:operation POST hr.deductions.update observed
func (s *DeductionService) Update(ctx context.Context, params *DeductionParams, opts ...option.RequestOption) (*Result, error) {
	return s.companyDeduction(ctx, "HRIS.Deductions.Update", "hr.deductions.update", params, opts)
}

func (s *DeductionService) employeeDeduction(ctx context.Context, op, method, employeeID string, params *EmployeeDeductionParams, opts []option.RequestOption) (*Result, error) {
	if err := requireID(op, "employeeID", employeeID); err != nil {
		return nil, err
	}
	if params == nil {
		return nil, transport.Required(op, "params")
	}
	return s.post(ctx, op, method, employeeBody{employeeID}, params.Extra, opts)
}

// Enroll enrols an employee in a deduction or benefit. The body is
// employeeID as "employeeId" with params.Extra merged in. The answer is
// kept whole in Result.Raw. An empty employeeID or nil params is an error
// matching knit.ErrInvalidParams.
//
// Knit method POST hr.employee.deductions.enroll, seen in third-party code; not in Knit's docs.
//
//knit:operation POST hr.employee.deductions.enroll observed
func (s *DeductionService) Enroll(ctx context.Context, employeeID string, params *EmployeeDeductionParams, opts ...option.RequestOption) (*Result, error) {
	return s.employeeDeduction(ctx, "HRIS.Deductions.Enroll", "hr.employee.deductions.enroll", employeeID, params, opts)
}

// Unenroll removes an employee from a deduction or benefit; body and
// answer as for Enroll.
//
// Knit method POST hr.employee.deductions.unenroll, seen in third-party code; not in Knit's docs.
//
//knit:operation POST hr.employee.deductions.unenroll observed
func (s *DeductionService) Unenroll(ctx context.Context, employeeID string, params *EmployeeDeductionParams, opts ...option.RequestOption) (*Result, error) {
	return s.employeeDeduction(ctx, "HRIS.Deductions.Unenroll", "hr.employee.deductions.unenroll", employeeID, params, opts)
}

// UpdateEnrollment changes an employee's enrolment in a deduction or
// benefit (e.g. the amount); body and answer as for Enroll.
//
// Knit method POST hr.employee.deductions.update, seen in third-party code; not in Knit's docs.
//
//knit:operation POST hr.employee.deductions.update observed
func (s *DeductionService) UpdateEnrollment(ctx context.Context, employeeID string, params *EmployeeDeductionParams, opts ...option.RequestOption) (*Result, error) {
	return s.employeeDeduction(ctx, "HRIS.Deductions.UpdateEnrollment", "hr.employee.deductions.update", employeeID, params, opts)
}
