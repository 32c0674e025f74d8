package hris

// DataTypeEmployee is the sync data type (sync.start dataType and the
// webhook's syncDataType) of employee records.
const DataTypeEmployee = "employee"

// Model IDs of the employee sync, passed in sync.start "models"
// (https://developers.getknit.dev/reference/employee-data-model-4). Each delivers one
// Event Data Key of Employee.
const (
	ModelEmployeeProfile        = "employee_profile"
	ModelEmployeeContactInfo    = "employee_contactInfo"
	ModelEmployeeOrgStructure   = "employee_orgStructure"
	ModelEmployeeDependent      = "employee_dependent"
	ModelEmployeeLocation       = "employee_location"
	ModelEmployeeBankAccount    = "employee_bankAccount"
	ModelEmployeeKYCDocuments   = "employee_kycDocuments"
	ModelEmployeeIdentification = "employee_identification"
	ModelEmployeeProfilePicture = "employee_profilePicture"
	ModelEmployeeCompensation   = "employee_compensation"
	ModelEmployeeDeductions     = "employee_deductions"
	ModelEmployeeW4             = "employee_w4"
	ModelEmployeeCompany        = "employee_company"
	ModelEmployeeRawValues      = "employee_rawValues"
	ModelEmployeeLeaveRequests  = "employee_leave_requests"
	ModelCustomFields           = "custom_fields"
)

// EmployeeModels lists every employee model ID, for subscribing to all of
// them in one sync.start. It returns a new slice on each call.
func EmployeeModels() []string {
	return []string{
		ModelEmployeeProfile, ModelEmployeeContactInfo, ModelEmployeeOrgStructure,
		ModelEmployeeDependent, ModelEmployeeLocation, ModelEmployeeBankAccount,
		ModelEmployeeKYCDocuments, ModelEmployeeIdentification, ModelEmployeeProfilePicture,
		ModelEmployeeCompensation, ModelEmployeeDeductions, ModelEmployeeW4,
		ModelEmployeeCompany, ModelEmployeeRawValues, ModelEmployeeLeaveRequests,
		ModelCustomFields,
	}
}

// Request field names (employeeId, originData, month, startDate, endDate,
// positionId...) live in the `url` / `json` tags of the params types, the
// one place each is written.

// Response keys that wrap lists. Knit's pages name "balances" (leave
// balances) and "timesheets"; the others are the SDK's best reading and only
// fill typed slices, while Raw always keeps the whole data.
const (
	keyBalances      = "balances"
	keyTimesheets    = "timesheets"
	keyLeaveRequests = "leaveRequests"
	keyRequests      = "requests"
	keyAttendance    = "attendance"
)
