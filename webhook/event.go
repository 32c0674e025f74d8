package webhook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/knit-sdk/knit-go/basemodel"
)

// Event is one Knit webhook delivery (CONFIRMED envelope, "how do syncs
// work"). Every event type and data type decodes into it; unknown ones keep
// their raw EventData. Typed records come from the accessors (Employee, Job,
// Contact, Invoice, ...), which decode EventData on demand.
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
	// RecordID is the record's ID in the origin system (for sync.* events
	// a third-party fixture sets it to the sync run ID: OBSERVED).
	RecordID string `json:"recordId"`
	// TriggeredAt is when Knit triggered the event. The field is OBSERVED in
	// real payloads (epoch milliseconds as a string), not documented; a
	// number or an ISO-8601 string is accepted too. Absent, null or
	// unparsable leaves it zero rather than failing the event, so a delivery
	// is never rejected over an undocumented field.
	TriggeredAt time.Time `json:"-"`
	// EventData is the raw eventData object: one key per subscribed model,
	// keyed by the model's Event Data Key ("profile", "info", ...). It is kept
	// raw; the typed accessors decode it when asked.
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
	// eager is set while Parse decodes records in its pass.
	eager bool
}

// Parse decodes a webhook body into an Event without verifying it: call
// Verify first (ParseRequest does both). payload is retained as Event.Payload,
// and Event.EventData is the part of payload that holds eventData (not a
// copy).
//
// It fails with ErrMalformedPayload when payload is not valid JSON, not a JSON
// object, has a field of the wrong JSON type, or has no eventId. A missing
// eventId is an error because Knit always sends one and a receiver cannot
// deduplicate redeliveries without it. Unknown event types, data types and
// fields are not errors.
//
// When syncDataType comes before eventData, as in Knit's deliveries, and
// names a record type this package decodes (employee, ats_jobs,
// ats_applications, ats_candidates, accounting_invoices), Parse decodes the
// record in the same pass over the payload; the accessor (Employee, Job, ...)
// then returns that record instead of decoding eventData a second time. A
// record that does not decode is not a Parse error: the accessor reports it.
func Parse(payload []byte) (*Event, error) {
	if first := firstByte(payload); first != '{' {
		if first == 0 {
			return nil, fmt.Errorf("%w: empty body", ErrMalformedPayload)
		}
		return nil, fmt.Errorf("%w: not a JSON object", ErrMalformedPayload)
	}
	ev := &Event{eager: true}
	err := ev.decode(payload)
	if errors.Is(err, errRecordFailed) {
		*ev = Event{}
		err = ev.decode(payload)
	}
	if errors.Is(err, io.EOF) {
		err = errUnexpectedEnd
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformedPayload, err)
	}
	if ev.EventID == "" {
		return nil, fmt.Errorf("%w: eventId is missing", ErrMalformedPayload)
	}
	ev.Payload = payload
	return ev, nil
}

// decode reads the envelope's fields one by one with a json.Decoder, so that
// eventData can be decoded straight into its record type once syncDataType
// is known, and sliced out of payload instead of copied. Keys match as
// encoding/json matches struct fields: exactly, else case-insensitively; the
// last of duplicate keys wins.
func (e *Event) decode(payload []byte) error {
	dec := json.NewDecoder(bytes.NewReader(payload))
	if _, err := dec.Token(); err != nil { // the '{' firstByte saw
		return err
	}
	var triggeredAt json.RawMessage
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		var dst any
		switch envelopeKey(key) {
		case "eventId":
			dst = &e.EventID
		case "eventType":
			dst = &e.EventType
		case "syncType":
			dst = &e.SyncType
		case "syncDataType":
			dst = &e.SyncDataType
		case "syncJobId":
			dst = &e.SyncJobID
		case "syncRunId":
			dst = &e.SyncRunID
		case "recordId":
			dst = &e.RecordID
		case "triggeredAt":
			triggeredAt = nil
			dst = &triggeredAt
		case "eventData":
			if err := e.decodeEventData(dec, payload); err != nil {
				return err
			}
			continue
		default:
			dst = &skipValue{}
		}
		if err := dec.Decode(dst); err != nil {
			var typeErr *json.UnmarshalTypeError
			if errors.As(err, &typeErr) {
				return fmt.Errorf("%s: %w", key, err)
			}
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // the closing '}'
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if err == nil {
			return errors.New("data after the top-level object")
		}
		return err
	}
	e.TriggeredAt = parseTriggeredAt(triggeredAt)
	e.eager = false
	if e.parsed.dataType != e.SyncDataType {
		e.parsed = parsedRecord{} // a wrong guess: decode when asked
	}
	return nil
}

