package hris

import "github.com/knit-sdk/knit-go/basemodel"

// Enums of the HRIS models. Each is a string type: a value the SDK does not
// list decodes fine and is kept as sent. Knit's docs do not list these
// values; unless a type says otherwise, they are the values seen in
// third-party code calling Knit.

// MaritalStatus is Profile.MaritalStatus.
type MaritalStatus string

// Marital statuses.
const (
	MaritalStatusMarried      MaritalStatus = "MARRIED"
	MaritalStatusSingle       MaritalStatus = "SINGLE"
	MaritalStatusWidowed      MaritalStatus = "WIDOWED"
	MaritalStatusSeparated    MaritalStatus = "SEPARATED"
	MaritalStatusDivorced     MaritalStatus = "DIVORCED"
	MaritalStatusNotSpecified MaritalStatus = basemodel.NotSpecified
)

// Gender is the gender of a Profile or Dependent: basemodel.Gender, the one
// type every package uses.
type Gender = basemodel.Gender

// Genders, the basemodel values under this package's names.
const (
	GenderMale         = basemodel.GenderMale
	GenderFemale       = basemodel.GenderFemale
	GenderNonBinary    = basemodel.GenderNonBinary
	GenderNotSpecified = basemodel.GenderNotSpecified
)

// EmploymentType is Profile.EmploymentType: basemodel.EmploymentType, the
// one type every package uses.
type EmploymentType = basemodel.EmploymentType

// Employment types, the basemodel values under this package's names.
const (
	EmploymentTypeFullTime     = basemodel.EmploymentTypeFullTime
	EmploymentTypePartTime     = basemodel.EmploymentTypePartTime
	EmploymentTypeContract     = basemodel.EmploymentTypeContract
	EmploymentTypeNotSpecified = basemodel.EmploymentTypeNotSpecified
)

// EmploymentStatus is Profile.EmploymentStatus. Knit documents no values
// for it and none were seen in third-party code; ACTIVE and INACTIVE are
// borrowed from the accounting employee status, which Knit documents.
type EmploymentStatus string

// Employment statuses, borrowed from the accounting employee status (see
// EmploymentStatus).
const (
	EmploymentStatusActive       EmploymentStatus = "ACTIVE"
	EmploymentStatusInactive     EmploymentStatus = "INACTIVE"
	EmploymentStatusNotSpecified EmploymentStatus = basemodel.NotSpecified
)

// Relation is how a Dependent relates to the employee.
type Relation string

// Relations.
const (
	RelationParent       Relation = "PARENT"
	RelationFather       Relation = "FATHER"
	RelationMother       Relation = "MOTHER"
	RelationSon          Relation = "SON"
	RelationDaughter     Relation = "DAUGHTER"
	RelationChild        Relation = "CHILD"
	RelationBrother      Relation = "BROTHER"
	RelationSister       Relation = "SISTER"
	RelationSibling      Relation = "SIBLING"
	RelationHusband      Relation = "HUSBAND"
	RelationWife         Relation = "WIFE"
	RelationSpouse       Relation = "SPOUSE"
	RelationNotSpecified Relation = basemodel.NotSpecified
)

// RoutingType says what kind of code a RoutingInfo number is.
type RoutingType string

// Routing types. NOT_SPECIFIED is Knit's catch-all convention.
const (
	RoutingTypeRoutingNumber          RoutingType = "ROUTING_NUMBER"
	RoutingTypeIBAN                   RoutingType = "IBAN"
	RoutingTypeSwiftCode              RoutingType = "SWIFT_CODE"
	RoutingTypeIFSCCode               RoutingType = "IFSC_CODE"
	RoutingTypeBankIdentificationCode RoutingType = "BANK_IDENTIFICATION_CODE"
	RoutingTypeBranchCode             RoutingType = "BRANCH_CODE"
	RoutingTypeNotSpecified           RoutingType = basemodel.NotSpecified
)

// AccountType is BankAccount.AccountType.
type AccountType string

// Account types.
const (
	AccountTypeSavings      AccountType = "SAVINGS"
	AccountTypeCurrent      AccountType = "CURRENT"
	AccountTypeChecking     AccountType = "CHECKING"
	AccountTypeNotSpecified AccountType = basemodel.NotSpecified
)

// PayType is a kind of payment a BankAccount receives.
type PayType string

// Pay types. NOT_SPECIFIED is Knit's catch-all convention.
const (
	PayTypeAll          PayType = "ALL"
	PayTypeRegular      PayType = "REGULAR"
	PayTypeExpense      PayType = "EXPENSE"
	PayTypeBonus        PayType = "BONUS"
	PayTypeNotSpecified PayType = basemodel.NotSpecified
)

