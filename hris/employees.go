package hris

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

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

// EmployeeCreateParams is the body of EmployeeService.Create: every key of
// Knit's documented hr.employee.create bodies (the curl examples of
// https://developers.getknit.dev/docs/creating-contingent-worker-in-workday,
// https://developers.getknit.dev/docs/workday-hris-api and the Oracle HCM
// and Zoho People guides, and the fields named by
// https://developers.getknit.dev/reference/add-employee). Enum fields take
// the SDK's constants, but apps accept their own values too (Workday's
// maritalStatus "Single_USA", employmentType "Contingent Worker"), so any
// string is sent as given. Extra holds keys Knit does not document.
type EmployeeCreateParams struct {
	// FirstName and LastName are required.
	FirstName string `json:"firstName,omitempty"`
	LastName  string `json:"lastName,omitempty"`
	// WorkEmail is the work e-mail address.
	WorkEmail string `json:"workEmail,omitempty"`
	// PersonalEmails: several apps (Hibob, Paycor, Darwinbox) keep only the
	// first one.
	PersonalEmails []string `json:"personalEmails,omitempty"`
	// Phones are sent as {type, phoneNumber}; Workday wants E.164 numbers.
	Phones []basemodel.Phone `json:"phones,omitempty"`
	// StartDate and BirthDate are dates, "YYYY-MM-DD" (basemodel.NewDate);
	// any other form is refused before sending.
	StartDate basemodel.DateTime `json:"startDate,omitempty"`
	BirthDate basemodel.DateTime `json:"birthDate,omitempty"`
	// EmploymentType, Gender and MaritalStatus take this package's
	// constants or an app's own value.
	EmploymentType EmploymentType `json:"employmentType,omitempty"`
	Gender         Gender         `json:"gender,omitempty"`
	MaritalStatus  MaritalStatus  `json:"maritalStatus,omitempty"`
	// Employment carries the position; Employment.PositionID is required.
	Employment *Employment `json:"employment,omitempty"`
	// WorkAddress.ID is the app's work site / location ID (Hibob work site,
	// Paycor work location, Keka location...). Workday wants ISO 3166-2
	// states ("US-CA") and ISO 3166-1 alpha-3 countries ("USA"), in
	// PresentAddress too.
	WorkAddress    *basemodel.Address `json:"workAddress,omitempty"`
	PresentAddress *basemodel.Address `json:"presentAddress,omitempty"`
	// CompanyID is the legal entity the employee joins (see
	// CompanyService.List).
	CompanyID string `json:"companyId,omitempty"`
	// EmployeeNumber is the number the organisation gives the employee.
	EmployeeNumber string `json:"employeeNumber,omitempty"`
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
	// Designation is the job title.
	Designation string `json:"designation,omitempty"`
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
// are the ones Knit's pages name and params.Extra is merged into the body.
// The answer is kept whole in Result.Raw. Nothing is sent, and the error
// matches knit.ErrInvalidParams, when params is nil, FirstName, LastName or
// Employment.PositionID is empty, StartDate or BirthDate is not a
// "YYYY-MM-DD" date, or Metadata is not valid JSON.
//
// Knit method POST hr.employee.create, documented by Knit: https://developers.getknit.dev/reference/add-employee
//
//knit:operation POST hr.employee.create documented
func (s *EmployeeService) Create(ctx context.Context, params *EmployeeCreateParams, opts ...option.RequestOption) (*Result, error) {
	const op = "HRIS.Employees.Create"
	if params == nil {
		return nil, transport.Required(op, "params")
	}
	if err := params.validate(op); err != nil {
		return nil, err
	}
	return s.post(ctx, op, "hr.employee.create", params, params.Extra, opts)
}

func (p *EmployeeCreateParams) validate(op string) error {
	if err := requireID(op, "FirstName", p.FirstName); err != nil {
		return err
	}
	if err := requireID(op, "LastName", p.LastName); err != nil {
		return err
	}
	if p.Employment == nil {
		return transport.Required(op, "Employment.PositionID")
	}
	if err := requireID(op, "Employment.PositionID", p.Employment.PositionID); err != nil {
		return err
	}
	for _, d := range []struct {
		name string
		v    basemodel.DateTime
	}{{"StartDate", p.StartDate}, {"BirthDate", p.BirthDate}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, string(d.v)); err != nil {
			return transport.InvalidParam(op, d.name, fmt.Sprintf("%q is not a YYYY-MM-DD date", d.v))
		}
	}
	return validMetadata(op, p.Metadata)
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
	return s.post(ctx, op, "hr.employee.update", employeeUpdateBody{employeeID, params}, params.Extra, opts)
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
	return s.post(ctx, op, "hr.employee.terminate", employeeBody{employeeID}, extra, opts)
}

// TerminationReasons lists the app's termination reasons. Knit does not
// document the parameters or the answer (params may be nil; data kept whole
// in Result.Raw).
//
// Knit method GET hr.termination.reasons, seen in third-party code; not in Knit's docs.
//
//knit:operation GET hr.termination.reasons observed
func (s *EmployeeService) TerminationReasons(ctx context.Context, params *QueryParams, opts ...option.RequestOption) (*Result, error) {
	return s.getResult(ctx, "HRIS.Employees.TerminationReasons", "hr.termination.reasons", params, opts)
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
	return s.getResult(ctx, "HRIS.Employees.FieldValues", "hr.employees.field.values", params, opts)
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
	return s.getResult(ctx, "HRIS.Companies.List", "hr.companies.list", params, opts)
}
