package hris

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/eventdata"
	"github.com/knit-sdk/knit-go/internal/knitjson"
)

// Employee is one employee record as Knit's employee sync delivers it: the
// webhook's eventData object, one field per Event Data Key, as Knit
// documents them (https://developers.getknit.dev/reference/employee-data-model-4).
// A field is nil/empty when its model was not
// subscribed to or the app does not provide it.
//
// Employee carries personal data. fmt (%v, %+v, %s, %#v) and log/slog print
// it masked; encoding/json keeps the real values so that records can be
// stored. See the package documentation.
type Employee struct {
	// Profile is model employee_profile.
	Profile *Profile `json:"profile,omitempty"`
	// ContactInfo is model employee_contactInfo.
	ContactInfo *ContactInfo `json:"contactInfo,omitempty"`
	// OrgStructure is model employee_orgStructure.
	OrgStructure *OrgStructure `json:"orgStructure,omitempty"`
	// Dependents is model employee_dependent. Knit's model table says a
	// list; its own sync example sends an object ("dependents": {}). An
	// empty object decodes as no dependents, any other object as one.
	Dependents []Dependent `json:"dependents,omitempty"`
	// Locations is model employee_location.
	Locations *Locations `json:"locations,omitempty"`
	// BankAccounts is model employee_bankAccount (masked when printed).
	// Knit's model table names the key bankAccounts, its sync example
	// bankAccountDetails (as an object); both decode here, bankAccounts
	// winning when both are sent, and an object is read like Dependents.
	// Re-encoding writes bankAccounts.
	BankAccounts []BankAccount `json:"bankAccounts,omitempty"`
	// KYC is model employee_kycDocuments (masked when printed).
	KYC *KYC `json:"employeeKYC,omitempty"`
	// Identifications is model employee_identification (masked when printed).
	Identifications []Identification `json:"employeeIdentificationData,omitempty"`
	// ProfilePicture is model employee_profilePicture.
	ProfilePicture *ProfilePicture `json:"employeeProfilePicture,omitempty"`
	// Compensation is model employee_compensation (masked when printed).
	Compensation *Compensation `json:"compensation,omitempty"`
	// Deductions is model employee_deductions (masked when printed).
	Deductions *Deductions `json:"deductions,omitempty"`
	// W4 is model employee_w4, US W-4 data (masked when printed).
	W4 *W4 `json:"w4Data,omitempty"`
	// Company is model employee_company.
	Company *Company `json:"company,omitempty"`
	// RawValues is model employee_rawValues: the app's own values of enum
	// fields (employmentStatus, employmentType, maritalStatus, gender),
	// keyed by field name, kept as sent.
	RawValues basemodel.RawFields `json:"rawValues,omitempty"`
	// LeaveRequests is model employee_leave_requests.
	LeaveRequests []LeaveRequest `json:"leaveRequests,omitempty"`
	// CustomFields is model custom_fields: the fields mapped in Knit's
	// dashboard, keyed by the mapping's name, kept as sent.
	CustomFields basemodel.RawFields `json:"customFields,omitempty"`
}

// ID returns the origin system's employee ID from Profile ("" without a
// profile).
func (e *Employee) ID() string {
	if e == nil || e.Profile == nil {
		return ""
	}
	return e.Profile.ID
}

// Profile is the employee_profile model. firstName, lastName, id,
// employeeNumber, workEmail and startDate are documented by Knit; the other
// fields were seen in third-party code. BirthDate is masked when printed or logged.
type Profile struct {
	// ID is the employee's ID in the origin system.
	ID             string `json:"id,omitempty"`
	FirstName      string `json:"firstName,omitempty"`
	LastName       string `json:"lastName,omitempty"`
	EmployeeNumber string `json:"employeeNumber,omitempty"`
	WorkEmail      string `json:"workEmail,omitempty"`
	// StartDate is the first day of employment (hire date).
	StartDate basemodel.DateTime `json:"startDate,omitempty"`
	// BirthDate is personal data: masked by fmt and slog.
	BirthDate basemodel.DateTime `json:"birthDate,omitempty"`
	// TerminationDate is empty while the employee is employed (Knit sends null).
	TerminationDate  basemodel.DateTime `json:"terminationDate,omitempty"`
	EmploymentStatus EmploymentStatus   `json:"employmentStatus,omitempty"`
	MaritalStatus    MaritalStatus      `json:"maritalStatus,omitempty"`
	Gender           Gender             `json:"gender,omitempty"`
	EmploymentType   EmploymentType     `json:"employmentType,omitempty"`
}

// ContactInfo is the employee_contactInfo model (shape seen in third-party
// code).
//
// Phones: Knit documents its base Phone as {type, phoneNumber}, but HRIS
// contact info was seen as {number, type}; basemodel.Phone decodes both
// and Phone.Number returns whichever was sent.
type ContactInfo struct {
	PersonalEmails []string          `json:"personalEmails,omitempty"`
	Phones         []basemodel.Phone `json:"phones,omitempty"`
}

