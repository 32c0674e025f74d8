package webhook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/knitjson"
)

// Event is one Knit webhook delivery, in the envelope Knit documents
// (https://developers.getknit.dev/docs/how-do-syncs-work-1). Every event
// type and data type decodes into it; unknown ones keep their raw
// EventData. Typed records come from the accessors (Employee, Job,
// Contact, Invoice, ...), which decode EventData on their first call; on an
// Event from Parse later calls, from any goroutine, return the same record.
type Event struct {
	// EventID identifies the event; Knit redelivers the same ID until it gets
	// a 200, so deduplicate on it. Never empty after Parse.
	EventID string `json:"eventId"`
	// EventType is e.g. EventRecordNew; unknown values are kept as sent.
	EventType EventType `json:"eventType"`
	// SyncType is SyncTypeInitial or SyncTypeDelta for record events.
	SyncType SyncType `json:"syncType"`
	// SyncDataType is the synced data type, e.g. hris.DataTypeEmployee
	// ("employee") or ats.DataTypeJobs ("ats_jobs").
	SyncDataType string `json:"syncDataType"`
	// SyncJobID identifies the sync job.
	SyncJobID string `json:"syncJobId"`
	// SyncRunID identifies the sync run.
	SyncRunID string `json:"syncRunId"`
	// RecordID is the record's ID in the origin system. For sync.* events
	// a third-party test fixture of Knit's payloads sets it to the sync run
	// ID; Knit's docs do not say.
	RecordID string `json:"recordId"`
	// TriggeredAt is when Knit triggered the event. Knit does not document the
	// field; it is seen in real payloads (epoch milliseconds as a string), and
	// a number or an ISO-8601 string is accepted too. Absent, null or
	// unparsable leaves it zero rather than failing the event, so a delivery is
	// never rejected over an undocumented field.
	TriggeredAt time.Time `json:"-"`
	// EventData is the raw eventData object: one key per subscribed model,
	// keyed by the model's Event Data Key ("profile", "info", ...), exactly as
	// sent. An accessor called after EventData was replaced decodes the new
	// value, on every call.
	EventData json.RawMessage `json:"eventData"`

	// IntegrationID is the X-Knit-Integration-Id header of the delivery
	// (ParseRequest and NewHandler fill it; Parse cannot).
	IntegrationID string `json:"-"`
	// ExecutionID is the X-Knit-Execution-Id header of the delivery, if any.
	ExecutionID string `json:"-"`
	// Payload is the exact body that was verified and parsed. Store it (with
	// IntegrationID) to process the event later: Parse(Payload) rebuilds the
	// Event.
	Payload []byte `json:"-"`

	// records holds the typed records the accessors decoded from the
	// EventData Parse set; nil in an Event not made by Parse.
	records *recordCache
}

// eventFields is Event without its methods, so wireEvent can embed it.
type eventFields Event

// wireEvent decodes the envelope straight into an Event, except triggeredAt
// whose wire type varies.
type wireEvent struct {
	*eventFields
	TriggeredAt json.RawMessage `json:"triggeredAt"`
}

// Parse decodes a webhook body into an Event without verifying it: call
// Verify first (ParseRequest does both). payload is retained as
// Event.Payload: do not modify it.
//
// It fails with ErrMalformedPayload when payload is not valid JSON, not a JSON
// object, has a field of the wrong JSON type, or has no usable eventId. A
// missing eventId is an error because Knit always sends one and a receiver
// cannot deduplicate redeliveries without it. So is an eventId longer than
// 256 bytes, one holding a control character (NUL included), and one holding
// invalid UTF-8 or a lone surrogate escape ("\udc00"): decoding turns those
// into U+FFFD, so two different IDs would become one and the second event
// would be dropped as a duplicate; the handler answers all of them 400.
// Unknown event types, data types and fields are not errors.
//
// Parse reads the envelope only: EventData is kept raw, and the typed
// record is decoded by the first call of its accessor (Employee, Job, ...),
// once. A receiver that routes by EventType and acknowledges never pays for
// the record. A record that does not decode is not a Parse error: the
// accessor reports it.
func Parse(payload []byte) (*Event, error) {
	if first := firstByte(payload); first != '{' {
		if first == 0 {
			return nil, fmt.Errorf("%w: empty body", ErrMalformedPayload)
		}
		return nil, fmt.Errorf("%w: not a JSON object", ErrMalformedPayload)
	}
	ev := &Event{}
	w := wireEvent{eventFields: (*eventFields)(ev)}
	if err := knitjson.Unmarshal(payload, &w); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformedPayload, err)
	}
	ev.TriggeredAt = parseTriggeredAt(w.TriggeredAt)
	if err := checkEventID(ev.EventID); err != nil {
		return nil, err
	}
	ev.Payload = payload
	ev.records = &recordCache{data: ev.EventData}
	return ev, nil
}

