package hris

// Knit method names of the HRIS operations, one constant each so that a
// correction is a one-line change. Each is named once more, with its HTTP
// verb and provenance, by the //knit:operation line of the method that calls
// it; a test checks that the two agree.
const (
	methodLeaveBalance              = "hr.employees.leave.balance"
	methodLeaveRequests             = "hr.employees.leave.requests"
	methodLeaveCreate               = "hr.employees.leave.create"
	methodPayroll                   = "hr.employees.payroll.get"
	methodAttendance                = "hr.employees.attendance"
	methodTimesheets                = "hr.employees.timesheets"
	methodCompensationPlans         = "hr.compensation.plans"
	methodCompensationUpdate        = "hr.employee.compensation.update"
	methodDocuments                 = "hr.employees.documents"
	methodDocumentUpload            = "hr.employees.document.upload"
	methodDocumentCategories        = "hr.documents.categories"
	methodEmployeeCreate            = "hr.employee.create"
	methodEmployeeUpdate            = "hr.employee.update"
	methodEmployeeTerminate         = "hr.employee.terminate"
	methodTerminationReasons        = "hr.termination.reasons"
	methodFieldValues               = "hr.employees.field.values"
	methodCompanies                 = "hr.companies.list"
	methodDeductions                = "hr.deductions.list"
	methodDeductionCreate           = "hr.deductions.create"
	methodDeductionUpdate           = "hr.deductions.update"
	methodEmployeeDeductionEnroll   = "hr.employee.deductions.enroll"
	methodEmployeeDeductionUnenroll = "hr.employee.deductions.unenroll"
	methodEmployeeDeductionUpdate   = "hr.employee.deductions.update"
)

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
