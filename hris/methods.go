package hris

// Knit method names of the HRIS operations. Paths are OBSERVED in
// third-party code calling Knit (govil-open/knit-integration) unless marked
// CONFIRMED; each lives here once so that a correction is a one-line change.
const (
	// MethodLeaveBalance is CONFIRMED by Knit's leave-balance-api page.
	MethodLeaveBalance         = "hr.employees.leave.balance"
	MethodLeaveRequests        = "hr.employees.leave.requests"
	MethodLeaveCreate          = "hr.employees.leave.create"
	MethodPayroll              = "hr.employees.payroll.get"
	MethodAttendance           = "hr.employees.attendance"
	MethodTimesheets           = "hr.employees.timesheets"
	MethodCompensationPlans    = "hr.compensation.plans"
	MethodCompensationUpdate   = "hr.employee.compensation.update"
	MethodDocuments            = "hr.employees.documents"
	MethodDocumentUpload       = "hr.employees.document.upload"
	MethodDocumentCategories   = "hr.documents.categories"
	MethodEmployeeCreate       = "hr.employee.create" // CONFIRMED (add-employee page)
	MethodEmployeeUpdate       = "hr.employee.update"
	MethodEmployeeTerminate    = "hr.employee.terminate"
	MethodTerminationReasons   = "hr.termination.reasons"
	MethodFieldValues          = "hr.employees.field.values"
	MethodCompanies            = "hr.companies.list"
	MethodDeductions           = "hr.deductions.list"
	MethodDeductionCreate      = "hr.deductions.create"
	MethodDeductionUpdate      = "hr.deductions.update"
	MethodEmployeeDeductionAdd = "hr.employee.deductions.enroll"
	MethodEmployeeDeductionDel = "hr.employee.deductions.unenroll"
	MethodEmployeeDeductionUpd = "hr.employee.deductions.update"
)

// DataTypeEmployee is the sync data type (sync.start dataType and the
// webhook's syncDataType) of employee records (CONFIRMED).
const DataTypeEmployee = "employee"

// Model IDs of the employee sync, passed in sync.start "models" (CONFIRMED,
// developers.getknit.dev/reference/employee-data-model-4). Each delivers one
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

// Response keys that wrap lists whose envelope shape is not documented.
// keyBalances is CONFIRMED (leave-balance page "balances"); keyTimesheets is
// CONFIRMED on a marketing page; the others are INFERRED and only used to
// fill typed slices; Raw always keeps the whole data.
const (
	keyBalances      = "balances"
	keyTimesheets    = "timesheets"
	keyLeaveRequests = "leaveRequests"
	keyRequests      = "requests"
	keyAttendance    = "attendance"
)
