package knittest

import knit "github.com/knit-sdk/knit-go"

// Knit wire names the playground speaks. They are written here once, from
// Knit's docs and the third-party code the SDK's method docs cite,
// independently of the SDK's own constants: the playground is a second
// reading, so a mismatch between the two shows up as a failing test instead
// of two copies of the same mistake.
//
// A comment "documented" means Knit's docs (https://developers.getknit.dev)
// state the name; "third-party code" means it is seen in public code that
// calls Knit but not in Knit's docs; "use-case pages" means only Knit's
// marketing use-case pages show it; "the playground's choice" means Knit
// does not publish it at all.
const (
	// basePath is the version segment every method hangs off (documented).
	basePath = "/v1.0"

	headerAuthorization = "Authorization"
	headerIntegrationID = "X-Knit-Integration-Id" // documented
	headerExecutionID   = "X-Knit-Execution-Id"   // documented, on every response and dispatch
	headerSignature     = "X-Knit-Signature"      // documented, webhook dispatches only
	headerRetryAfter    = "Retry-After"
	headerContentType   = "Content-Type"
	contentTypeJSON     = "application/json"

	// Paging (third-party code): request query pageToken, response data.nextPageToken.
	keyPageToken     = "pageToken"
	keyNextPageToken = "nextPageToken"

	// MagicLinkRequestField is the auth.createSession body flag that asks for a
	// magic link (Knit does not document the flag's name).
	MagicLinkRequestField = "generateMagicLink"
	// MagicLinkResponseKey is the key under msg that carries the link (not
	// documented by Knit; a guess from the request flag's name).
	MagicLinkResponseKey = "magicLink"
)

// Knit method names served by the playground (paths under /v1.0/).
const (
	methodCreateSession         = "auth.createSession"     // documented
	methodIntegrationDetails    = "integration.details"    // third-party code
	methodIntegrationDeactivate = "integration.deactivate" // third-party code
	methodSyncStart             = "sync.start"             // documented
	methodSyncCustomStart       = "sync.custom.start"      // documented
	methodPassthrough           = "passthrough"            // third-party code

	// HRIS (third-party code unless noted).
	methodPayroll              = "hr.employees.payroll.get"
	methodLeaveRequests        = "hr.employees.leave.requests"
	methodLeaveBalance         = "hr.employees.leave.balance" // documented page; the path is from third-party code
	methodLeaveCreate          = "hr.employees.leave.create"
	methodAttendance           = "hr.employees.attendance"
	methodTimesheets           = "hr.employees.timesheets" // use-case pages
	methodCompensationPlans    = "hr.compensation.plans"
	methodCompensationUpdate   = "hr.employee.compensation.update"
	methodDocuments            = "hr.employees.documents"
	methodDocumentUpload       = "hr.employees.document.upload"
	methodDocumentCategories   = "hr.documents.categories"
	methodEmployeeCreate       = "hr.employee.create" // documented
	methodEmployeeUpdate       = "hr.employee.update"
	methodEmployeeTerminate    = "hr.employee.terminate"
	methodTerminationReasons   = "hr.termination.reasons"
	methodFieldValues          = "hr.employees.field.values"
	methodCompanies            = "hr.companies.list"
	methodDeductionsList       = "hr.deductions.list"
	methodDeductionsCreate     = "hr.deductions.create"
	methodDeductionsUpdate     = "hr.deductions.update"
	methodEmployeeDedEnroll    = "hr.employee.deductions.enroll"
	methodEmployeeDedUnenroll  = "hr.employee.deductions.unenroll"
	methodEmployeeDedUpdate    = "hr.employee.deductions.update"
	methodATSJobList           = "ats.job.list"                   // third-party code
	methodATSJobCreate         = "ats.job.create"                 // third-party code
	methodATSApplicationList   = "ats.application.list"           // third-party code
	methodATSApplicationGet    = "ats.application.get"            // third-party code
	methodATSApplicationCreate = "ats.application.create"         // use-case pages and third-party code
	methodATSAttachmentAdd     = "ats.application.attachment.add" // use-case pages
	methodATSCandidatesSearch  = "ats.candidates.search"          // third-party code
	methodInvoiceCreate        = "accounting.invoice.create"      // documented
)

// Sync data types (dataType in sync.start, syncDataType in events).
const (
	DataTypeEmployee     = "employee"            // documented
	DataTypeJobs         = "ats_jobs"            // documented
	DataTypeApplications = "ats_applications"    // documented
	DataTypeCandidates   = "ats_candidates"      // use-case pages
	DataTypeInvoices     = "accounting_invoices" // documented
	dataTypeCustom       = "custom"              // syncDataType of sync.custom.start events: the playground's choice

	// PlaygroundDataTypeAccountingContacts, PlaygroundDataTypeJournalEntries,
	// PlaygroundDataTypeExpenses and PlaygroundDataTypePayments are the
	// playground's own sync.start dataType strings for accounting contacts,
	// journal entries, expenses and payments. Knit documents these models but
	// not their dataType strings: use the string Knit's dashboard shows for
	// your account against the real API.
	PlaygroundDataTypeAccountingContacts = "playground_accounting_contacts"
	PlaygroundDataTypeJournalEntries     = "playground_accounting_journal_entries"
	PlaygroundDataTypeExpenses           = "playground_accounting_expenses"
	PlaygroundDataTypePayments           = "playground_accounting_payments"
	syncTypeInitial                      = "initial_sync" // documented
	syncTypeDelta                        = "delta_sync"   // not documented; follows initial_sync
	eventRecordNew                       = "record.new"
	eventRecordModified                  = "record.modified"
	eventRecordDeleted                   = "record.deleted"
	eventSyncProcessed                   = "sync.events.processed"
	eventSyncAllConsumed                 = "sync.events.allConsumed"
	eventIntegrationActivate             = "app.integration.activate"
	syncStatusProcessed                  = "processed" // sync.events.processed status (Knit's example)
	syncStatusCompleted                  = "completed" // sync.events.allConsumed status (Knit's example)
)

