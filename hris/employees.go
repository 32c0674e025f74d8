package hris

import (
	"context"
	"encoding/json"

	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// EmployeeService writes employees: in.HRIS.Employees.Create, Update and
// Terminate, plus the lists those writes need (TerminationReasons,
// FieldValues). Employees are read through syncs (see DecodeEmployee):
// Knit does not document an on-demand employee list or get, so there is
// none here.
type EmployeeService struct{ service }

// EmployeeCreateParams is the body of EmployeeService.Create. Knit's
// add-employee page names positionId, workAddress (id plus address lines),
// employment.workShiftId, the personalEmails array and metadata; the curl
// bodies of Knit's Oracle HCM and Zoho People guides put positionId inside
// employment ("employment": {"positionId": "..."}), so Employment.PositionID
// carries it. The page does not give the full schema, so everything else
// (names, dates...) goes in Extra by wire name.
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
	// PaygroupDescription, DepartmentCode, LegalEntityId.
	Metadata json.RawMessage `json:"metadata,omitempty"`
	// Extra holds further body fields by wire name; a key that a typed field
	// already set is an error.
	Extra map[string]any `json:"-"`
}

// Employment is the employment part of EmployeeCreateParams.
type Employment struct {
	// PositionID is required by EmployeeService.Create: an ID from the app's "Get
	// Position Details" API, or any dummy string for apps that lack
	// positions (Knit's add-employee page). Sent as employment.positionId.
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

// Create creates an employee in the connected HRIS. params' typed fields
// are the ones Knit's page names and params.Extra is merged into the body.
// The answer is kept whole in Result.Raw. A nil params, a missing
// Employment.PositionID or invalid Metadata is an error matching
// knit.ErrInvalidParams.
//
// Knit method POST hr.employee.create, documented by Knit: https://developers.getknit.dev/reference/add-employee
//
//knit:operation POST hr.employee.create documented
func (s *EmployeeService) Create(ctx context.Context, params *EmployeeCreateParams, opts ...option.RequestOption) (*Result, error) {
	const op = "HRIS.Employees.Create"
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
	return s.post(ctx, op, methodEmployeeCreate, params, params.Extra, opts)
}

// EmployeeUpdateParams is the body of EmployeeService.Update; Knit does not
// document its fields.
type EmployeeUpdateParams struct {
	// Metadata holds app-specific fields as a JSON object, as for Create.
	Metadata json.RawMessage `json:"metadata,omitempty"`
	// Extra holds the fields to change by wire name.
	Extra map[string]any `json:"-"`
}

type employeeUpdateBody struct {
	EmployeeID string `json:"employeeId"`
	*EmployeeUpdateParams
}

// Update updates an employee. The body is employeeID as "employeeId" with
// params.Extra merged in. The answer is kept whole in Result.Raw. An empty
// employeeID, a nil params or invalid Metadata is an error matching
// knit.ErrInvalidParams.
//
// Knit method POST hr.employee.update, seen in third-party code; not in Knit's docs.
//
//knit:operation POST hr.employee.update observed
func (s *EmployeeService) Update(ctx context.Context, employeeID string, params *EmployeeUpdateParams, opts ...option.RequestOption) (*Result, error) {
	const op = "HRIS.Employees.Update"
	if err := requireID(op, "employeeID", employeeID); err != nil {
		return nil, err
	}
	if params == nil {
		return nil, transport.Required(op, "params")
	}
	if err := validMetadata(op, params.Metadata); err != nil {
		return nil, err
	}
	return s.post(ctx, op, methodEmployeeUpdate, employeeUpdateBody{employeeID, params}, params.Extra, opts)
}

// EmployeeTerminateParams is the body of EmployeeService.Terminate; Knit
// does not document its fields (termination date, a reason from
// TerminationReasons...): put them in Extra by wire name.
type EmployeeTerminateParams struct {
	// Extra holds the body fields by wire name.
	Extra map[string]any `json:"-"`
}

// Terminate terminates an employee. The body is employeeID as "employeeId"
// with params.Extra merged in (params may be nil). The answer is kept whole
// in Result.Raw. An empty employeeID is an error matching
// knit.ErrInvalidParams.
//
// Knit method POST hr.employee.terminate, seen in third-party code; not in Knit's docs.
//
//knit:operation POST hr.employee.terminate observed
func (s *EmployeeService) Terminate(ctx context.Context, employeeID string, params *EmployeeTerminateParams, opts ...option.RequestOption) (*Result, error) {
	const op = "HRIS.Employees.Terminate"
	if err := requireID(op, "employeeID", employeeID); err != nil {
		return nil, err
	}
	var extra map[string]any
	if params != nil {
		extra = params.Extra
	}
	return s.post(ctx, op, methodEmployeeTerminate, employeeBody{employeeID}, extra, opts)
}

// TerminationReasons lists the app's termination reasons. Knit does not
// document the parameters or the answer (params may be nil; data kept whole
// in Result.Raw).
//
// Knit method GET hr.termination.reasons, seen in third-party code; not in Knit's docs.
//
//knit:operation GET hr.termination.reasons observed
func (s *EmployeeService) TerminationReasons(ctx context.Context, params *QueryParams, opts ...option.RequestOption) (*Result, error) {
	return s.getResult(ctx, "HRIS.Employees.TerminationReasons", methodTerminationReasons, params, opts)
}

// FieldValues lists the allowed values ("list of values") of the app's
// employee fields. Knit does not document the parameters (e.g. which field)
// or the answer: pass them in params.Extra (params may be nil); data is
// kept whole in Result.Raw.
//
// Knit method GET hr.employees.field.values, seen in third-party code; not in Knit's docs.
//
//knit:operation GET hr.employees.field.values observed
func (s *EmployeeService) FieldValues(ctx context.Context, params *QueryParams, opts ...option.RequestOption) (*Result, error) {
	return s.getResult(ctx, "HRIS.Employees.FieldValues", methodFieldValues, params, opts)
}

// CompanyService lists companies: in.HRIS.Companies.List.
type CompanyService struct{ service }

// List lists the companies (legal entities) of the connected HRIS. Knit
// does not document the parameters or the answer (params may be nil; data
// kept whole in Result.Raw).
//
// Knit method GET hr.companies.list, seen in third-party code; not in Knit's docs.
//
//knit:operation GET hr.companies.list observed
func (s *CompanyService) List(ctx context.Context, params *QueryParams, opts ...option.RequestOption) (*Result, error) {
	return s.getResult(ctx, "HRIS.Companies.List", methodCompanies, params, opts)
}
