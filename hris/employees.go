package hris

import (
	"context"
	"encoding/json"

	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// Employees reach Knit through syncs (see DecodeEmployee); an on-demand
// employee list or get is UNKNOWN and deliberately absent. The calls below
// write employees.

// EmployeeCreateParams is the body of CreateEmployee. Knit's add-employee
// page (CONFIRMED) names positionId, workAddress (id plus address lines),
// employment.workShiftId, the personalEmails array and metadata; the curl
// bodies of Knit's Oracle HCM and Zoho People guides put positionId inside
// employment ("employment": {"positionId": "..."}), so Employment.PositionID
// carries it. The full schema is UNKNOWN, so everything else (names,
// dates...) goes in Extra by wire name.
type EmployeeCreateParams struct {
	// WorkAddress.ID is the app's work site / location ID (Hibob work site,
	// Paycor work location, Keka location...). Workday wants ISO 3166-2
	// states and ISO 3166-1 alpha-3 countries.
	WorkAddress *basemodel.Address `json:"workAddress,omitempty"`
	// Employment carries employment details; Employment.PositionID is
	// required.
	Employment *Employment `json:"employment,omitempty"`
	// PersonalEmails: several apps keep only the first one.
	PersonalEmails []string `json:"personalEmails,omitempty"`
	// Metadata holds app-specific fields as a JSON object, e.g. Paycor's
	// PaygroupDescription, DepartmentCode, LegalEntityId (CONFIRMED).
	Metadata json.RawMessage `json:"metadata,omitempty"`
	// Extra holds further body fields by wire name; a key that a typed field
	// already set is an error.
	Extra map[string]any `json:"-"`
}

// Employment is the employment part of EmployeeCreateParams.
type Employment struct {
	// PositionID is required by CreateEmployee: an ID from the app's "Get
	// Position Details" API, or any dummy string for apps that lack
	// positions (CONFIRMED, add-employee). Sent as employment.positionId.
	PositionID string `json:"positionId,omitempty"`
	// WorkShiftID is the app's work shift ID (not supported by every app).
	WorkShiftID string `json:"workShiftId,omitempty"`
	// Extra holds further employment fields by wire name.
	Extra map[string]any `json:"-"`
}

// MarshalJSON merges Extra into the employment object.
func (e Employment) MarshalJSON() ([]byte, error) {
	type plain Employment
	return transport.MarshalWithExtra(plain(e), e.Extra)
}

func validMetadata(op string, m json.RawMessage) error {
	if len(m) > 0 && !json.Valid(m) {
		return transport.InvalidParam(op, "Metadata", "is not valid JSON")
	}
	return nil
}

// CreateEmployee creates an employee in the connected HRIS.
//
// Knit method hr.employee.create (POST): the page is CONFIRMED
// (developers.getknit.dev/reference/add-employee) but its full schema is
// UNKNOWN; params' typed fields are the ones the page names and params.Extra
// is merged into the body. The answer's shape is UNKNOWN and kept whole in
// Result.Raw. A nil params, a missing Employment.PositionID or invalid
// Metadata is an error matching knit.ErrInvalidParams.
func (c *Client) CreateEmployee(ctx context.Context, params *EmployeeCreateParams, opts ...option.RequestOption) (*Result, error) {
	const op = "HRIS.CreateEmployee"
	if params == nil {
		return nil, transport.Required(op, "params")
	}
	if params.Employment == nil {
		return nil, transport.Required(op, "Employment.PositionID")
	}
	if err := requireID(op, "Employment.PositionID", params.Employment.PositionID); err != nil {
		return nil, err
	}
	if err := validMetadata(op, params.Metadata); err != nil {
		return nil, err
	}
	return c.post(ctx, op, MethodEmployeeCreate, params, params.Extra, opts)
}

// EmployeeUpdateParams is the body of UpdateEmployee; its fields are
// UNKNOWN in Knit's docs.
type EmployeeUpdateParams struct {
	// Metadata holds app-specific fields as a JSON object (INFERRED by
	// analogy with CreateEmployee).
	Metadata json.RawMessage `json:"metadata,omitempty"`
	// Extra holds the fields to change by wire name.
	Extra map[string]any `json:"-"`
}

type employeeUpdateBody struct {
	EmployeeID string `json:"employeeId"`
	*EmployeeUpdateParams
}

// UpdateEmployee updates an employee.
//
// Knit method hr.employee.update (POST), OBSERVED. The body is UNKNOWN:
// employeeID is sent as "employeeId" (INFERRED) and params.Extra is merged
// in. The answer is kept whole in Result.Raw. An empty employeeID, a nil
// params or invalid Metadata is an error matching knit.ErrInvalidParams.
func (c *Client) UpdateEmployee(ctx context.Context, employeeID string, params *EmployeeUpdateParams, opts ...option.RequestOption) (*Result, error) {
	const op = "HRIS.UpdateEmployee"
	if err := requireID(op, "employeeID", employeeID); err != nil {
		return nil, err
	}
	if params == nil {
		return nil, transport.Required(op, "params")
	}
	if err := validMetadata(op, params.Metadata); err != nil {
		return nil, err
	}
	return c.post(ctx, op, MethodEmployeeUpdate, employeeUpdateBody{employeeID, params}, params.Extra, opts)
}

// EmployeeTerminateParams is the body of TerminateEmployee; its fields
// (termination date, a reason from TerminationReasons...) are UNKNOWN in
// Knit's docs: put them in Extra by wire name.
type EmployeeTerminateParams struct {
	// Extra holds the body fields by wire name.
	Extra map[string]any `json:"-"`
}

// TerminateEmployee terminates an employee.
//
// Knit method hr.employee.terminate (POST), OBSERVED. The body is UNKNOWN:
// employeeID is sent as "employeeId" (INFERRED) and params.Extra is merged
// in (params may be nil). The answer is kept whole in Result.Raw. An empty
// employeeID is an error matching knit.ErrInvalidParams.
func (c *Client) TerminateEmployee(ctx context.Context, employeeID string, params *EmployeeTerminateParams, opts ...option.RequestOption) (*Result, error) {
	const op = "HRIS.TerminateEmployee"
	if err := requireID(op, "employeeID", employeeID); err != nil {
		return nil, err
	}
	var extra map[string]any
	if params != nil {
		extra = params.Extra
	}
	return c.post(ctx, op, MethodEmployeeTerminate, employeeBody{employeeID}, extra, opts)
}

// TerminationReasons lists the app's termination reasons.
//
// Knit method hr.termination.reasons (GET), OBSERVED; parameters and answer
// UNKNOWN (params may be nil; data kept whole in Result.Raw).
func (c *Client) TerminationReasons(ctx context.Context, params *ListParams, opts ...option.RequestOption) (*Result, error) {
	return c.getResult(ctx, "HRIS.TerminationReasons", MethodTerminationReasons, params, opts)
}

// FieldValues lists the allowed values ("list of values") of the app's
// employee fields.
//
// Knit method hr.employees.field.values (GET), OBSERVED; parameters (e.g.
// which field) and answer are UNKNOWN: pass them in params.Extra (params
// may be nil); data is kept whole in Result.Raw.
func (c *Client) FieldValues(ctx context.Context, params *ListParams, opts ...option.RequestOption) (*Result, error) {
	return c.getResult(ctx, "HRIS.FieldValues", MethodFieldValues, params, opts)
}

// Companies lists the companies (legal entities) of the connected HRIS.
//
// Knit method hr.companies.list (GET), OBSERVED; parameters and answer
// UNKNOWN (params may be nil; data kept whole in Result.Raw).
func (c *Client) Companies(ctx context.Context, params *ListParams, opts ...option.RequestOption) (*Result, error) {
	return c.getResult(ctx, "HRIS.Companies", MethodCompanies, params, opts)
}
