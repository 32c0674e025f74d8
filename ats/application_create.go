package ats

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/knitjson"
	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// ApplicationCreateParams is the application to create with
// ats.application.create. Knit documents the fields on its
// create-application use-case page
// (https://getknit.dev/solutions-use-cases/create-push-applications-for-a-job-posting),
// and third-party code calling Knit sends the same.
//
// Set exactly one of CandidateID (an existing candidate) and Candidate (a new
// candidate created with the application). Workable, Breezy and Loxo accept
// only a full Candidate; Loxo ignores LastName, so put the full name in
// FirstName there.
type ApplicationCreateParams struct {
	// JobID is the job applied to (Job.Info.ID); required.
	JobID string
	// InitialStageID places the application in a stage of the job
	// (Job.Stages[i].ID); optional. SAP SuccessFactors ignores it but needs
	// a value: pass any placeholder there.
	InitialStageID string
	// CandidateID applies an existing candidate (CandidateInfo.ID).
	CandidateID string
	// Candidate creates the applicant along with the application.
	Candidate *CandidateInput
	// Answers answer the job's application questions (Job.Questions).
	Answers []Answer
	// MetaData carries app-specific fields, e.g. {"countryCodeId": "USA"}
	// for Workday or resume details for Loxo, sent as the JSON object
	// metaData: Knit's create-application page calls it "the metaData
	// object". A third-party client calling Knit was seen sending metaData
	// as a JSON string instead; to send that form, use MetaDataString.
	// Setting both is an error.
	MetaData map[string]any
	// MetaDataString is sent verbatim as a JSON string under metaData, the
	// form a third-party client calling Knit sends (json.dumps of the
	// object). It
	// must hold a JSON object. Leave it empty to send MetaData as an object.
	MetaDataString string
	// Attachment is a file sent with the application. Knit documents the
	// key "attachment" but not its fields; see AttachmentInput. Files can
	// also be added later with Applications.AddAttachment.
	Attachment *AttachmentInput
	// Origin attributes the application: AGENCY, REFERRAL or EXTERNAL (key
	// "origin", documented).
	Origin Origin
	// Source is the source of the application as free text (key "source",
	// seen in third-party code calling Knit).
	Source string
	// Extra holds further body fields, merged into the JSON object; a key
	// that a typed field sets is an error.
	Extra map[string]any
}

// CandidateInput is a new candidate sent with ats.application.create. Knit's
// page says firstName, lastName, at least one email and at least one phone
// are required; the SDK checks only FirstName and leaves the rest to the app.
type CandidateInput struct {
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName,omitempty"`
	// Emails are typed WORK or PERSONAL.
	Emails []basemodel.Email `json:"emails,omitempty"`
	// Phones are typed WORK, PERSONAL or SKYPE (PhoneNumber, not AltNumber).
	Phones []basemodel.Phone `json:"phones,omitempty"`
	// Links are URLs such as LinkedIn, GitHub or a portfolio.
	Links            []string           `json:"links,omitempty"`
	Title            string             `json:"title,omitempty"`
	Company          string             `json:"company,omitempty"`
	Education        []Education        `json:"education,omitempty"`
	PresentAddress   *basemodel.Address `json:"presentAddress,omitempty"`
	WorkAddress      *basemodel.Address `json:"workAddress,omitempty"`
	PermanentAddress *basemodel.Address `json:"permanentAddress,omitempty"`
}

// Answer answers one application question; Knit documents the keys.
type Answer struct {
	// ID is the question's ID; required.
	ID string `json:"id"`
	// Type is the question's type, e.g. QuestionTypeText.
	Type QuestionType `json:"type,omitempty"`
	// Question is the question's text.
	Question string `json:"question,omitempty"`
	// Answer is the answer of a single-value question, as text.
	Answer string `json:"answer,omitempty"`
	// MultipleChoiceAnswers are the chosen options of a MULTIPLE_CHOICE
	// question.
	MultipleChoiceAnswers []string `json:"multipleChoiceAnswers,omitempty"`
}

