package ats

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/knitjson"
)

// Candidate is the record of an ats_candidates sync event, one field per
// Event Data Key. Knit documents the model IDs on a use-case page
// (https://getknit.dev/solutions-use-cases/sync-get-applicant-details-from-ats);
// the keys and the CandidateInfo fields come from a copy of Knit's
// candidate-data-models page. Lists may arrive as null and decode as nil.
type Candidate struct {
	// Info is the candidate's identity and contact details (model
	// candidate_info).
	Info CandidateInfo `json:"info"`
	// Education is the candidate's education (model candidate_education).
	Education EducationList `json:"education"`
	// Locations holds address, city, state, country and postal code (model
	// candidate_locations); field names not available to this SDK, kept as
	// sent.
	Locations json.RawMessage `json:"locations,omitempty"`
	// Skills lists skills with proficiency levels (model candidate_skills);
	// kept as sent.
	Skills json.RawMessage `json:"skills,omitempty"`
	// Experiences is the employment history (model candidate_experiences);
	// kept as sent.
	Experiences json.RawMessage `json:"experiences,omitempty"`
	// Attachments are resumes, cover letters and certificates (model
	// candidate_attachments); fields undocumented, each kept as sent.
	Attachments []json.RawMessage `json:"attachments"`
}

// CandidateInfo is a candidate as Knit describes it in three places: the
// candidate of ApplicationInfo (documented: id, firstName, lastName, phones,
// emails, links, location), the candidate_info sync model (adds tags, title,
// company, createdAt, updatedAt, applications) and an item of
// ats.candidates.search (the application's shape, as seen in third-party
// code calling Knit). Fields a source
// does not send stay zero.
type CandidateInfo struct {
	// ID is the candidate's ID in the ATS; pass it as
	// ApplicationCreateParams.CandidateID to apply again.
	ID        string `json:"id"`
	FirstName string `json:"firstName,omitempty"`
	LastName  string `json:"lastName,omitempty"`
	// Phones are typed WORK, PERSONAL, SKYPE or NOT_SPECIFIED.
	Phones []basemodel.Phone `json:"phones"`
	Emails []basemodel.Email `json:"emails"`
	// Links are URLs such as LinkedIn or a portfolio.
	Links []string `json:"links"`
	// Location is free text (application candidate only).
	Location string `json:"location,omitempty"`
	// Tags are the candidate's tags (candidate_info only).
	Tags []string `json:"tags"`
	// Title is the candidate's current job title (candidate_info only).
	Title string `json:"title,omitempty"`
	// Company is the candidate's current company (candidate_info only).
	Company   string             `json:"company,omitempty"`
	CreatedAt basemodel.DateTime `json:"createdAt,omitempty"`
	UpdatedAt basemodel.DateTime `json:"updatedAt,omitempty"`
	// Applications are the IDs of the candidate's applications
	// (candidate_info only).
	Applications []string `json:"applications"`
}

// Education is one education entry: read in Candidate.Education and sent in
// CandidateInput.Education. Knit documents the field names for
// ats.application.create on its create-application use-case page; Knit's
// candidate model also mentions a score and a duration whose names are not
// known.
type Education struct {
	ID     string `json:"id,omitempty"`
	Degree string `json:"degree,omitempty"`
	// Major is the field of study.
	Major     string `json:"major,omitempty"`
	Institute string `json:"institute,omitempty"`
	// CurrentlyPursuing is nil when unknown or not sent.
	CurrentlyPursuing *bool `json:"currentlyPursuing,omitempty"`
}

// EducationList is the candidate_education model. Knit's page describes the
// model as an object with an "education" list while other models with the
// same layout (job_departments) arrive as the bare list, so both forms
// decode; it always encodes as the bare list.
type EducationList []Education

// UnmarshalJSON accepts [...], {"education": [...]} or null.
func (l *EducationList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		*l = nil
		return nil
	}
	if b[0] == '{' {
		var wrapped struct {
			Education []Education `json:"education"`
		}
		if err := knitjson.Unmarshal(b, &wrapped); err != nil {
			return fmt.Errorf("ats: candidate education: %w", err)
		}
		*l = wrapped.Education
		return nil
	}
	var list []Education
	if err := knitjson.Unmarshal(b, &list); err != nil {
		return fmt.Errorf("ats: candidate education: %w", err)
	}
	*l = list
	return nil
}
