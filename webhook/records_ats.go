package webhook

import "github.com/knit-sdk/knit-go/ats"

// Job decodes the event's job record (sync data type ats.DataTypeJobs,
// "ats_jobs") with ats.DecodeJob. Errors as for Employee.
func (e *Event) Job() (*ats.Job, error) {
	return decodeRecord(e, "ats.Job", ats.DataTypeJobs, ats.DecodeJob)
}

// Application decodes the event's application record (sync data type
// ats.DataTypeApplications, "ats_applications") with ats.DecodeApplication.
// A record.deleted application carries only its IDs (see
// ats.DecodeApplication). Errors as for Employee.
func (e *Event) Application() (*ats.Application, error) {
	return decodeRecord(e, "ats.Application", ats.DataTypeApplications, ats.DecodeApplication)
}

// Candidate decodes the event's candidate record (sync data type
// ats.DataTypeCandidates, "ats_candidates") with ats.DecodeCandidate.
// Errors as for Employee.
func (e *Event) Candidate() (*ats.Candidate, error) {
	return decodeRecord(e, "ats.Candidate", ats.DataTypeCandidates, ats.DecodeCandidate)
}
