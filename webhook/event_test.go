package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var knitTriggeredAt = time.UnixMilli(1765500000000).UTC()

func TestParseFixtures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		want Event
	}{
		{file: "record_new_employee.json", want: Event{
			EventID: "e_123sadasdasda", EventType: EventRecordNew, SyncType: SyncTypeInitial,
			SyncDataType: "employee", SyncJobID: "sj_asda32424", SyncRunID: "sr_jhhkk80869", RecordID: "123",
			TriggeredAt: knitTriggeredAt,
		}},
		{file: "record_modified_job.json", want: Event{
			EventID: "e_job_2", EventType: EventRecordModified, SyncType: SyncTypeDelta,
			SyncDataType: "ats_jobs", SyncJobID: "sj_2", SyncRunID: "sr_2", RecordID: "job_9",
			TriggeredAt: knitTriggeredAt,
		}},
		{file: "record_deleted_application.json", want: Event{
			EventID: "e_app_3", EventType: EventRecordDeleted, SyncType: SyncTypeDelta,
			SyncDataType: "ats_applications", SyncJobID: "sj_3", SyncRunID: "sr_3", RecordID: "app_1",
			TriggeredAt: time.Date(2025, 12, 12, 0, 40, 0, 0, time.UTC),
		}},
		{file: "sync_events_processed.json", want: Event{
			EventID: "e_sync_4", EventType: EventSyncEventsProcessed, SyncType: SyncTypeDelta,
			SyncDataType: "employee", SyncJobID: "sj_4", SyncRunID: "sr_4", RecordID: "sr_4",
			TriggeredAt: knitTriggeredAt,
		}},
		{file: "unknown_event_type.json", want: Event{
			EventID: "e_unknown_5", EventType: "record.archived.v2", SyncType: "hourly_sync",
			SyncDataType: "crm_widgets", SyncJobID: "sj_5", SyncRunID: "sr_5", RecordID: "x1",
		}},
		{file: "integration_activate.json", want: Event{
			EventID: "e_act_6", EventType: EventIntegrationActivate,
		}},
		{file: "record_new_invoice.json", want: Event{
			EventID: "e_inv_7", EventType: EventRecordNew, SyncType: SyncTypeInitial,
			SyncDataType: "accounting_invoices", SyncJobID: "sj_7", SyncRunID: "sr_7", RecordID: "inv_1",
			TriggeredAt: knitTriggeredAt,
		}},
		{file: "record_new_candidate.json", want: Event{
			EventID: "e_cand_9", EventType: EventRecordNew, SyncType: SyncTypeInitial,
			SyncDataType: "ats_candidates", SyncJobID: "sj_9", SyncRunID: "sr_9", RecordID: "cand_7",
			TriggeredAt: knitTriggeredAt,
		}},
		{file: "record_modified_crm_deal.json", want: Event{
			EventID: "e_deal_10", EventType: EventRecordModified, SyncType: SyncTypeDelta,
			SyncDataType: "crm_deals", SyncJobID: "sj_10", SyncRunID: "sr_10", RecordID: "deal_1",
			TriggeredAt: knitTriggeredAt,
		}},
		{file: "record_new_ledger_account.json", want: Event{
			EventID: "e_ledger_13", EventType: EventRecordNew, SyncType: SyncTypeInitial,
			SyncJobID: "sj_13", SyncRunID: "sr_13", RecordID: "la_1",
		}},
		{file: "record_new_crm_contact.json", want: Event{
			EventID: "e_crm_8", EventType: EventRecordNew, SyncType: SyncTypeInitial,
			SyncJobID: "sj_8", SyncRunID: "sr_8", RecordID: "ct_1",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			payload := readFixture(t, tt.file)
			ev, err := Parse(payload)
			require.NoError(t, err)
			// EventData is kept raw and exactly as sent.
			var whole map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(payload, &whole))
			assert.Equal(t, []byte(whole["eventData"]), []byte(ev.EventData))
			assert.Equal(t, payload, ev.Payload)
			got := *ev
			got.EventData, got.Payload = nil, nil
			got.records = nil // the accessors' cache: TestAccessorDecodesOnce
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestEventTypeHelpers(t *testing.T) {
	t.Parallel()
	for _, et := range []EventType{EventRecordNew, EventRecordModified, EventRecordDeleted, "record.archived"} {
		assert.True(t, et.IsRecord(), et)
	}
	for _, et := range []EventType{EventSyncEventsProcessed, EventSyncEventsAllConsumed, EventIntegrationActivate,
		EventBotInstalled, EventBotUninstalled, EventSyncHeartbeat, EventSyncFailed, "", "records"} {
		assert.False(t, et.IsRecord(), et)
	}
	assert.True(t, EventSyncEventsAllConsumed.IsKnown())
	assert.True(t, EventSyncFailed.IsKnown())
	assert.False(t, EventType("record.archived").IsKnown())
}

func TestParseTriggeredAt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, field string
		want        time.Time
	}{
		{name: "epoch millis string", field: `"1765500000000"`, want: knitTriggeredAt},
		{name: "epoch millis number", field: `1765500000000`, want: knitTriggeredAt},
		{name: "epoch millis exponent", field: `1.7655e12`, want: knitTriggeredAt},
		{name: "ISO-8601", field: `"2025-12-12T00:40:00Z"`, want: knitTriggeredAt},
		{name: "ISO-8601 offset", field: `"2025-12-12T01:40:00.000+01:00"`, want: knitTriggeredAt},
		{name: "null", field: `null`},
		{name: "empty string", field: `""`},
		{name: "garbage string", field: `"yesterday"`},
		{name: "boolean", field: `true`},
		{name: "object", field: `{"ms":1}`},
		{name: "negative", field: `-5`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ev, err := Parse([]byte(`{"eventId":"e","triggeredAt":` + tt.field + `}`))
			require.NoError(t, err, "an odd triggeredAt never fails the event")
			assert.True(t, tt.want.Equal(ev.TriggeredAt), "got %v", ev.TriggeredAt)
		})
	}
	ev, err := Parse([]byte(`{"eventId":"e"}`))
	require.NoError(t, err)
	assert.True(t, ev.TriggeredAt.IsZero())
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, payload, mention string }{
		{name: "empty", payload: ``, mention: "empty body"},
		{name: "whitespace", payload: " \n\t", mention: "empty body"},
		{name: "null", payload: `null`, mention: "not a JSON object"},
		{name: "array", payload: `[{"eventId":"e"}]`, mention: "not a JSON object"},
		{name: "string", payload: `"e"`, mention: "not a JSON object"},
		{name: "truncated", payload: `{"eventId":"e"`, mention: "unexpected EOF"},
		{name: "trailing garbage", payload: `{"eventId":"e"} x`, mention: "invalid character"},
		{name: "missing eventId", payload: `{"eventType":"record.new"}`, mention: "eventId is missing"},
		{name: "empty eventId", payload: `{"eventId":""}`, mention: "eventId is missing"},
		{name: "numeric eventId", payload: `{"eventId":42}`, mention: "eventId"},
		{name: "object eventType", payload: `{"eventId":"e","eventType":{}}`, mention: "eventType"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ev, err := Parse([]byte(tt.payload))
			require.ErrorIs(t, err, ErrMalformedPayload)
			assert.Nil(t, ev)
			assert.Contains(t, err.Error(), tt.mention)
		})
	}
}

