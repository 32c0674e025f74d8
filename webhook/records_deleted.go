package webhook

import (
	"fmt"

	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/hris"
)

// IsDeleted reports whether the event is a record.deleted event. Its
// eventData then holds the deleted record's identifiers, not its models:
// read them with DeletedEmployee, DeletedJob or DeletedApplication; Knit
// documents no deleted shape for other data types, so read EventData raw.
// RecordID holds the record's origin ID for every data type.
func (e *Event) IsDeleted() bool { return e.EventType == EventRecordDeleted }

// DeletedEmployee decodes a record.deleted employee event, whose shape Knit
// documents as {"employeeId", "workEmail"}. Errors: ErrNotDeletedEvent unless the event
// is record.deleted, ErrDataTypeMismatch for a syncDataType other than
// hris.DataTypeEmployee, and the decoder's error when eventData is not a
// JSON object.
func (e *Event) DeletedEmployee() (*hris.DeletedEmployee, error) {
	return decodeDeleted(e, "hris.DeletedEmployee", hris.DataTypeEmployee, hris.DecodeDeletedEmployee)
}

// DeletedJob decodes a record.deleted ats_jobs event, whose shape Knit
// documents as {"jobId"}. Knit's own example sends an empty jobId with the ID in
// recordId; use RecordID when JobID is "". Errors as for DeletedEmployee.
func (e *Event) DeletedJob() (*ats.DeletedJob, error) {
	return decodeDeleted(e, "ats.DeletedJob", ats.DataTypeJobs, ats.DecodeDeletedJob)
}

// DeletedApplication decodes a record.deleted ats_applications event, whose
// shape Knit documents as {"applicationId", "candidateId", "jobId"}. Errors
// as for DeletedEmployee.
func (e *Event) DeletedApplication() (*ats.DeletedApplication, error) {
	return decodeDeleted(e, "ats.DeletedApplication", ats.DataTypeApplications, ats.DecodeDeletedApplication)
}

func decodeDeleted[T any](e *Event, what, dataType string, decode func([]byte) (*T, error)) (*T, error) {
	if e.EventType != EventRecordDeleted {
		return nil, fmt.Errorf("%w: event %s is %s, not record.deleted; it has no %s",
			ErrNotDeletedEvent, e.EventID, e.EventType, what)
	}
	if e.SyncDataType != "" && e.SyncDataType != dataType {
		return nil, fmt.Errorf("%w: event %s has syncDataType %q, %s wants %s",
			ErrDataTypeMismatch, e.EventID, e.SyncDataType, what, dataType)
	}
	rec, err := decode(e.EventData)
	if err != nil {
		return nil, fmt.Errorf("webhook: event %s: %w", e.EventID, err)
	}
	return rec, nil
}
