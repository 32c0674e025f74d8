package ats

import "github.com/knit-sdk/knit-go/internal/eventdata"

// DecodeJob decodes the eventData of an ats_jobs sync event (record.new or
// record.modified) into a Job; a record.deleted event carries only the job's
// ID (DecodeDeletedJob). Unknown keys are ignored and missing or null
// models leave their field empty; input that is not a JSON object is an error
// naming ats.Job.
func DecodeJob(eventData []byte) (*Job, error) {
	return eventdata.Decode[Job]("ats.Job", eventData)
}

// DecodeApplication decodes the eventData of an ats_applications sync event
// into an Application, like DecodeJob. A record.deleted event carries only
// {"applicationId", "candidateId", "jobId"} (Knit's applications sync
// guide): decode it with DecodeDeletedApplication instead.
func DecodeApplication(eventData []byte) (*Application, error) {
	return eventdata.Decode[Application]("ats.Application", eventData)
}

// DecodeCandidate decodes the eventData of an ats_candidates sync event into
// a Candidate, like DecodeJob.
func DecodeCandidate(eventData []byte) (*Candidate, error) {
	return eventdata.Decode[Candidate]("ats.Candidate", eventData)
}