// Categories as Knit spells them on the wire: knit.Category values, kept
// as strings because the playground compares them with what requests carry.
const (
	catHRIS       = string(knit.CategoryHRIS)
	catATS        = string(knit.CategoryATS)
	catCRM        = string(knit.CategoryCRM)
	catAccounting = string(knit.CategoryAccounting)
)

// Response keys of HRIS read methods. Knit documents `balances` (leave
// balance) and `timesheets`; it does not publish the others, which are the
// playground's choice, kept here so one line fixes each.
const (
	keyBalances      = "balances"
	keyLeaveRequests = "requests"
	keyAttendance    = "attendance"
	keyTimesheets    = "timesheets"
	keyPlans         = "plans"
	keyDocuments     = "documents"
	keyCategories    = "categories"
	keyReasons       = "reasons"
	keyValues        = "values"
	keyCompanies     = "companies"
	keyDeductions    = "deductions"
)

// modelKeys maps, per sync data type, each model ID accepted in sync.start's
// `models` to its Event Data Key (the tables of Knit's data-model pages; the
// ats_candidates keys follow the model IDs).
var modelKeys = map[string]map[string]string{
	DataTypeEmployee: {
		"employee_profile":        "profile",
		"employee_contactInfo":    "contactInfo",
		"employee_orgStructure":   "orgStructure",
		"employee_dependent":      "dependents",
		"employee_location":       "locations",
		"employee_bankAccount":    "bankAccounts",
		"employee_kycDocuments":   "employeeKYC",
		"employee_identification": "employeeIdentificationData",
		"employee_profilePicture": "employeeProfilePicture",
		"employee_compensation":   "compensation",
		"employee_deductions":     "deductions",
		"employee_w4":             "w4Data",
		"employee_company":        "company",
		"employee_rawValues":      "rawValues",
		"employee_leave_requests": "leaveRequests",
		"custom_fields":           "customFields",
	},
	DataTypeJobs: {
		"job_info":           "info",
		"job_departments":    "departments",
		"job_offices":        "offices",
		"job_hiringManagers": "hiringManagers",
		"job_recruiters":     "recruiters",
		"job_stages":         "stages",
		"job_rawValues":      "rawValues",
		"job_posts":          "jobPosts",
		"job_compensation":   "jobCompensation",
		"job_questions":      "jobQuestions",
		"job_requirements":   "jobRequirements",
		"job_info_enhanced":  "jobInfoEnhanced",
	},
	DataTypeApplications: {
		"application_info":        "info",
		"application_stage":       "currentStage",
		"application_interviews":  "interviews",
		"application_rejection":   "rejection",
		"application_offers":      "offers",
		"application_attachments": "attachments",
	},
	DataTypeCandidates: {
		"candidate_info":        "info",
		"candidate_education":   "education",
		"candidate_locations":   "locations",
		"candidate_skills":      "skills",
		"candidate_experiences": "experiences",
		"candidate_attachments": "attachments",
	},
	PlaygroundDataTypeAccountingContacts: {
		"accounting_contact_info":      "info",
		"accounting_contact_addresses": "addresses",
		"accounting_contact_phones":    "phones",
		"accounting_contact_emails":    "emails",
		"accounting_contact_users":     "users",
	},
	PlaygroundDataTypeJournalEntries: {
		"accounting_journalEntry_info":      "info",
		"accounting_journalEntry_lineItems": "lineItems",
	},
	PlaygroundDataTypeExpenses: {
		"accounting_expenses_info":     "info",
		"accounting_expense_lineItems": "lineItems",
	},
	PlaygroundDataTypePayments: {
		"accounting_payment_info":      "info",
		"accounting_payment_lineItems": "lineItems",
	},
	DataTypeInvoices: {
		"accounting_invoice_info":      "info",
		"accounting_invoice_lineItems": "lineItems",
		"accounting_invoice_addresses": "addresses",
		"accounting_invoice_payments":  "payments",
	},
}

// dataTypeCategory is the category whose integrations may sync a data type.
var dataTypeCategory = map[string]string{
	DataTypeEmployee:     catHRIS,
	DataTypeJobs:         catATS,
	DataTypeApplications: catATS,
	DataTypeCandidates:   catATS,
	DataTypeInvoices:     catAccounting,

	PlaygroundDataTypeAccountingContacts: catAccounting,
	PlaygroundDataTypeJournalEntries:     catAccounting,
	PlaygroundDataTypeExpenses:           catAccounting,
	PlaygroundDataTypePayments:           catAccounting,
}
