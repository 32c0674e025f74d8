package ats

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// DecodeJob decodes the eventData of an ats_jobs sync event (record.new or
// record.modified) into a Job. Unknown keys are ignored and missing or null
// models leave their field empty; input that is not a JSON object is an error
// naming ats.Job.
func DecodeJob(eventData []byte) (*Job, error) {
	var j Job
	if err := decodeEventData(eventData, &j, "ats.Job"); err != nil {
		return nil, err
	}
	return &j, nil
}

// DecodeApplication decodes the eventData of an ats_applications sync event
// into an Application, like DecodeJob. A record.deleted event carries only
// {"applicationId", "candidateId", "jobId"} (CONFIRMED, syncing-applications
// docs); read those from the raw eventData instead.
func DecodeApplication(eventData []byte) (*Application, error) {
	var a Application
	if err := decodeEventData(eventData, &a, "ats.Application"); err != nil {
		return nil, err
	}
	return &a, nil
}

// DecodeCandidate decodes the eventData of an ats_candidates sync event into
// a Candidate, like DecodeJob.
func DecodeCandidate(eventData []byte) (*Candidate, error) {
	var c Candidate
	if err := decodeEventData(eventData, &c, "ats.Candidate"); err != nil {
		return nil, err
	}
	return &c, nil
}

func decodeEventData(b []byte, out any, typeName string) error {
	t := bytes.TrimSpace(b)
	if len(t) == 0 {
		return fmt.Errorf("ats: cannot decode %s: eventData is empty", typeName)
	}
	if t[0] != '{' {
		return fmt.Errorf("ats: cannot decode %s: eventData is not a JSON object (starts with %q)", typeName, excerpt(t))
	}
	if err := json.Unmarshal(t, out); err != nil {
		return fmt.Errorf("ats: cannot decode %s: %w", typeName, err)
	}
	return nil
}

// excerpt returns the first bytes of b for error messages.
func excerpt(b []byte) string {
	const n = 16
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}
