package accounting

import (
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/eventdata"
)

// Employee is an employee as an accounting app knows them, as delivered in a
// sync event's eventData, as Knit documents it
// (https://developers.getknit.dev/reference/employee-data-models).
type Employee struct {
	// Info is model accounting_employee_info.
	Info EmployeeInfo `json:"info"`
}

// EmployeeInfo is model accounting_employee_info.
type EmployeeInfo struct {
	// ID is the employee's ID in the accounting app.
	ID        string `json:"id"`
	FirstName string `json:"firstName,omitempty"`
	LastName  string `json:"lastName,omitempty"`
	// CompanyID is the employee's company (in Knit's example, not its table).
	CompanyID string `json:"companyId,omitempty"`
	// LinkedCompanyIDs lists the companies of multi-subsidiary apps.
	LinkedCompanyIDs []string          `json:"linkedCompanyIds"`
	Emails           []basemodel.Email `json:"emails"`
	Phones           []basemodel.Phone `json:"phones"`
	Status           EmployeeStatus    `json:"status,omitempty"`
	Gender           Gender            `json:"gender,omitempty"`
	EmploymentType   EmploymentType    `json:"employmentType,omitempty"`
}

// EmployeeStatus is whether an employee is active.
type EmployeeStatus string

// EmployeeStatus values, as Knit documents them.
const (
	EmployeeStatusActive       EmployeeStatus = "ACTIVE"
	EmployeeStatusInactive     EmployeeStatus = "INACTIVE"
	EmployeeStatusNotSpecified EmployeeStatus = basemodel.NotSpecified
)

// Gender of an employee: basemodel.Gender, the one type every package uses.
type Gender = basemodel.Gender

// Gender values, the basemodel values under this package's names.
const (
	GenderMale         = basemodel.GenderMale
	GenderFemale       = basemodel.GenderFemale
	GenderNonBinary    = basemodel.GenderNonBinary
	GenderNotSpecified = basemodel.GenderNotSpecified
)

// EmploymentType of an employee: basemodel.EmploymentType, the one type
// every package uses.
type EmploymentType = basemodel.EmploymentType

// EmploymentType values, the basemodel values under this package's names.
const (
	EmploymentTypeFullTime     = basemodel.EmploymentTypeFullTime
	EmploymentTypePartTime     = basemodel.EmploymentTypePartTime
	EmploymentTypeContract     = basemodel.EmploymentTypeContract
	EmploymentTypeNotSpecified = basemodel.EmploymentTypeNotSpecified
)

// DecodeEmployee decodes a sync event's eventData (key info) into an
// Employee. Unknown keys are ignored, a missing or null info stays empty;
// input that is not a JSON object is an error.
func DecodeEmployee(eventData []byte) (*Employee, error) {
	return eventdata.Decode[Employee]("accounting.Employee", eventData)
}
