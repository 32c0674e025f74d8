package ats

import "github.com/knit-sdk/knit-go/basemodel"

// Knit's enums are UPPER_SNAKE strings with a NOT_SPECIFIED catch-all. Each is
// a string type here; a value this package has no constant for decodes fine
// and is kept exactly as sent.

// JobStatus is the status of a job (Job.Info.Status).
type JobStatus string

// Job statuses, as Knit documents them
// (https://developers.getknit.dev/reference/job-data-models). Other values
// are kept as sent.
const (
	JobStatusOpen         JobStatus = "OPEN"
	JobStatusClosed       JobStatus = "CLOSED"
	JobStatusDraft        JobStatus = "DRAFT"
	JobStatusNotSpecified JobStatus = basemodel.NotSpecified
)

// ApplicationStatus is the status of an application.
type ApplicationStatus string

// Application statuses, as Knit documents them
// (https://developers.getknit.dev/reference/application-data-models).
const (
	ApplicationStatusActive       ApplicationStatus = "ACTIVE"
	ApplicationStatusRejected     ApplicationStatus = "REJECTED"
	ApplicationStatusHired        ApplicationStatus = "HIRED"
	ApplicationStatusNotSpecified ApplicationStatus = basemodel.NotSpecified
)

// Origin says where an application came from; it is read in
// ApplicationInfo.Origin and sent in ApplicationCreateParams.Origin.
type Origin string

// Application origins, as Knit documents them
// (https://developers.getknit.dev/reference/application-data-models).
const (
	OriginAgency       Origin = "AGENCY"
	OriginReferral     Origin = "REFERRAL"
	OriginExternal     Origin = "EXTERNAL"
	OriginNotSpecified Origin = basemodel.NotSpecified
)

// QuestionType is the type of an application question, set on each Answer of
// ApplicationCreateParams.
type QuestionType string

// Question types, as Knit's create-application use-case page lists them
// (https://getknit.dev/solutions-use-cases/create-push-applications-for-a-job-posting).
const (
	QuestionTypeText           QuestionType = "TEXT"
	QuestionTypeSingleChoice   QuestionType = "SINGLE_CHOICE"
	QuestionTypeMultipleChoice QuestionType = "MULTIPLE_CHOICE"
	QuestionTypeYesNo          QuestionType = "YES_NO"
	QuestionTypeNumber         QuestionType = "NUMBER"
	QuestionTypeDate           QuestionType = "DATE"
	QuestionTypeFileUpload     QuestionType = "FILE_UPLOAD"
	QuestionTypeDropdown       QuestionType = "DROPDOWN"
	QuestionTypeRatingScale    QuestionType = "RATING_SCALE"
)

// OfferStatus is the status of an offer (Offer.Status).
type OfferStatus string

// Offer statuses. Only SIGNED (an accepted offer) is documented, on Knit's
// get-offer-details marketing page; other values are kept as sent.
const (
	OfferStatusSigned       OfferStatus = "SIGNED"
	OfferStatusNotSpecified OfferStatus = basemodel.NotSpecified
)

// InterviewStatus is the status of an interview (Interview.Status). Knit
// names the field but documents no values; they are kept as sent.
type InterviewStatus string

// InterviewStatusNotSpecified is Knit's catch-all.
const InterviewStatusNotSpecified InterviewStatus = basemodel.NotSpecified
