package knittest

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// EventParams describes webhook events for BuildEvents.
type EventParams struct {
	// EventType is record.new, record.modified, record.deleted,
	// sync.events.processed or sync.events.allConsumed.
	EventType string
	// DataType is the sync data type (employee, ats_jobs, ats_applications,
	// ats_candidates, accounting_invoices); required for record events,
	// employee by default for sync.events.* events.
	DataType string
	// Count is how many events to build (default 1). Record events cycle
	// through the data type's records in list order.
	Count int
	// EventIDPrefix starts every eventId, followed by a counter of the
	// server. By default event IDs are those of the server's sync runs,
	// "ev_" plus a random tag per server plus the counter, so they are
	// unique across servers and processes.
	EventIDPrefix string
}

// BuildEvents returns webhook event bodies, each exactly the JSON a sync
// run of this server would POST (eventId, eventType, eventData, syncType,
// syncDataType, syncJobId, syncRunId, triggeredAt, and recordId on record
// events), built from the current data. All events of one call share a sync job and run id.
// It is the data behind `knit trigger`; sign a body with webhook.Sign.
func (s *Server) BuildEvents(p EventParams) ([][]byte, error) {
	if p.Count == 0 {
		p.Count = 1
	}
	if p.Count < 0 {
		return nil, fmt.Errorf("knittest: BuildEvents: Count must not be negative, got %d", p.Count)
	}
	record := false
	switch p.EventType {
	case eventRecordNew, eventRecordModified, eventRecordDeleted:
		record = true
		if p.DataType == "" {
			return nil, fmt.Errorf("knittest: BuildEvents: %s needs a DataType (%s)", p.EventType, dataTypeList())
		}
	case eventSyncProcessed, eventSyncAllConsumed:
		if p.DataType == "" {
			p.DataType = DataTypeEmployee
		}
	default:
		return nil, fmt.Errorf("knittest: BuildEvents: unsupported event type %q (want record.new, record.modified, record.deleted, sync.events.processed or sync.events.allConsumed)", p.EventType)
	}
	if _, ok := modelKeys[p.DataType]; !ok {
		return nil, fmt.Errorf("knittest: BuildEvents: unknown data type %q (want %s)", p.DataType, dataTypeList())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	recs, err := s.data.syncRecords(p.DataType)
	if err != nil {
		return nil, fmt.Errorf("knittest: BuildEvents: %w", err)
	}
	if record && len(recs) == 0 {
		return nil, fmt.Errorf("knittest: BuildEvents: there are no %s records", p.DataType)
	}
	jobID, runID := s.nextID("sj_"), s.nextID("sr_")
	syncType := syncTypeInitial
	if p.EventType != eventRecordNew {
		syncType = syncTypeDelta
	}
	ms := strconv.FormatInt(s.cfg.clock().UnixMilli(), 10)
	out := make([][]byte, 0, p.Count)
	for i := range p.Count {
		id := ""
		if p.EventIDPrefix == "" {
			id = s.nextID(eventIDPrefix)
		} else {
			s.seq[p.EventIDPrefix]++
			id = fmt.Sprintf("%s%06d", p.EventIDPrefix, s.seq[p.EventIDPrefix])
		}
		ev := eventPayload{
			EventID: id, EventType: p.EventType,
			SyncType: syncType, SyncDataType: p.DataType, SyncJobID: jobID, SyncRunID: runID, TriggeredAt: ms,
		}
		// The shapes are those of a real run (see finishRun and
		// deletedEventData): identifiers only for record.deleted, Knit's
		// documented counts and no recordId for sync.events.*.
		switch {
		case p.EventType == eventRecordDeleted:
			r := recs[i%len(recs)]
			ev.RecordID, ev.EventData = r.id, deletedEventData(p.DataType, change{kind: eventRecordDeleted, id: r.id, sections: r.sections})
		case record:
			r := recs[i%len(recs)]
			ev.RecordID, ev.EventData = r.id, r.sections
		case p.EventType == eventSyncProcessed:
			ev.EventData = syncProcessedData{Status: syncStatusProcessed, Processed: len(recs), Emitted: len(recs), StartedAt: ms, ProcessedAt: ms}
		default:
			ev.EventData = syncConsumedData{Status: syncStatusCompleted, Processed: len(recs), Emitted: len(recs), Consumed: len(recs)}
		}
		b, err := json.Marshal(ev)
		if err != nil {
			return nil, fmt.Errorf("knittest: BuildEvents: %w", err)
		}
		out = append(out, b)
	}
	return out, nil
}

func dataTypeList() string {
	return DataTypeEmployee + ", " + DataTypeJobs + ", " + DataTypeApplications + ", " + DataTypeCandidates + " or " + DataTypeInvoices
}
