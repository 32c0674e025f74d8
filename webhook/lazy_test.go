package webhook

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/accounting"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/hris"
)

// referenceParse is Parse written with encoding/json: one json.Unmarshal
// of the envelope with eventData kept raw. Parse must agree with it on
// every input (FuzzParse checks): key case, repeated keys and invalid UTF-8
// are read as encoding/json reads them.
func referenceParse(payload []byte) (*Event, error) {
	type fields Event
	var w struct {
		*fields
		TriggeredAt json.RawMessage `json:"triggeredAt"`
	}
	ev := &Event{}
	w.fields = (*fields)(ev)
	if firstByte(payload) != '{' {
		return nil, ErrMalformedPayload
	}
	if err := json.Unmarshal(payload, &w); err != nil {
		return nil, err
	}
	if err := checkEventID(ev.EventID); err != nil {
		return nil, err
	}
	ev.TriggeredAt = parseTriggeredAt(w.TriggeredAt)
	ev.Payload = payload
	return ev, nil
}

// sameEnvelope fails unless got and want have the same envelope and data.
func sameEnvelope(t testing.TB, want, got *Event) {
	t.Helper()
	w, g := *want, *got
	w.records, g.records = nil, nil
	if string(w.EventData) != string(g.EventData) {
		t.Fatalf("EventData %q, reference %q", g.EventData, w.EventData)
	}
	w.EventData, g.EventData = nil, nil
	if !w.TriggeredAt.Equal(g.TriggeredAt) {
		t.Fatalf("TriggeredAt %s, reference %s", g.TriggeredAt, w.TriggeredAt)
	}
	w.TriggeredAt, g.TriggeredAt = time.Time{}, time.Time{}
	if fmt.Sprint(w) != fmt.Sprint(g) {
		t.Fatalf("event %+v, reference %+v", g, w)
	}
}

func TestParseMatchesReference(t *testing.T) {
	t.Parallel()
	inputs := []string{
		`{"eventId":"e","EVENTTYPE":"record.new","syncdatatype":"employee","eventData":{"profile":{"id":"1"}}}`,
		`{"eventId":"e","syncDataType":"employee","eventData":null}`,
		`{"eventId":"e","syncDataType":"employee","eventData":  {"profile":{"id":"1"}} , "x":[1,{"y":2}]}`,
		`{"eventId":"e","eventData":{"profile":{"id":"1"}},"syncDataType":"employee"}`,
		`{"eventId":"e","syncDataType":"employee","eventData":{"profile":{"id":"1"}},"eventData":{"profile":{"id":"2"}}}`,
		`{"eventId":"e","syncDataType":"employee","eventData":{"profile":5}}`,
		`{"eventId":"e","syncDataType":"employee","eventData":[1]}`,
		`{"eventId":"e","syncDataType":"ats_jobs","eventData":{"info":{"id":"j","createdAt":true}}}`,
		`{"eventId":"e","triggeredAt":"1765500000000","triggeredAt":null}`,
		"{\"eventId\":\"e\xff\",\"eventData\":{\"a\":\"\xfe\"}}",
		`{"eventId":"e","syncDataType":"employee","EventData":{"profile":{"id":"1"}}}`,
		`{"eventId":"e","syncDataType":"employee","eventData":{"profile":{"id":"1"}},"EVENTDATA":{"profile":{"id":"2"}}}`,
		`{"eventId":"e","syncDataType":"employee","event\u0044ata":{"profile":{"id":"1"}}}`,
		`{"eventId":"e","syncDataType":"employee","eventData":{"profile":{"id":"a\"}\\"}},"z":"}"}`,
		` { "eventId" : "e" , "syncDataType" : "employee" , "eventData" : { "profile" : { "id" : "1" } } , "n" : -1.5e3 } `,
		`{"eventId":"e","syncDataType":"employee","eventData":{"profile":{"id":"1"}},"syncDataType":"ats_jobs"}`,
	}
	for _, in := range inputs {
		want, wantErr := referenceParse([]byte(in))
		got, err := Parse([]byte(in))
		require.Equal(t, wantErr == nil, err == nil, "%s: error %v, reference %v", in, err, wantErr)
		if err == nil {
			sameEnvelope(t, want, got)
		}
	}
	for _, in := range []string{`{"eventId":"e"} {}`, `{"eventId":"e"`, `{"eventId":"e",}`, `{"eventId":"e","syncDataType":"employee","eventData":{"profile":{"id":"1"}`} {
		_, err := Parse([]byte(in))
		require.ErrorIs(t, err, ErrMalformedPayload, in)
	}
}

