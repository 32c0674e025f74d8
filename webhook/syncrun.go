package webhook

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/knit-sdk/knit-go/internal/knitjson"
)

// SyncRun is the eventData of the two sync-run events, as in the examples
// of Knit's sync guides (https://developers.getknit.dev/docs/syncing-jobs,
// /docs/syncing-applications-data and /docs/starting-a-employee-data-sync):
//
//	sync.events.processed:   {"status": "processed", "processed": 200, "emitted": 0,
//	                          "startedAt": "1676292064383", "processedAt": "1676292068616", "complete": false}
//	sync.events.allConsumed: {"status": "completed", "processed": 200, "emitted": 200, "consumed": ...}
//
// A field the event does not carry stays zero (Consumed on
// sync.events.processed, for example). The envelope of these events has no
// recordId in Knit's examples.
type SyncRun struct {
	// Status is "processed" on sync.events.processed and "completed" on
	// sync.events.allConsumed in Knit's examples; other values are kept.
	Status string `json:"status"`
	// Processed is how many records the run read from the app.
	Processed int64 `json:"processed"`
	// Emitted is how many record.* events the run sent.
	Emitted int64 `json:"emitted"`
	// Consumed is how many events your webhook acknowledged with HTTP 200
	// (sync.events.allConsumed).
	Consumed int64 `json:"consumed"`
	// StartedAt is when the run started (Knit sends epoch milliseconds as a
	// string); zero when absent or unparsable.
	StartedAt time.Time `json:"-"`
	// ProcessedAt is when the run finished processing, like StartedAt.
	ProcessedAt time.Time `json:"-"`
	// Complete is the run's "complete" flag as Knit sends it. Knit's
	// processed example has it false; its meaning is not documented.
	Complete bool `json:"complete"`
}

// syncRunFields is SyncRun without methods, for wireSyncRun to embed.
type syncRunFields SyncRun

// wireSyncRun decodes the counts directly and the times raw, since their
// wire type (string of epoch milliseconds) needs parseTriggeredAt's rules.
type wireSyncRun struct {
	*syncRunFields
	StartedAt   json.RawMessage `json:"startedAt"`
	ProcessedAt json.RawMessage `json:"processedAt"`
}

// IsSyncRun reports whether the event is sync.events.processed or
// sync.events.allConsumed.
func (e *Event) IsSyncRun() bool {
	return e.EventType == EventSyncEventsProcessed || e.EventType == EventSyncEventsAllConsumed
}

// SyncRun decodes the counts and times of a sync.events.processed or
// sync.events.allConsumed event. Errors: ErrNotSyncRunEvent for any other
// event type, ErrMalformedPayload when eventData is not an object of
// Knit's documented shape (a count that is not a number, for example).
func (e *Event) SyncRun() (*SyncRun, error) {
	if !e.IsSyncRun() {
		return nil, fmt.Errorf("%w: event %s is %s", ErrNotSyncRunEvent, e.EventID, e.EventType)
	}
	if first := firstByte(e.EventData); first != '{' {
		return nil, fmt.Errorf("%w: event %s: %s eventData is not a JSON object", ErrMalformedPayload, e.EventID, e.EventType)
	}
	run := &SyncRun{}
	w := wireSyncRun{syncRunFields: (*syncRunFields)(run)}
	if err := knitjson.Unmarshal(e.EventData, &w); err != nil {
		return nil, fmt.Errorf("%w: event %s: %s eventData: %w", ErrMalformedPayload, e.EventID, e.EventType, err)
	}
	run.StartedAt = parseTriggeredAt(w.StartedAt)
	run.ProcessedAt = parseTriggeredAt(w.ProcessedAt)
	return run, nil
}
