package ats

import (
	"encoding/json"

	"github.com/knit-sdk/knit-go/basemodel"
)

// Job is one job: an item of ats.job.list and the record of an ats_jobs sync
// event. Both have the same nested shape, one field per Event Data Key
// (Knit documents the keys at
// https://developers.getknit.dev/reference/job-data-models; the list's shape
// was seen in a third-party client's sample). A sync event carries only the models subscribed
// to, so any field may be empty; lists may arrive as null and decode as nil.
type Job struct {
	// Info is the job itself (model job_info).
	Info JobInfo `json:"info"`
	// Departments the job belongs to (model job_departments).
	Departments []Department `json:"departments"`
	// Offices the job belongs to (model job_offices).
	Offices []Office `json:"offices"`
	// HiringManagers of the job (model job_hiringManagers).
	HiringManagers []basemodel.User `json:"hiringManagers"`
	// Recruiters of the job (model job_recruiters).
	Recruiters []basemodel.User `json:"recruiters"`
	// Stages of the job's hiring pipeline, in the ATS's order (model
	// job_stages). A Stage ID is what ApplicationCreateParams.InitialStageID
	// takes.
	Stages []Stage `json:"stages"`
	// RawValues holds the app's raw values of status and descriptions
	// (model job_rawValues), kept exactly as sent.
	RawValues json.RawMessage `json:"rawValues,omitempty"`
	// Posts lists the job's posts (model job_posts). Knit documents the
	// model but its fields were not available to this SDK, so it is kept as
	// sent.
	Posts json.RawMessage `json:"jobPosts,omitempty"`
	// Compensation holds salary, equity, benefits and bonuses (model
	// job_compensation); fields not available to this SDK, kept as sent.
	Compensation json.RawMessage `json:"jobCompensation,omitempty"`
	// Questions lists the application questions of the job (model
	// job_questions); fields not available to this SDK, kept as sent. Answer
	// them through ApplicationCreateParams.Answers.
	Questions json.RawMessage `json:"jobQuestions,omitempty"`
	// Requirements holds skills, certifications, education, experience
	// and languages (model job_requirements); kept as sent.
	Requirements json.RawMessage `json:"jobRequirements,omitempty"`
	// InfoEnhanced holds employment type, work arrangement, experience
	// level and descriptions (model job_info_enhanced); kept as sent.
	InfoEnhanced json.RawMessage `json:"jobInfoEnhanced,omitempty"`
	// CustomFields holds the job's custom fields, each value as sent. Knit's
	// job sync example (https://developers.getknit.dev/docs/syncing-jobs)
	// carries "customFields"; the job data-model page names no model ID
	// for it, so it comes with a sync that subscribes to no particular
	// models.
	CustomFields basemodel.RawFields `json:"customFields"`
}

// JobInfo is the job_info model. Knit documents ID, Title, Description,
// CreatedAt, UpdatedAt, ClosedAt, Status, isConfidential and jobCodes
// (https://developers.getknit.dev/reference/job-data-models); InfoURL and
// ApplyURL were seen in third-party code.
type JobInfo struct {
	// ID is the job's ID in the ATS.
	ID string `json:"id"`
	// Title is the job title.
	Title string `json:"title,omitempty"`
	// Description describes responsibilities and requirements (often HTML).
	Description string `json:"description,omitempty"`
	// CreatedAt is when the job was created.
	CreatedAt basemodel.DateTime `json:"createdAt,omitempty"`
	// UpdatedAt is when the job was last updated.
	UpdatedAt basemodel.DateTime `json:"updatedAt,omitempty"`
	// ClosedAt is when the job was closed, if it was.
	ClosedAt basemodel.DateTime `json:"closedAt,omitempty"`
	// Status is the job's status; see JobStatus for which values are known.
	Status JobStatus `json:"status,omitempty"`
	// Confidential reports whether the job is confidential (Knit's key
	// isConfidential); nil when the app does not say.
	Confidential *bool `json:"isConfidential,omitempty"`
	// JobCodes are the job's codes in the ATS (Knit's key jobCodes), kept
	// exactly as sent: the item type is not legible in the copy of Knit's
	// page this SDK was built from.
	JobCodes json.RawMessage `json:"jobCodes,omitempty"`
	// InfoURL points to the job's information page.
	InfoURL string `json:"infoUrl,omitempty"`
	// ApplyURL points to the job's apply page.
	ApplyURL string `json:"applyUrl,omitempty"`
}

// Department is a department a job belongs to (fields documented by Knit).
type Department struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
}

// Office is an office a job belongs to. Knit documents ID and Name;
// Location (free text) and Address were seen in third-party code.
type Office struct {
	ID       string            `json:"id,omitempty"`
	Name     string            `json:"name,omitempty"`
	Location string            `json:"location,omitempty"`
	Address  basemodel.Address `json:"address"`
}

// Stage is a stage of a hiring pipeline: an item of Job.Stages and an
// application's current stage (fields seen in third-party code).
type Stage struct {
	// ID is the stage's ID in the ATS.
	ID string `json:"id,omitempty"`
	// Text is the stage's name, e.g. "Phone screen" (Knit's key is "text").
	Text string `json:"text,omitempty"`
}

// IsZero reports whether s is empty (absent, null or {}).
func (s Stage) IsZero() bool { return s == Stage{} }