// firstByte returns the first non-whitespace byte of b, or 0.
func firstByte(b []byte) byte {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		}
		return c
	}
	return 0
}

// parseTriggeredAt accepts "1765500000000", 1765500000000 (also with a
// fraction or exponent) and ISO-8601 strings; anything else, a negative
// epoch included (no event was triggered before 1970), is zero.
func parseTriggeredAt(raw json.RawMessage) time.Time {
	var d basemodel.DateTime
	if len(raw) == 0 || knitjson.Unmarshal(raw, &d) != nil {
		return time.Time{}
	}
	if t, err := d.Parse(); err == nil && t.Unix() >= 0 {
		return t
	}
	// A JSON number such as 1.7655e12 is not all digits.
	if f, err := strconv.ParseFloat(string(d), 64); err == nil && f >= 0 && f < 1<<53 {
		return time.UnixMilli(int64(f)).UTC()
	}
	return time.Time{}
}

// ParseRequest reads r's body (at most DefaultMaxBodyBytes), verifies its
// X-Knit-Signature under keys, then parses it, filling IntegrationID and
// ExecutionID from the headers. It never parses an unverified body.
//
// Errors: ErrPayloadTooLarge, the errors of Verify (ErrNoKeys,
// ErrMissingSignature, ErrInvalidSignature), the errors of Parse
// (ErrMalformedPayload), or the body read error. For options (a larger
// limit, the compact-JSON fallback) use NewVerifier(keys, ...).ParseRequest.
func ParseRequest(r *http.Request, keys ...string) (*Event, error) {
	return NewVerifier(keys).ParseRequest(r)
}

// ParseRequest is the package-level ParseRequest with the Verifier's keys and
// options.
func (v *Verifier) ParseRequest(r *http.Request) (*Event, error) {
	if r == nil {
		return nil, errors.New("webhook: nil request")
	}
	if v.keyErr != nil || len(v.keys) == 0 {
		// Fail before reading: nothing could be verified anyway.
		return nil, v.Verify(nil, "")
	}
	payload, err := readBody(r, v.cfg.maxBodyBytes)
	if err != nil {
		return nil, err
	}
	if err := v.Verify(payload, r.Header.Get(HeaderSignature)); err != nil {
		return nil, err
	}
	ev, err := Parse(payload)
	if err != nil {
		return nil, err
	}
	ev.IntegrationID = r.Header.Get(HeaderIntegrationID)
	ev.ExecutionID = r.Header.Get(HeaderExecutionID)
	return ev, nil
}

// initialBodyBuffer is the most readBody reserves up front, whatever
// Content-Length declares: memory follows the bytes actually received, so
// connections that declare megabytes and send a byte pin almost nothing.
const initialBodyBuffer = 64 << 10

// readBody reads at most limit bytes of r.Body, in one allocation when
// Content-Length is known and small.
func readBody(r *http.Request, limit int64) ([]byte, error) {
	if r.ContentLength > limit {
		return nil, fmt.Errorf("%w: Content-Length %d exceeds the limit of %d bytes", ErrPayloadTooLarge, r.ContentLength, limit)
	}
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	var buf bytes.Buffer
	if r.ContentLength > 0 {
		// bytes.Buffer.ReadFrom wants MinRead spare bytes before each read;
		// reserving them avoids a second, doubled allocation at EOF.
		buf.Grow(int(min(r.ContentLength, initialBodyBuffer)) + bytes.MinRead)
	}
	n, err := buf.ReadFrom(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("webhook: reading body: %w", err)
	}
	if n > limit {
		return nil, fmt.Errorf("%w: body exceeds the limit of %d bytes", ErrPayloadTooLarge, limit)
	}
	return buf.Bytes(), nil
}