func TestParseKeepsUnknownFieldsAndOddEventData(t *testing.T) {
	t.Parallel()
	ev, err := Parse([]byte(`{"eventId":"e","eventData":null,"future":{"x":[1]}}`))
	require.NoError(t, err)
	assert.Equal(t, "null", string(ev.EventData))
	ev, err = Parse([]byte(`{"eventId":"e"}`))
	require.NoError(t, err)
	assert.Empty(t, ev.EventData)
}

func newSignedTestRequest(t testing.TB, payload []byte, key string) *http.Request {
	t.Helper()
	req, err := NewSignedRequest(context.Background(), "http://knit.test/hook", payload, key)
	require.NoError(t, err)
	return req
}

func TestParseRequest(t *testing.T) {
	t.Parallel()
	payload := readFixture(t, "record_new_employee.json")
	req := newSignedTestRequest(t, payload, testKey)
	req.Header.Set(HeaderIntegrationID, "int_1")
	req.Header.Set(HeaderExecutionID, "exec_1")
	assert.Equal(t, "application/json", req.Header.Get(HeaderContentType))
	assert.Equal(t, http.MethodPost, req.Method)

	ev, err := ParseRequest(req, "old-key", testKey)
	require.NoError(t, err)
	assert.Equal(t, "e_123sadasdasda", ev.EventID)
	assert.Equal(t, "int_1", ev.IntegrationID)
	assert.Equal(t, "exec_1", ev.ExecutionID)
	assert.Equal(t, payload, ev.Payload)
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func TestParseRequestErrors(t *testing.T) {
	t.Parallel()
	payload := readFixture(t, "record_new_employee.json")

	t.Run("bad signature", func(t *testing.T) {
		t.Parallel()
		_, err := ParseRequest(newSignedTestRequest(t, payload, "other"), testKey)
		assert.ErrorIs(t, err, ErrInvalidSignature)
	})
	t.Run("missing signature", func(t *testing.T) {
		t.Parallel()
		req := newSignedTestRequest(t, payload, testKey)
		req.Header.Del(HeaderSignature)
		_, err := ParseRequest(req, testKey)
		assert.ErrorIs(t, err, ErrMissingSignature)
	})
	t.Run("no keys: body not even read", func(t *testing.T) {
		t.Parallel()
		req := newSignedTestRequest(t, payload, testKey)
		cr := &countingReader{r: req.Body}
		req.Body = io.NopCloser(cr)
		_, err := ParseRequest(req)
		require.ErrorIs(t, err, ErrNoKeys)
		assert.Zero(t, cr.n)
	})
	t.Run("signed but malformed", func(t *testing.T) {
		t.Parallel()
		_, err := ParseRequest(newSignedTestRequest(t, []byte(`{"eventId":`), testKey), testKey)
		assert.ErrorIs(t, err, ErrMalformedPayload)
	})
	t.Run("empty body", func(t *testing.T) {
		t.Parallel()
		req := httptest.NewRequest(http.MethodPost, "/hook", http.NoBody)
		req.Header.Set(HeaderSignature, Sign(nil, testKey))
		_, err := ParseRequest(req, testKey)
		assert.ErrorIs(t, err, ErrMalformedPayload)
	})
	t.Run("too large by Content-Length", func(t *testing.T) {
		t.Parallel()
		req := newSignedTestRequest(t, payload, testKey)
		cr := &countingReader{r: req.Body}
		req.Body = io.NopCloser(cr)
		_, err := NewVerifier([]string{testKey}, WithMaxBodyBytes(100)).ParseRequest(req)
		require.ErrorIs(t, err, ErrPayloadTooLarge)
		assert.Zero(t, cr.n, "refused before reading")
	})
	t.Run("too large without Content-Length", func(t *testing.T) {
		t.Parallel()
		req := newSignedTestRequest(t, payload, testKey)
		cr := &countingReader{r: req.Body}
		req.Body = io.NopCloser(cr)
		req.ContentLength = -1
		_, err := NewVerifier([]string{testKey}, WithMaxBodyBytes(100)).ParseRequest(req)
		require.ErrorIs(t, err, ErrPayloadTooLarge)
		assert.Equal(t, 101, cr.n, "reads one byte past the limit, no more")
	})
	t.Run("exactly at the limit", func(t *testing.T) {
		t.Parallel()
		req := newSignedTestRequest(t, payload, testKey)
		ev, err := NewVerifier([]string{testKey}, WithMaxBodyBytes(int64(len(payload)))).ParseRequest(req)
		require.NoError(t, err)
		assert.Equal(t, payload, ev.Payload)
	})
	t.Run("read error", func(t *testing.T) {
		t.Parallel()
		req := newSignedTestRequest(t, payload, testKey)
		boom := errors.New("connection reset")
		req.Body = io.NopCloser(io.MultiReader(bytes.NewReader(payload[:10]), &failingReader{err: boom}))
		_, err := ParseRequest(req, testKey)
		require.ErrorIs(t, err, boom)
		assert.Contains(t, err.Error(), "reading body")
	})
	t.Run("nil request", func(t *testing.T) {
		t.Parallel()
		_, err := ParseRequest(nil, testKey)
		assert.Error(t, err)
	})
	t.Run("negative limit means default", func(t *testing.T) {
		t.Parallel()
		v := NewVerifier([]string{testKey}, WithMaxBodyBytes(-1))
		assert.Equal(t, DefaultMaxBodyBytes, v.cfg.maxBodyBytes)
	})
}

type failingReader struct{ err error }

func (f *failingReader) Read([]byte) (int, error) { return 0, f.err }

func TestNewSignedRequestErrors(t *testing.T) {
	t.Parallel()
	_, err := NewSignedRequest(context.Background(), "://bad url", nil, testKey)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), testKey)
}
