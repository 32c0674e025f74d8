package basemodel

// SyncType is the kind of sync run: the syncType of sync.start and of each
// webhook delivery. knit.SyncType and webhook.SyncType are this type. Values
// not listed below decode and are kept as sent.
type SyncType string

// Sync types.
const (
	// SyncTypeInitial reads every active record and emits record.new for
	// each; it is Knit's default.
	SyncTypeInitial SyncType = "initial_sync"
	// SyncTypeDelta emits record.new, record.modified and record.deleted
	// for what changed since the last run.
	SyncTypeDelta SyncType = "delta_sync"
)

// Gender is a person's gender, in HRIS profiles and dependents and in
// accounting employees (hris.Gender and accounting.Gender are this type).
type Gender string

// Genders.
const (
	GenderMale         Gender = "MALE"
	GenderFemale       Gender = "FEMALE"
	GenderNonBinary    Gender = "NON_BINARY"
	GenderNotSpecified Gender = NotSpecified
)

// EmploymentType is how a person is employed, in HRIS profiles and
// accounting employees (hris.EmploymentType and accounting.EmploymentType
// are this type).
type EmploymentType string

// Employment types.
const (
	EmploymentTypeFullTime     EmploymentType = "FULL_TIME"
	EmploymentTypePartTime     EmploymentType = "PART_TIME"
	EmploymentTypeContract     EmploymentType = "CONTRACT"
	EmploymentTypeNotSpecified EmploymentType = NotSpecified
)
