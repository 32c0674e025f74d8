package webhook

import (
	"fmt"

	"github.com/knit-sdk/knit-go/accounting"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/hris"
)

// isDocumentedDataType reports whether dt is a sync data type Knit
// documents. Accessors for records whose data type string is UNKNOWN (CRM,
// accounting accounts and employees) refuse exactly these.
func isDocumentedDataType(dt string) bool {
	switch dt {
	case hris.DataTypeEmployee,
		ats.DataTypeJobs, ats.DataTypeApplications, ats.DataTypeCandidates,
		accounting.DataTypeInvoices:
		return true
	}
	return false
}

// recordData returns EventData for the accessor of record type what (e.g.
// "hris.Employee") whose sync data type is dataType ("" when Knit does not
// document it). A missing syncDataType is accepted.
func (e *Event) recordData(what, dataType string) ([]byte, error) {
	if e.EventType.IsKnown() && !e.EventType.IsRecord() {
		return nil, fmt.Errorf("%w: event %s is %s, not a record event; it has no %s",
			ErrNotRecordEvent, e.EventID, e.EventType, what)
	}
	if e.EventType == EventRecordDeleted {
		return nil, fmt.Errorf("%w: event %s (syncDataType %q) is record.deleted; its eventData holds only identifiers, not a %s (use %s)",
			ErrDeletedRecord, e.EventID, e.SyncDataType, what, deletedAccessorFor(e.SyncDataType))
	}
	if e.SyncDataType == "" {
		return e.EventData, nil
	}
	if (dataType != "" && e.SyncDataType != dataType) || (dataType == "" && isDocumentedDataType(e.SyncDataType)) {
		want := dataType
		if want == "" {
			want = "an undocumented CRM or accounting data type"
		}
		return nil, fmt.Errorf("%w: event %s has syncDataType %q, %s wants %s",
			ErrDataTypeMismatch, e.EventID, e.SyncDataType, what, want)
	}
	return e.EventData, nil
}

// deletedAccessorFor names what reads a deletion of data type dt.
func deletedAccessorFor(dt string) string {
	switch dt {
	case hris.DataTypeEmployee:
		return "Event.DeletedEmployee"
	case ats.DataTypeJobs:
		return "Event.DeletedJob"
	case ats.DataTypeApplications:
		return "Event.DeletedApplication"
	}
	return "Event.EventData: Knit does not document this data type's deleted shape"
}

// decodeRecord runs decode on the event's data after recordData's checks.
func decodeRecord[T any](e *Event, what, dataType string, decode func([]byte) (*T, error)) (*T, error) {
	data, err := e.recordData(what, dataType)
	if err != nil {
		return nil, err
	}
	rec, err := decode(data)
	if err != nil {
		return nil, fmt.Errorf("webhook: event %s: %w", e.EventID, err)
	}
	return rec, nil
}
