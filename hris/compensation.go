package hris

import (
	"context"

	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// CompensationPlans lists the app's compensation plans.
//
// Knit method hr.compensation.plans (GET), OBSERVED. Its parameters and
// answer are UNKNOWN: pass query parameters in params.Extra (params may be
// nil); the whole data is kept in Result.Raw.
func (c *Client) CompensationPlans(ctx context.Context, params *ListParams, opts ...option.RequestOption) (*Result, error) {
	return c.getResult(ctx, "HRIS.CompensationPlans", MethodCompensationPlans, params, opts)
}

// CompensationUpdateParams is the body of UpdateCompensation. Its fields
// are UNKNOWN in Knit's docs: put them in Extra by wire name.
type CompensationUpdateParams struct {
	// Extra holds the body fields by wire name (e.g. a plan ID and amount).
	Extra map[string]any `json:"-"`
}

type employeeBody struct {
	EmployeeID string `json:"employeeId"`
}

// UpdateCompensation updates an employee's compensation.
//
// Knit method hr.employee.compensation.update (POST), OBSERVED. The body is
// UNKNOWN: employeeID is sent as "employeeId" (INFERRED) and params.Extra
// is merged in. The answer is kept whole in Result.Raw. An empty
// employeeID or a nil params is an error matching knit.ErrInvalidParams.
func (c *Client) UpdateCompensation(ctx context.Context, employeeID string, params *CompensationUpdateParams, opts ...option.RequestOption) (*Result, error) {
	const op = "HRIS.UpdateCompensation"
	if err := requireID(op, "employeeID", employeeID); err != nil {
		return nil, err
	}
	if params == nil {
		return nil, transport.Required(op, "params")
	}
	return c.post(ctx, op, MethodCompensationUpdate, employeeBody{employeeID}, params.Extra, opts)
}
