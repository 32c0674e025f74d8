package ats

import "github.com/knit-sdk/knit-go/internal/eventdata"

// DeletedJob is the eventData of a record.deleted ats_jobs event: Knit
// sends no models for a deletion, only {"jobId": "..."}, as its jobs sync
// guide shows (https://developers.getknit.dev/docs/syncing-jobs). Knit sends
// it when a job is closed or no longer present in the ATS.
type DeletedJob struct {
	// JobID is the job's ID in the ATS. Knit's own example leaves it empty
	// and puts the ID in the event's recordId; read that when this is "".
	JobID string `json:"jobId"`
}

// DeletedApplication is the eventData of a record.deleted ats_applications
// event: {"applicationId", "candidateId", "jobId"} and no models, as
// Knit's applications sync guide shows
// (https://developers.getknit.dev/docs/syncing-applications-data). Knit
// sends it when an application is no longer present in the ATS.
type DeletedApplication struct {
	// ApplicationID is the application's ID in the ATS.
	ApplicationID string `json:"applicationId"`
	// CandidateID is the applicant's candidate ID.
	CandidateID string `json:"candidateId"`
	// JobID is the job applied to.
	JobID string `json:"jobId"`
}

// DecodeDeletedJob decodes the eventData of a record.deleted ats_jobs event.
// Unknown keys are ignored; input that is not a JSON object is an error
// naming ats.DeletedJob.
func DecodeDeletedJob(eventData []byte) (*DeletedJob, error) {
	return eventdata.Decode[DeletedJob]("ats.DeletedJob", eventData)
}

// DecodeDeletedApplication decodes the eventData of a record.deleted
// ats_applications event, like DecodeDeletedJob.
func DecodeDeletedApplication(eventData []byte) (*DeletedApplication, error) {
	return eventdata.Decode[DeletedApplication]("ats.DeletedApplication", eventData)
}