// guessDataType returns the value of the last "syncDataType" key in
// payload, where Knit puts it (after eventData), without parsing: it is a
// guess that Parse checks against the decoded field. It returns "" when
// there is no plain string value to read.
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
	if end < 0 || bytes.IndexByte(rest[1:1+end], '\\') >= 0 {
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

// decodeEventData reads the value of eventData: into its record type when
// the data type is known by now and the value is an object, else skipping
// it. EventData is the value's bytes within payload.
func (e *Event) decodeEventData(dec *json.Decoder, payload []byte) error {
	start := int(dec.InputOffset())
	e.parsed = parsedRecord{}
	first := firstByte(bytes.TrimLeft(payload[start:], " \t\r\n:"))
	dataType := e.SyncDataType
	if dataType == "" {
		// Knit sends syncDataType after eventData: guess it from the
		// payload, and let Parse check the guess once the real one is read.
		dataType = guessDataType(payload)
	}
	kind, eager := eagerRecords[dataType]
	var rec any
	var err error
	eager = eager && e.eager && first == '{'
	if eager {
		if rec, err = kind.decode(dec); err != nil {
			// Whether the payload is broken or only the record does not
			// fit its type, decode again without the record: Parse fails
			// only on the former, the accessor reports the latter.
			return errRecordFailed
		}
	} else if err := dec.Decode(&skipValue{}); err != nil {
		return err
	}
	raw := bytes.TrimLeft(payload[start:dec.InputOffset()], " \t\r\n:")
	if first == 'n' && string(raw) == "null" {
		// As json.RawMessage decodes it.
		e.EventData = json.RawMessage("null")
	} else {
		e.EventData = raw[:len(raw):len(raw)]
	}
	if eager {
		e.parsed = parsedRecord{data: e.EventData, rec: rec, dataType: dataType}
	}
	return nil
}

// envelopeKey maps a key of the event object to the field name it fills,
// matching like encoding/json: exactly, else ignoring case.
func envelopeKey(key string) string {
	switch key {
	case "eventId", "eventType", "syncType", "syncDataType", "syncJobId", "syncRunId", "recordId", "triggeredAt", "eventData":
		return key
	}
	for _, name := range [...]string{"eventId", "eventType", "syncType", "syncDataType", "syncJobId", "syncRunId", "recordId", "triggeredAt", "eventData"} {
		if strings.EqualFold(key, name) {
			return name
		}
	}
	return ""
}

// errUnexpectedEnd is what encoding/json says of truncated input.
var errUnexpectedEnd = errors.New("unexpected end of JSON input")

// errRecordFailed stops a Parse whose eager record decoding failed.
var errRecordFailed = errors.New("webhook: the record did not decode")

// skipValue consumes any JSON value without keeping it.
type skipValue struct{}

func (skipValue) UnmarshalJSON([]byte) error { return nil }

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
// fraction or exponent) and ISO-8601 strings; anything else is zero.
func parseTriggeredAt(raw json.RawMessage) time.Time {
	var d basemodel.DateTime
	if len(raw) == 0 || json.Unmarshal(raw, &d) != nil {
		return time.Time{}
	}
	if t, err := d.Parse(); err == nil {
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
	if len(v.keys) == 0 {
		// Fail before reading: nothing could be verified anyway.
		return nil, ErrNoKeys
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

// readBody reads at most limit bytes of r.Body, in one allocation when
// Content-Length is known.
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
		buf.Grow(int(r.ContentLength) + bytes.MinRead)
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
