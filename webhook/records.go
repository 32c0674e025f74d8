package webhook

import (
	"fmt"

	"github.com/knit-sdk/knit-go/accounting"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/hris"
)

// isDocumentedDataType reports whether dt is a sync data type Knit
// documents. Accessors for records whose data type string Knit does not
// document (CRM, accounting accounts and employees) refuse exactly these.
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

// decodeRecord runs decode on the event's data after recordData's checks,
// or returns the record Parse decoded from that same data.
func decodeRecord[T any](e *Event, what, dataType string, decode func([]byte) (*T, error)) (*T, error) {
	data, err := e.recordData(what, dataType)
	if err != nil {
		return nil, err
	}
	if rec, ok := e.parsed.get(data).(*T); ok {
		return rec, nil
	}
	rec, err := decode(data)
	if err != nil {
		return nil, fmt.Errorf("webhook: event %s: %w", e.EventID, err)
	}
	return rec, nil
}

// parsedRecord is a record Parse decoded in its pass over the payload, with
// the eventData it came from. It is used only while EventData is still that
// slice, so an event whose EventData was replaced is decoded afresh.
type parsedRecord struct {
	data []byte
	rec  any
}

// get returns the record if it was decoded from data, else nil.
func (p parsedRecord) get(data []byte) any {
	if p.rec == nil || len(data) == 0 || len(data) != len(p.data) || &data[0] != &p.data[0] {
		return nil
	}
	return p.rec
}

// eagerRecord is Parse's single pass for one record type. Its record must be
// exactly what the package's Decode function (hris.DecodeEmployee, ...)
// makes of eventData: TestParseRecordMatchesDecoder checks it.
type eagerRecord struct {
	parse func(payload []byte, ev *Event) bool
}

func eager[T any](dataType string) eagerRecord {
	return eagerRecord{parse: func(payload []byte, ev *Event) bool {
		return parseTyped[T](payload, ev, dataType)
	}}
}

// eagerRecords are the record types Parse decodes in its pass, by sync data
// type: the documented ones.
var eagerRecords = map[string]eagerRecord{
	hris.DataTypeEmployee:       eager[hris.Employee](hris.DataTypeEmployee),
	ats.DataTypeJobs:            eager[ats.Job](ats.DataTypeJobs),
	ats.DataTypeApplications:    eager[ats.Application](ats.DataTypeApplications),
	ats.DataTypeCandidates:      eager[ats.Candidate](ats.DataTypeCandidates),
	accounting.DataTypeInvoices: eager[accounting.Invoice](accounting.DataTypeInvoices),
}