// ApplicationCreateResult is the answer of Applications.Create, in the shape
// seen in third-party code calling Knit.
type ApplicationCreateResult struct {
	// ApplicationID is the new application's ID.
	ApplicationID string `json:"applicationId"`
	// CandidateID is the candidate's ID: the new candidate's when Candidate
	// was sent.
	CandidateID string `json:"candidateId"`
	// JobID is the job applied to.
	JobID string `json:"jobId"`
	// Raw is the whole data object as sent, for fields not modelled here.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the typed fields and keeps the whole object in Raw.
func (r *ApplicationCreateResult) UnmarshalJSON(b []byte) error {
	type plain ApplicationCreateResult
	var p plain
	if err := knitjson.Unmarshal(b, &p); err != nil {
		return err
	}
	*r = ApplicationCreateResult(p)
	r.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// applicationCreateBody is the wire shape of ats.application.create.
type applicationCreateBody struct {
	JobID          string           `json:"jobId"`
	InitialStageID string           `json:"initialStageId,omitempty"`
	CandidateID    string           `json:"candidateId,omitempty"`
	Candidate      *CandidateInput  `json:"candidate,omitempty"`
	Answers        []Answer         `json:"answers,omitempty"`
	MetaData       any              `json:"metaData,omitempty"`
	Attachment     *AttachmentInput `json:"attachment,omitempty"`
	Origin         Origin           `json:"origin,omitempty"`
	Source         string           `json:"source,omitempty"`
}

// Create creates an application, and with Candidate its candidate (answer
// data{applicationId, candidateId, jobId}).
//
// Before anything is sent, a knit.ErrInvalidParams error reports a missing
// JobID, neither or both of CandidateID and Candidate, a Candidate without
// FirstName, an Answer without ID, MetaData that cannot be marshalled, a
// MetaDataString that is not a JSON object, or both MetaData and
// MetaDataString.
//
// Knit method POST ats.application.create, documented by Knit: https://getknit.dev/solutions-use-cases/create-push-applications-for-a-job-posting
//
//knit:operation POST ats.application.create documented
func (s *ApplicationService) Create(ctx context.Context, params *ApplicationCreateParams, opts ...option.RequestOption) (*ApplicationCreateResult, error) {
	body, err := params.body()
	if err != nil {
		return nil, err
	}
	var res ApplicationCreateResult
	if err := s.s.Post(ctx, "ats.application.create", body, &res, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// body validates p and returns the JSON body; p is not modified.
func (p *ApplicationCreateParams) body() ([]byte, error) {
	const op = "ATS.Applications.Create"
	if p == nil || strings.TrimSpace(p.JobID) == "" {
		return nil, transport.Required(op, "JobID")
	}
	hasID := strings.TrimSpace(p.CandidateID) != ""
	switch {
	case !hasID && p.Candidate == nil:
		return nil, transport.InvalidParam(op, "CandidateID", "or Candidate is required (set exactly one)")
	case hasID && p.Candidate != nil:
		return nil, transport.InvalidParam(op, "Candidate", "must not be set together with CandidateID (set exactly one)")
	case p.Candidate != nil && strings.TrimSpace(p.Candidate.FirstName) == "":
		return nil, transport.Required(op, "Candidate.FirstName")
	}
	for i, a := range p.Answers {
		if strings.TrimSpace(a.ID) == "" {
			return nil, transport.Required(op, fmt.Sprintf("Answers[%d].ID", i))
		}
	}
	w := applicationCreateBody{
		JobID:          p.JobID,
		InitialStageID: p.InitialStageID,
		CandidateID:    p.CandidateID,
		Candidate:      p.Candidate,
		Answers:        p.Answers,
		Origin:         p.Origin,
		Source:         p.Source,
	}
	if !p.Attachment.isZero() {
		w.Attachment = p.Attachment
	}
	switch {
	case p.MetaData != nil && p.MetaDataString != "":
		return nil, transport.InvalidParam(op, "MetaDataString", "and MetaData are both set; metaData is sent once, as an object (MetaData) or as a string (MetaDataString)")
	case p.MetaData != nil:
		md, err := json.Marshal(p.MetaData)
		if err != nil {
			return nil, transport.InvalidParam(op, "MetaData", "cannot be marshalled: "+err.Error())
		}
		w.MetaData = json.RawMessage(md)
	case p.MetaDataString != "":
		var obj map[string]json.RawMessage
		if knitjson.Unmarshal([]byte(p.MetaDataString), &obj) != nil || obj == nil {
			return nil, transport.InvalidParam(op, "MetaDataString", "is not a JSON object")
		}
		w.MetaData = p.MetaDataString
	}
	b, err := transport.MarshalWithExtra(w, p.Extra)
	if err != nil {
		return nil, transport.InvalidParam(op, "Extra", err.Error())
	}
	return b, nil
}