// OrgStructure is the employee_orgStructure model (shape seen in
// third-party code).
type OrgStructure struct {
	Designation string   `json:"designation,omitempty"`
	Department  string   `json:"department,omitempty"`
	Manager     *Manager `json:"manager,omitempty"`
}

// Manager identifies an employee's manager.
type Manager struct {
	ID        string `json:"id,omitempty"`
	WorkEmail string `json:"workEmail,omitempty"`
}

// Dependent is one family member from the employee_dependent model
// (shape seen in third-party code). BirthDate is masked when printed or logged.
type Dependent struct {
	ID        string             `json:"id,omitempty"`
	FirstName string             `json:"firstName,omitempty"`
	LastName  string             `json:"lastName,omitempty"`
	Relation  Relation           `json:"relation,omitempty"`
	BirthDate basemodel.DateTime `json:"birthDate,omitempty"`
	Gender    Gender             `json:"gender,omitempty"`
}

// Locations is the employee_location model (shape seen in third-party code).
type Locations struct {
	WorkAddress      *basemodel.Address `json:"workAddress,omitempty"`
	PermanentAddress *basemodel.Address `json:"permanentAddress,omitempty"`
	PresentAddress   *basemodel.Address `json:"presentAddress,omitempty"`
}

// employeePlain is Employee without its methods.
type employeePlain Employee

// employeeWire is what an Employee is decoded from: the plain struct with
// the keys whose JSON type or name varies taken raw.
type employeeWire struct {
	*employeePlain
	Dependents         json.RawMessage `json:"dependents"`
	BankAccounts       json.RawMessage `json:"bankAccounts"`
	BankAccountDetails json.RawMessage `json:"bankAccountDetails"`
}

// finish reads the raw keys into the record and returns it.
func (w *employeeWire) finish() (*Employee, error) {
	e := (*Employee)(w.employeePlain)
	var err error
	if e.Dependents, err = listOrObject[Dependent](keyDependents, w.Dependents); err != nil {
		return nil, err
	}
	key, raw := keyBankAccounts, w.BankAccounts
	if isAbsent(raw) {
		key, raw = keyBankAccountDetails, w.BankAccountDetails
	}
	if e.BankAccounts, err = listOrObject[BankAccount](key, raw); err != nil {
		return nil, err
	}
	return e, nil
}

// UnmarshalJSON decodes an employee's eventData, accepting the spellings of
// Knit's own example next to those of its model table: "dependents" and
// "bankAccountDetails"/"bankAccounts" as a list or an object. Any other
// JSON type for those keys is an error naming the key.
func (e *Employee) UnmarshalJSON(b []byte) error {
	w := employeeWire{employeePlain: (*employeePlain)(e)}
	if err := knitjson.Unmarshal(b, &w); err != nil {
		return err
	}
	_, err := w.finish()
	return err
}

// UnmarshalJSONFrom is UnmarshalJSON for encoding/json/v2 and
// github.com/go-json-experiment/json, which call it with the record still
// in the decoder, so that the record is read once rather than found and
// then decoded.
func (e *Employee) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	w := employeeWire{employeePlain: (*employeePlain)(e)}
	if err := jsonv2.UnmarshalDecode(d, &w); err != nil {
		return err
	}
	_, err := w.finish()
	return err
}

// The keys whose shape varies in Knit's docs: dependents (a list or an
// object), and the two keys of model employee_bankAccount, the model
// table's and the sync example's.
const (
	keyDependents         = "dependents"
	keyBankAccounts       = "bankAccounts"
	keyBankAccountDetails = "bankAccountDetails"
)

// isAbsent reports whether raw is a missing or null value.
func isAbsent(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || string(raw) == "null"
}

// listOrObject decodes raw, a list of T or a single T object, into a slice:
// absent, null, {} and an object of unmodelled keys give nil, any other
// object gives one element.
func listOrObject[T any](key string, raw json.RawMessage) ([]T, error) {
	raw = bytes.TrimSpace(raw)
	if isAbsent(raw) {
		return nil, nil
	}
	if raw[0] == '{' {
		var fields map[string]json.RawMessage
		if err := knitjson.Unmarshal(raw, &fields); err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		if len(fields) == 0 {
			return nil, nil
		}
		var one T
		if err := knitjson.Unmarshal(raw, &one); err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		if reflect.ValueOf(one).IsZero() {
			return nil, nil // only keys this SDK does not model
		}
		return []T{one}, nil
	}
	var list []T
	if err := knitjson.Unmarshal(raw, &list); err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	return list, nil
}

// DecodeEmployee decodes a sync event's eventData (the JSON object keyed by
// Event Data Key) into an Employee. Unknown keys are ignored; null or
// missing models leave their field nil. Input that is not a JSON object, or
// a model whose JSON type is wrong, is an error naming hris.Employee.
func DecodeEmployee(eventData []byte) (*Employee, error) {
	return eventdata.Decode[Employee]("hris.Employee", eventData)
}
