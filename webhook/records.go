package webhook

import (
	"fmt"
	"sync"

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

// decodeRecord runs decode on the event's data after recordData's checks.
// On an Event from Parse whose EventData is still the one Parse set, the
// first call for a record type decodes, and every later call, from any
// goroutine, returns that call's record or error.
func decodeRecord[T any](e *Event, what, dataType string, decode func([]byte) (*T, error)) (*T, error) {
	data, err := e.recordData(what, dataType)
	if err != nil {
		return nil, err
	}
	decodeOnce := func() (any, error) {
		rec, err := decode(data)
		if err != nil {
			return nil, fmt.Errorf("webhook: event %s: %w", e.EventID, err)
		}
		return rec, nil
	}
	l := e.records.lazy(what, data)
	if l == nil {
		rec, err := decodeOnce()
		if err != nil {
			return nil, err
		}
		return rec.(*T), nil
	}
	l.once.Do(func() { l.rec, l.err = decodeOnce() })
	if l.err != nil {
		return nil, l.err
	}
	return l.rec.(*T), nil
}

// recordCache holds the records decoded from the EventData Parse set, one
// per accessor (keyed by the record type's name, e.g. "hris.Employee").
type recordCache struct {
	data []byte // EventData as Parse set it

	mu     sync.Mutex
	byWhat map[string]*lazyRecord
}

// lazyRecord is one record type's decoding, done once.
type lazyRecord struct {
	once sync.Once
	rec  any
	err  error
}

// lazy returns the lazyRecord of record type what, or nil when c is nil or
// data is not the EventData Parse set (it was replaced).
func (c *recordCache) lazy(what string, data []byte) *lazyRecord {
	if c == nil || len(data) == 0 || len(data) != len(c.data) || &data[0] != &c.data[0] {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	l := c.byWhat[what]
	if l == nil {
		if c.byWhat == nil {
			c.byWhat = make(map[string]*lazyRecord, 1)
		}
		l = &lazyRecord{}
		c.byWhat[what] = l
	}
	return l
}