// IDType is Identification.Type.
type IDType string

// Identification types.
const (
	IDTypeNationalID   IDType = "NATIONAL_ID"
	IDTypeLicense      IDType = "LICENSE"
	IDTypePassport     IDType = "PASSPORT"
	IDTypeOthers       IDType = "OTHERS"
	IDTypeNotSpecified IDType = basemodel.NotSpecified
)

// LeaveStatus is LeaveRequest.Status.
type LeaveStatus string

// Leave request statuses.
const (
	LeaveStatusRequested    LeaveStatus = "REQUESTED"
	LeaveStatusApproved     LeaveStatus = "APPROVED"
	LeaveStatusDeclined     LeaveStatus = "DECLINED"
	LeaveStatusCancelled    LeaveStatus = "CANCELLED"
	LeaveStatusDeleted      LeaveStatus = "DELETED"
	LeaveStatusNotSpecified LeaveStatus = basemodel.NotSpecified
)

// LeaveUnit is the unit of a leave amount or balance.
type LeaveUnit string

// Leave units.
const (
	LeaveUnitDays         LeaveUnit = "DAYS"
	LeaveUnitHours        LeaveUnit = "HOURS"
	LeaveUnitNotSpecified LeaveUnit = basemodel.NotSpecified
)

// LeaveKind is the unified category of a LeaveType (its "type" field).
type LeaveKind string

// Leave kinds.
const (
	LeaveKindVacation     LeaveKind = "VACATION"
	LeaveKindSick         LeaveKind = "SICK"
	LeaveKindPersonal     LeaveKind = "PERSONAL"
	LeaveKindJuryDuty     LeaveKind = "JURY_DUTY"
	LeaveKindVolunteer    LeaveKind = "VOLUNTEER"
	LeaveKindBereavement  LeaveKind = "BEREAVEMENT"
	LeaveKindNotSpecified LeaveKind = basemodel.NotSpecified
)

// TriState is Knit's string boolean ("TRUE", "FALSE", "NOT_SPECIFIED"),
// used by LeaveRequest.IsPaid and LeaveBalance.IsPaid / IsEligible.
type TriState string

// TriState values.
const (
	TriStateTrue         TriState = "TRUE"
	TriStateFalse        TriState = "FALSE"
	TriStateNotSpecified TriState = basemodel.NotSpecified
)

// Bool returns the value and whether it is known (TRUE or FALSE).
func (t TriState) Bool() (value, known bool) {
	switch t {
	case TriStateTrue:
		return true, true
	case TriStateFalse:
		return false, true
	}
	return false, false
}

// PayItemType is the type of a payroll earning, contribution or deduction.
type PayItemType string

// Payroll item types.
const (
	PayItemIncome           PayItemType = "INCOME"
	PayItemOvertime         PayItemType = "OVERTIME"
	PayItemHRA              PayItemType = "HRA"
	PayItemBasic            PayItemType = "BASIC"
	PayItemSpecialAllowance PayItemType = "SPECIAL_ALLOWANCE"
	PayItemLTA              PayItemType = "LTA"
	PayItemPF               PayItemType = "PF"
	PayItemMedicalInsurance PayItemType = "MEDICAL_INSURANCE"
	PayItem401k             PayItemType = "401k"
	PayItemLifeInsurance    PayItemType = "LIFE_INSURANCE"
	PayItemVision           PayItemType = "VISION"
	PayItemDental           PayItemType = "DENTAL"
	PayItemProfTax          PayItemType = "PROF_TAX"
	PayItemTDS              PayItemType = "TDS"
	PayItemFederalTax       PayItemType = "FEDERAL_TAX"
	PayItemStateTax         PayItemType = "STATE_TAX"
	PayItemTax              PayItemType = "TAX"
	PayItemHSA              PayItemType = "HSA"
	PayItemNotSpecified     PayItemType = basemodel.NotSpecified
)

// AttendanceStatus is AttendanceRecord.Status.
type AttendanceStatus string

// Attendance statuses.
const (
	AttendanceStatusPresent      AttendanceStatus = "PRESENT"
	AttendanceStatusAbsent       AttendanceStatus = "ABSENT"
	AttendanceStatusHoliday      AttendanceStatus = "HOLIDAY"
	AttendanceStatusWeeklyOff    AttendanceStatus = "WEEKLY_OFF"
	AttendanceStatusNotSpecified AttendanceStatus = basemodel.NotSpecified
)

// DocumentEncoding is how DocumentUploadParams.Content is encoded.
type DocumentEncoding string

// Document encodings.
const (
	DocumentEncodingBase64       DocumentEncoding = "BASE64"
	DocumentEncodingNotSpecified DocumentEncoding = basemodel.NotSpecified
)
