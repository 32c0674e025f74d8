package webhook

import (
	"fmt"
	"io"
	"log/slog"
)

// An Event carries a whole record (employee profiles, bank accounts,
// compensation) in EventData and Payload. Printed with fmt or logged with
// log/slog it shows only identifiers, types and sizes, so that logging an
// event leaks no personal data; encoding/json still marshals it completely
// (store it with json.Marshal or Payload).

// eventView is what an Event prints as.
type eventView struct {
	EventID, EventType, SyncType, SyncDataType string
	SyncJobID, SyncRunID, RecordID             string
	IntegrationID, ExecutionID                 string
	TriggeredAt                                string
	EventDataBytes, PayloadBytes               int
}

func (e Event) view() eventView {
	v := eventView{
		EventID: e.EventID, EventType: string(e.EventType), SyncType: string(e.SyncType),
		SyncDataType: e.SyncDataType, SyncJobID: e.SyncJobID, SyncRunID: e.SyncRunID,
		RecordID: e.RecordID, IntegrationID: e.IntegrationID, ExecutionID: e.ExecutionID,
		EventDataBytes: len(e.EventData), PayloadBytes: len(e.Payload),
	}
	if !e.TriggeredAt.IsZero() {
		v.TriggeredAt = e.TriggeredAt.UTC().Format("2006-01-02T15:04:05.000Z07:00")
	}
	return v
}

// Format prints the event's identifiers, types and sizes (%v, %+v, %s,
// %#v), never EventData or Payload.
func (e Event) Format(f fmt.State, verb rune) {
	v := e.view()
	switch {
	case verb == 'v' && f.Flag('#'):
		_, _ = io.WriteString(f, "webhook.Event"+fmt.Sprintf("%#v", v)[len("webhook.eventView"):])
	case verb == 'v' && f.Flag('+'), verb == 's':
		_, _ = fmt.Fprintf(f, "%+v", v)
	case verb == 'v':
		_, _ = fmt.Fprintf(f, "%v", v)
	default:
		_, _ = fmt.Fprintf(f, "%%!%c(webhook.Event)", verb)
	}
}

// String returns the event's identifiers, types and sizes.
func (e Event) String() string { return fmt.Sprintf("%+v", e) }

// GoString returns the event's identifiers, types and sizes as Go syntax.
func (e Event) GoString() string { return fmt.Sprintf("%#v", e) }

// LogValue returns a group of the event's identifiers, types and sizes:
// eventId, eventType, syncType, syncDataType, syncJobId, syncRunId,
// recordId, integrationId, executionId, triggeredAt, eventDataBytes and
// payloadBytes.
func (e Event) LogValue() slog.Value {
	v := e.view()
	attrs := make([]slog.Attr, 0, 12)
	for _, a := range [...]struct{ k, v string }{
		{"eventId", v.EventID}, {"eventType", v.EventType}, {"syncType", v.SyncType},
		{"syncDataType", v.SyncDataType}, {"syncJobId", v.SyncJobID}, {"syncRunId", v.SyncRunID},
		{"recordId", v.RecordID}, {"integrationId", v.IntegrationID}, {"executionId", v.ExecutionID},
		{"triggeredAt", v.TriggeredAt},
	} {
		if a.v != "" {
			attrs = append(attrs, slog.String(a.k, a.v))
		}
	}
	attrs = append(attrs, slog.Int("eventDataBytes", v.EventDataBytes), slog.Int("payloadBytes", v.PayloadBytes))
	return slog.GroupValue(attrs...)
}

// Compile-time checks.
var (
	_ fmt.Formatter  = Event{}
	_ slog.LogValuer = Event{}
)
