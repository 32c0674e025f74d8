package ats

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/knitjson"
)

// Application is one application: an item of ats.application.list, the
// result of ats.application.get and the record of an ats_applications sync
// event, one field per Event Data Key, as Knit documents them
// (https://developers.getknit.dev/reference/application-data-models).
// A sync event carries only the models subscribed to; lists may arrive as
// null and decode as nil.
type Application struct {
	// Info is the application with its candidate (model application_info).
	Info ApplicationInfo `json:"info"`
	// CurrentStage is the stage the application is in (model
	// application_stage); zero when absent.
	CurrentStage Stage `json:"currentStage"`
	// Interviews of the application (model application_interviews).
	Interviews []Interview `json:"interviews"`
	// Rejection says why and when the application was rejected (model
	// application_rejection); zero (IsZero) when it was not.
	Rejection Rejection `json:"rejection"`
	// Offers made on the application (model application_offers).
	Offers []Offer `json:"offers"`
	// Attachments of the application, such as resumes (model
	// application_attachments). Knit does not document the attachment
	// fields, so each is kept as sent.
	Attachments []json.RawMessage `json:"attachments"`
	// QuestionResponses is not documented by Knit; a third-party test
	// fixture of ats.application.list has it, always null. Kept as sent.
	QuestionResponses json.RawMessage `json:"questionResponses,omitempty"`
}

// ApplicationInfo is the application_info model; Knit documents its fields.
type ApplicationInfo struct {
	// ID is the application's ID in the ATS.
	ID string `json:"id"`
	// Status is ACTIVE, REJECTED, HIRED or NOT_SPECIFIED.
	Status ApplicationStatus `json:"status,omitempty"`
	// Candidate is the applicant.
	Candidate CandidateInfo `json:"candidate"`
	// Origin is AGENCY, REFERRAL, EXTERNAL or NOT_SPECIFIED.
	Origin Origin `json:"origin,omitempty"`
	// AppliedAt is when the candidate applied.
	AppliedAt basemodel.DateTime `json:"appliedAt,omitempty"`
	// UpdatedAt is when the application last changed.
	UpdatedAt basemodel.DateTime `json:"updatedAt,omitempty"`
	// JobID is the job applied to (Job.Info.ID).
	JobID string `json:"jobId,omitempty"`
	// Owner is the application's owner in the ATS; zero when null.
	Owner basemodel.User `json:"owner"`
	// CreditedTo is the user credited for the application; zero when null.
	CreditedTo basemodel.User `json:"creditedTo"`
}

// Rejection is the application_rejection model. Knit's model description
// speaks of "id, reason etc"; ID, Text and RejectedAt are the names seen in
// third-party code calling Knit, where Text carries the reason.
type Rejection struct {
	// ID is the rejection reason's ID in the ATS.
	ID string `json:"id,omitempty"`
	// Text is the rejection reason, e.g. "Failed onsite".
	Text string `json:"text,omitempty"`
	// RejectedAt is when the application was rejected.
	RejectedAt basemodel.DateTime `json:"rejectedAt,omitempty"`
}

// IsZero reports whether r is empty, i.e. the application was not rejected
// (or the rejection model was not subscribed to).
func (r Rejection) IsZero() bool { return r == Rejection{} }

// Interview is an interview of an application. Knit's model description
// names id, subject, scheduledStart, scheduledEnd, status and interviewers;
// their types are not documented, and the ones here are the SDK's reading.
type Interview struct {
	ID             string             `json:"id,omitempty"`
	Subject        string             `json:"subject,omitempty"`
	ScheduledStart basemodel.DateTime `json:"scheduledStart,omitempty"`
	ScheduledEnd   basemodel.DateTime `json:"scheduledEnd,omitempty"`
	Status         InterviewStatus    `json:"status,omitempty"`
	// Interviewers are the interviewers. Their shape is not documented: each
	// decodes from a User object or from a bare user ID string.
	Interviewers []Interviewer `json:"interviewers"`
}

// Interviewer is one interviewer of an Interview: a User, or only its ID when
// the app sends plain IDs.
type Interviewer struct {
	basemodel.User
}

// UnmarshalJSON accepts a User object, a user ID string or null.
func (iv *Interviewer) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*iv = Interviewer{}
		return nil
	case b[0] == '"':
		var id string
		if err := knitjson.Unmarshal(b, &id); err != nil {
			return fmt.Errorf("ats: interviewer ID: %w", err)
		}
		*iv = Interviewer{basemodel.User{ID: id}}
		return nil
	}
	var u basemodel.User
	if err := knitjson.Unmarshal(b, &u); err != nil {
		return fmt.Errorf("ats: interviewer: %w", err)
	}
	*iv = Interviewer{u}
	return nil
}

// Offer is an offer made on an application, with the fields of Knit's
// get-offer-details use-case page
// (https://getknit.dev/solutions-use-cases/get-offer-details-from-ats).
type Offer struct {
	ID            string             `json:"id,omitempty"`
	ApplicationID string             `json:"applicationId,omitempty"`
	Status        OfferStatus        `json:"status,omitempty"`
	StartDate     basemodel.DateTime `json:"startDate,omitempty"`
	HireDate      basemodel.DateTime `json:"hireDate,omitempty"`
	OfferDate     basemodel.DateTime `json:"offerDate,omitempty"`
	SentAt        basemodel.DateTime `json:"sentAt,omitempty"`
	ClosedAt      basemodel.DateTime `json:"closedAt,omitempty"`
}
