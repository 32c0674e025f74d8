package hris

import (
	"context"

	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// CompensationService lists compensation plans and updates an employee's
// compensation: in.HRIS.Compensation.Plans and Update.
type CompensationService struct{ service }

// Plans lists the app's compensation plans. Knit does not document the
// parameters or the answer: pass query parameters in params.Extra (params
// may be nil); the whole data is kept in Result.Raw.
//
// Knit method GET hr.compensation.plans, seen in third-party code; not in Knit's docs.
//
//knit:operation GET hr.compensation.plans observed
func (s *CompensationService) Plans(ctx context.Context, params *QueryParams, opts ...option.RequestOption) (*Result, error) {
	return s.getResult(ctx, "HRIS.Compensation.Plans", "hr.compensation.plans", params, opts)
}

// CompensationUpdateParams is the body of CompensationService.Update. Knit
// does not document its fields: put them in Extra by wire name.
type CompensationUpdateParams struct {
	// Extra holds the body fields by wire name (e.g. a plan ID and amount).
	Extra map[string]any `json:"-"`
}

type employeeBody struct {
	EmployeeID string `json:"employeeId"`
}

// Update updates an employee's compensation. The body is employeeID as
// "employeeId" with params.Extra merged in. The answer is kept whole in
// Result.Raw. An empty employeeID or a nil params is an error matching
// knit.ErrInvalidParams.
//
// Knit method POST hr.employee.compensation.update, seen in third-party code; not in Knit's docs.
//
//knit:operation POST hr.employee.compensation.update observed
func (s *CompensationService) Update(ctx context.Context, employeeID string, params *CompensationUpdateParams, opts ...option.RequestOption) (*Result, error) {
	const op = "HRIS.Compensation.Update"
	if err := requireID(op, "employeeID", employeeID); err != nil {
		return nil, err
	}
	if params == nil {
		return nil, transport.Required(op, "params")
	}
	return s.post(ctx, op, "hr.employee.compensation.update", employeeBody{employeeID}, params.Extra, opts)
}