// TestParseLeavesTheRecord: Parse reads the envelope only, so a record
// that does not fit its type does not fail it, and nothing is decoded until
// an accessor asks.
func TestParseLeavesTheRecord(t *testing.T) {
	t.Parallel()
	ev, err := Parse([]byte(`{"eventId":"e","eventType":"record.new","syncDataType":"employee","eventData":{"profile":5}}`))
	require.NoError(t, err)
	assert.Empty(t, ev.records.byWhat, "nothing decoded by Parse")
	_, err = ev.Employee()
	require.ErrorContains(t, err, "hris.Employee")
	require.ErrorContains(t, err, "webhook: event e:")
	_, again := ev.Employee()
	assert.Same(t, err, again, "the error is the first call's")
}

// TestAccessorDecodesOnce checks, for each record type, that the accessor
// gives what the package's decoder makes of EventData, decoded by the first
// call only, whichever of many goroutines makes it (run with -race).
func TestAccessorDecodesOnce(t *testing.T) {
	t.Parallel()
	cases := []struct {
		fixture string
		get     func(*Event) (any, error)
		decode  func([]byte) (any, error)
	}{
		{"record_new_employee.json", func(e *Event) (any, error) { return e.Employee() }, func(b []byte) (any, error) { return hris.DecodeEmployee(b) }},
		{"record_modified_job.json", func(e *Event) (any, error) { return e.Job() }, func(b []byte) (any, error) { return ats.DecodeJob(b) }},
		{"record_new_candidate.json", func(e *Event) (any, error) { return e.Candidate() }, func(b []byte) (any, error) { return ats.DecodeCandidate(b) }},
		{"record_new_application.json", func(e *Event) (any, error) { return e.Application() }, func(b []byte) (any, error) { return ats.DecodeApplication(b) }},
		{"record_new_invoice.json", func(e *Event) (any, error) { return e.Invoice() }, func(b []byte) (any, error) { return accounting.DecodeInvoice(b) }},
	}
	for _, tc := range cases {
		t.Run(tc.fixture, func(t *testing.T) {
			t.Parallel()
			ev, err := Parse(readFixture(t, tc.fixture))
			require.NoError(t, err)
			want, err := tc.decode(ev.EventData)
			require.NoError(t, err)

			const n = 16
			got := make([]any, n)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i := range n {
				wg.Go(func() {
					<-start
					rec, err := tc.get(ev)
					assert.NoError(t, err)
					got[i] = rec
				})
			}
			close(start)
			wg.Wait()
			assert.Equal(t, want, got[0])
			for i := 1; i < n; i++ {
				assert.Same(t, got[0], got[i], "goroutine %d got a record of its own: decoded twice", i)
			}
		})
	}
}

func TestAccessorAfterEventDataChanges(t *testing.T) {
	t.Parallel()
	// Knit's spellings the employee's wire form reads (bankAccountDetails,
	// dependents as an object), and a dependents value of the wrong type.
	ev, err := Parse([]byte(`{"eventId":"e","eventType":"record.new","syncDataType":"employee","eventData":{"profile":{"id":"1"},"dependents":{"id":"d1"},"bankAccountDetails":{"accountNumber":"9"}}}`))
	require.NoError(t, err)
	emp, err := ev.Employee()
	require.NoError(t, err)
	require.Len(t, emp.Dependents, 1)
	require.Len(t, emp.BankAccounts, 1)
	assert.Equal(t, "9", emp.BankAccounts[0].AccountNumber)
	ev, err = Parse([]byte(`{"eventId":"e","eventType":"record.new","syncDataType":"employee","eventData":{"profile":{"id":"1"},"dependents":7}}`))
	require.NoError(t, err)
	_, err = ev.Employee()
	require.ErrorContains(t, err, "dependents")

	// Replacing EventData replaces the record, on every call.
	ev, err = Parse([]byte(`{"eventId":"e","eventType":"record.new","syncDataType":"employee","eventData":{"profile":{"id":"1"}}}`))
	require.NoError(t, err)
	first, err := ev.Employee()
	require.NoError(t, err)
	assert.Equal(t, "1", first.ID())
	ev.EventData = json.RawMessage(`{"profile":{"id":"2"}}`)
	emp, err = ev.Employee()
	require.NoError(t, err)
	assert.Equal(t, "2", emp.ID())
	again, err := ev.Employee()
	require.NoError(t, err)
	assert.NotSame(t, emp, again, "a replaced EventData is not cached")

	// An Event built by hand decodes on every call.
	byHand := &Event{EventID: "h", EventType: EventRecordNew, SyncDataType: hris.DataTypeEmployee, EventData: json.RawMessage(`{"profile":{"id":"3"}}`)}
	emp, err = byHand.Employee()
	require.NoError(t, err)
	assert.Equal(t, "3", emp.ID())

	// The data type still decides.
	_, err = ev.Job()
	require.ErrorIs(t, err, ErrDataTypeMismatch)
}
