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
	"github.com/knit-sdk/knit-go/internal/eventdata"
)

// Event is one Knit webhook delivery, in the envelope Knit documents
// (https://developers.getknit.dev/docs/how-do-syncs-work-1). Every event
// type and data type decodes into it; unknown ones keep their raw
// EventData. Typed records come from the accessors (Employee, Job,
// Contact, Invoice, ...): they return the record Parse decoded in its pass
// (documented data types), or decode EventData on demand.
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
	// sent. After Parse it may share memory with Payload. An accessor called
	// after EventData was replaced decodes the new value.
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

	// parsed is the record Parse decoded from EventData, if it did.
	parsed parsedRecord
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
// Verify first (ParseRequest does both). payload is retained as Event.Payload
// and Event.EventData may share its memory: modify neither.
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
// When the payload's syncDataType names a record type this package decodes
// (employee, ats_jobs, ats_applications, ats_candidates,
// accounting_invoices), Parse decodes the record in the same pass over the
// payload, and the accessor (Employee, Job, ...) returns that record rather
// than decoding EventData again. A record that does not decode is not a
// Parse error: the accessor reports it.
func Parse(payload []byte) (*Event, error) {
	if first := firstByte(payload); first != '{' {
		if first == 0 {
			return nil, fmt.Errorf("%w: empty body", ErrMalformedPayload)
		}
		return nil, fmt.Errorf("%w: not a JSON object", ErrMalformedPayload)
	}
	ev := &Event{}
	// Knit sends syncDataType after eventData, so the record type is
	// guessed from the payload first and checked once the envelope is read.
	if kind, ok := eagerRecords[guessDataType(payload)]; !ok || !kind.parse(payload, ev) {
		*ev = Event{}
		w := wireEvent{eventFields: (*eventFields)(ev)}
		if err := json.Unmarshal(payload, &w); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrMalformedPayload, err)
		}
		ev.TriggeredAt = parseTriggeredAt(w.TriggeredAt)
	}
	if err := checkEventID(ev.EventID); err != nil {
		return nil, err
	}
	ev.Payload = payload
	return ev, nil
}

// parseTyped is Parse's single pass for record type T: one json.Unmarshal
// of the envelope with eventData decoded as a T, as a hand-written receiver
// would. It reports false, leaving ev to be reset, whenever the plain path
// must decide instead: any decoding error (the payload's or only the
// record's), or an eventData that topLevelValue cannot find.
func parseTyped[T any](payload []byte, ev *Event, dataType string) bool {
	target, finish := eventdata.Target[T]()
	w := struct {
		*eventFields
		TriggeredAt json.RawMessage `json:"triggeredAt"`
		// Shallower than eventFields.EventData, so it takes "eventData".
		// encoding/json decodes into the pointer it holds, and sets it to
		// nil for a null eventData.
		Record any `json:"eventData"`
	}{eventFields: (*eventFields)(ev), Record: target}
	if err := json.Unmarshal(payload, &w); err != nil {
		return false
	}
	raw, ok := topLevelValue(payload, "eventData")
	if !ok {
		return false
	}
	ev.EventData = raw
	ev.TriggeredAt = parseTriggeredAt(w.TriggeredAt)
	// A record.deleted event's eventData holds identifiers, not a record
	// (the accessors refuse it), so nothing is kept for it.
	if w.Record != nil && ev.SyncDataType == dataType && ev.EventType != EventRecordDeleted {
		// A record finish refuses is left for the accessor to decode
		// afresh, which reports the error.
		if rec, err := finish(); err == nil {
			ev.parsed = parsedRecord{data: raw, rec: rec}
		}
	}
	return true
}

// guessDataType returns the value of the last "syncDataType" key in
// payload, where Knit puts it (after eventData), if it is a data type of
// eagerRecords; else "". It is a guess: parseTyped keeps its record only
// when the decoded syncDataType agrees.
func guessDataType(payload []byte) string {
	i := bytes.LastIndex(payload, []byte(`"syncDataType"`))
	if i < 0 {
		return ""
	}
	rest := bytes.TrimLeft(payload[i+len(`"syncDataType"`):], " \t\r\n")
	if len(rest) == 0 || rest[0] != ':' {
		return ""
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) == 0 || rest[0] != '"' {
		return ""
	}
	end := bytes.IndexByte(rest[1:], '"')
	if end < 0 {
		return ""
	}
	v := rest[1 : 1+end]
	for dt := range eagerRecords {
		if string(v) == dt {
			return dt
		}
	}
	return ""
}

// topLevelValue returns the raw value of key name in the JSON object
// payload, which json.Unmarshal has already accepted. ok is false unless
// the answer is certainly the value encoding/json decoded for name: exactly
// one key is name, and no other key could match it (a case variant, or a
// key with escapes).
func topLevelValue(payload []byte, name string) (raw []byte, ok bool) {
	i := skipSpace(payload, 0)
	if i >= len(payload) || payload[i] != '{' {
		return nil, false
	}
	i++
	found := false
	for {
		i = skipSpace(payload, i)
		if i < len(payload) && payload[i] == ',' {
			i = skipSpace(payload, i+1)
		}
		if i >= len(payload) {
			return nil, false
		}
		if payload[i] == '}' {
			return raw, found
		}
		kEnd := stringEnd(payload, i)
		if kEnd < 0 {
			return nil, false
		}
		key := payload[i+1 : kEnd-1]
		i = skipSpace(payload, kEnd)
		if i >= len(payload) || payload[i] != ':' {
			return nil, false
		}
		i = skipSpace(payload, i+1)
		vEnd := valueEnd(payload, i)
		if vEnd < 0 {
			return nil, false
		}
		switch {
		case string(key) == name:
			if found {
				return nil, false
			}
			found, raw = true, payload[i:vEnd:vEnd]
		case bytes.IndexByte(key, '\\') >= 0 || bytes.EqualFold(key, []byte(name)):
			return nil, false
		}
		i = vEnd
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the index after the JSON string starting at b[i], or -1.
func stringEnd(b []byte, i int) int {
	if i >= len(b) || b[i] != '"' {
		return -1
	}
	for j := i + 1; ; {
		k := bytes.IndexByte(b[j:], '"')
		if k < 0 {
			return -1
		}
		q := j + k
		backslashes := 0
		for p := q - 1; p > i && b[p] == '\\'; p-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return q + 1
		}
		j = q + 1
	}
}

// structural marks the bytes valueEnd stops at inside an object or array.
var structural = [256]bool{'"': true, '{': true, '}': true, '[': true, ']': true}

// valueEnd returns the index after the JSON value starting at b[i], or -1.
func valueEnd(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			for j < len(b) && !structural[b[j]] {
				j++
			}
			if j >= len(b) {
				return -1
			}
			switch b[j] {
			case '"':
				if j = stringEnd(b, j); j < 0 {
					return -1
				}
				j-- // the loop's j++ moves past the closing quote
			case '{', '[':
				depth++
			default:
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	for j := i; j < len(b); j++ {
		switch b[j] {
		case ',', '}', ']', ' ', '\t', '\r', '\n':
			return j
		}
	}
	return len(b)
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
	if len(raw) == 0 || json.Unmarshal(raw, &d) != nil {
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
