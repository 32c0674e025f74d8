package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// deliver POSTs payload to url signed with key, as Knit would, and returns
// the status code.
func deliver(t testing.TB, url string, payload []byte, key string) int {
	t.Helper()
	code, err := deliverStatus(url, payload, key)
	require.NoError(t, err)
	return code
}

// deliverStatus is deliver for goroutines, where require must not be used.
func deliverStatus(url string, payload []byte, key string) (int, error) {
	req, err := NewSignedRequest(context.Background(), url, payload, key)
	if err != nil {
		return 0, err
	}
	req.Header.Set(HeaderIntegrationID, "int_1")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}

func send(t testing.TB, req *http.Request) int {
	t.Helper()
	resp, err := http.DefaultTransport.RoundTrip(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

type recorder struct {
	mu     sync.Mutex
	events []*Event
	calls  atomic.Int32
}

func (r *recorder) record(ev *Event) {
	r.calls.Add(1)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, ev)
}

func TestHandlerStatuses(t *testing.T) {
	t.Parallel()
	payload := readFixture(t, "record_new_employee.json")
	pretty := payload // the fixture is indented
	var compact bytes.Buffer
	require.NoError(t, json.Compact(&compact, pretty))

	okFn := func(_ context.Context, _ *Event) error { return nil }
	tests := []struct {
		name      string
		keys      []string
		fn        HandlerFunc
		opts      []HandlerOption
		request   func(t *testing.T, url string) *http.Request
		want      int
		wantCalls int32
	}{
		{
			name: "success is exactly 200", keys: []string{testKey}, fn: okFn, want: http.StatusOK, wantCalls: 1,
			request: signedReq(payload, testKey),
		},
		{
			name: "GET is 405", keys: []string{testKey}, fn: okFn, want: http.StatusMethodNotAllowed,
			request: func(t *testing.T, url string) *http.Request {
				req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, url, http.NoBody)
				require.NoError(t, err)
				return req
			},
		},
		{
			name: "PUT is 405 even when signed", keys: []string{testKey}, fn: okFn, want: http.StatusMethodNotAllowed,
			request: func(t *testing.T, url string) *http.Request {
				req := signedReq(payload, testKey)(t, url)
				req.Method = http.MethodPut
				return req
			},
		},
		{
			name: "over the limit is 413", keys: []string{testKey}, fn: okFn, want: http.StatusRequestEntityTooLarge,
			opts: []HandlerOption{WithMaxBodyBytes(64)}, request: signedReq(payload, testKey),
		},
		{
			name: "over the limit, chunked, is 413", keys: []string{testKey}, fn: okFn, want: http.StatusRequestEntityTooLarge,
			opts: []HandlerOption{WithMaxBodyBytes(64)},
			request: func(t *testing.T, url string) *http.Request {
				req := signedReq(payload, testKey)(t, url)
				req.Body = io.NopCloser(bytes.NewReader(payload))
				req.ContentLength = -1
				return req
			},
		},
		{
			name: "over the default 5 MiB is 413", keys: []string{testKey}, fn: okFn, want: http.StatusRequestEntityTooLarge,
			request: signedReq(append([]byte(`{"eventId":"big","eventData":"`), bytes.Repeat([]byte("x"), 5<<20)...), testKey),
		},
		{
			name: "missing signature is 401", keys: []string{testKey}, fn: okFn, want: http.StatusUnauthorized,
			request: func(t *testing.T, url string) *http.Request {
				req := signedReq(payload, testKey)(t, url)
				req.Header.Del(HeaderSignature)
				return req
			},
		},
		{
			name: "wrong key is 401", keys: []string{testKey}, fn: okFn, want: http.StatusUnauthorized,
			request: signedReq(payload, "attacker-key"),
		},
		{
			name: "garbage signature is 401", keys: []string{testKey}, fn: okFn, want: http.StatusUnauthorized,
			request: func(t *testing.T, url string) *http.Request {
				req := signedReq(payload, testKey)(t, url)
				req.Header.Set(HeaderSignature, "not-a-signature")
				return req
			},
		},
		{
			name: "rotated key is 200", keys: []string{"new-key", testKey}, fn: okFn, want: http.StatusOK, wantCalls: 1,
			request: signedReq(payload, testKey),
		},
		{
			name: "compact-signed body is 401 by default", keys: []string{testKey}, fn: okFn, want: http.StatusUnauthorized,
			request: signedBody(pretty, compact.Bytes(), testKey),
		},
		{
			name: "compact-signed body is 200 with the fallback", keys: []string{testKey}, fn: okFn, want: http.StatusOK, wantCalls: 1,
			opts: []HandlerOption{WithCompactJSONFallback()}, request: signedBody(pretty, compact.Bytes(), testKey),
		},
		{
			name: "signed malformed JSON is 400", keys: []string{testKey}, fn: okFn, want: http.StatusBadRequest,
			request: signedReq([]byte(`{"eventId": "e", `), testKey),
		},
		{
			name: "signed event without eventId is 400", keys: []string{testKey}, fn: okFn, want: http.StatusBadRequest,
			request: signedReq([]byte(`{"eventType":"record.new"}`), testKey),
		},
		{
			name: "callback error is 500", keys: []string{testKey}, want: http.StatusInternalServerError, wantCalls: 1,
			fn:      func(context.Context, *Event) error { return errors.New("db down") },
			request: signedReq(payload, testKey),
		},
		{
			name: "callback panic is recovered as 500", keys: []string{testKey}, want: http.StatusInternalServerError, wantCalls: 1,
			fn:      func(context.Context, *Event) error { panic("nil map") },
			request: signedReq(payload, testKey),
		},
		{
			name: "no keys is 500", keys: []string{""}, fn: okFn, want: http.StatusInternalServerError,
			request: signedReq(payload, ""),
		},
		{
			name: "nil callback is 500", keys: []string{testKey}, want: http.StatusInternalServerError,
			request: signedReq(payload, testKey),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var rec recorder
			var fn HandlerFunc
			if tt.fn != nil {
				fn = func(ctx context.Context, ev *Event) error {
					rec.record(ev)
					return tt.fn(ctx, ev)
				}
			}
			srv := httptest.NewServer(NewHandler(tt.keys, fn, tt.opts...))
			defer srv.Close()

			req := tt.request(t, srv.URL)
			resp, err := http.DefaultTransport.RoundTrip(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			assert.Equal(t, tt.want, resp.StatusCode)
			assert.Equal(t, tt.wantCalls, rec.calls.Load(), "callback calls")
			if tt.want == http.StatusMethodNotAllowed {
				assert.Equal(t, http.MethodPost, resp.Header.Get("Allow"))
			}
		})
	}
}

func signedReq(payload []byte, key string) func(t *testing.T, url string) *http.Request {
	return signedBody(payload, payload, key)
}

// signedBody sends body with the signature of signedPayload.
func signedBody(body, signedPayload []byte, key string) func(t *testing.T, url string) *http.Request {
	return func(t *testing.T, url string) *http.Request {
		req, err := NewSignedRequest(context.Background(), url, body, key)
		require.NoError(t, err)
		req.Header.Set(HeaderSignature, Sign(signedPayload, key))
		req.Header.Set(HeaderIntegrationID, "int_1")
		return req
	}
}

func TestHandlerPassesEventWithHeaders(t *testing.T) {
	t.Parallel()
	payload := readFixture(t, "record_new_employee.json")
	var rec recorder
	srv := httptest.NewServer(NewHandler([]string{testKey}, func(ctx context.Context, ev *Event) error {
		if ctx == nil || ctx.Err() != nil {
			return errors.New("callback got a dead context")
		}
		rec.record(ev)
		return nil
	}))
	defer srv.Close()
	req, err := NewSignedRequest(context.Background(), srv.URL, payload, testKey)
	require.NoError(t, err)
	req.Header.Set(HeaderIntegrationID, "int_42")
	req.Header.Set(HeaderExecutionID, "exec_9")
	require.Equal(t, http.StatusOK, send(t, req))
	require.Len(t, rec.events, 1)
	ev := rec.events[0]
	assert.Equal(t, "e_123sadasdasda", ev.EventID)
	assert.Equal(t, "int_42", ev.IntegrationID)
	assert.Equal(t, "exec_9", ev.ExecutionID)
	assert.Equal(t, payload, ev.Payload)
}

func TestHandlerDuplicateIsAcknowledgedWithoutCallback(t *testing.T) {
	t.Parallel()
	payload := readFixture(t, "record_modified_job.json")
	var rec recorder
	srv := httptest.NewServer(NewHandler([]string{testKey}, func(_ context.Context, ev *Event) error {
		rec.record(ev)
		return nil
	}))
	defer srv.Close()
	for range 3 {
		assert.Equal(t, http.StatusOK, deliver(t, srv.URL, payload, testKey))
	}
	assert.EqualValues(t, 1, rec.calls.Load())
	// Another event is not a duplicate.
	assert.Equal(t, http.StatusOK, deliver(t, srv.URL, readFixture(t, "record_new_employee.json"), testKey))
	assert.EqualValues(t, 2, rec.calls.Load())
}

func TestHandlerFailedCallbackIsRetried(t *testing.T) {
	t.Parallel()
	for _, failure := range []string{"error", "panic"} {
		t.Run(failure, func(t *testing.T) {
			t.Parallel()
			payload := readFixture(t, "record_new_employee.json")
			var calls atomic.Int32
			srv := httptest.NewServer(NewHandler([]string{testKey}, func(context.Context, *Event) error {
				if calls.Add(1) == 1 {
					if failure == "panic" {
						panic(errors.New("first attempt blew up"))
					}
					return errors.New("first attempt failed")
				}
				return nil
			}))
			defer srv.Close()

			assert.Equal(t, http.StatusInternalServerError, deliver(t, srv.URL, payload, testKey))
			assert.Equal(t, http.StatusOK, deliver(t, srv.URL, payload, testKey), "redelivery runs the callback again")
			assert.Equal(t, http.StatusOK, deliver(t, srv.URL, payload, testKey), "then it is a duplicate")
			assert.EqualValues(t, 2, calls.Load())
		})
	}
}

func TestHandlerLogsOutcomesWithoutSecrets(t *testing.T) {
	t.Parallel()
	const key = "sk_live_super_secret_key"
	payload := readFixture(t, "record_new_employee.json")
	var logs bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewJSONHandler(&lockedWriter{w: &logs, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	fail := true
	h := NewHandler([]string{key}, func(context.Context, *Event) error {
		if fail {
			fail = false
			return errors.New("queue full")
		}
		return nil
	}, WithLogger(logger))

	serve := func(req *http.Request) int {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w.Code
	}
	good := newSignedTestRequest(t, payload, key)
	good.Header.Set(HeaderIntegrationID, "int_7")
	sig := good.Header.Get(HeaderSignature)
	require.Equal(t, http.StatusInternalServerError, serve(good))
	require.Equal(t, http.StatusOK, serve(newSignedTestRequest(t, payload, key)))
	require.Equal(t, http.StatusOK, serve(newSignedTestRequest(t, payload, key)))
	forged := newSignedTestRequest(t, payload, "guess")
	forgedSig := forged.Header.Get(HeaderSignature)
	require.Equal(t, http.StatusUnauthorized, serve(forged))
	// A forged request's integration header is logged (unverified, but it
	// finds a misconfigured integration), and only when it is there.
	forgedWithID := newSignedTestRequest(t, payload, "guess")
	forgedWithID.Header.Set(HeaderIntegrationID, "int_9")
	require.Equal(t, http.StatusUnauthorized, serve(forgedWithID))

	out := logs.String()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 5)
	assert.Contains(t, lines[0], `"status":500`)
	assert.Contains(t, lines[0], `"event_id":"e_123sadasdasda"`)
	assert.Contains(t, lines[0], `"event_type":"record.new"`)
	assert.Contains(t, lines[0], `"integration_id":"int_7"`)
	assert.Contains(t, lines[0], "queue full")
	assert.Contains(t, lines[0], `"level":"ERROR"`)
	assert.Contains(t, lines[1], `"outcome":"processed"`)
	assert.NotContains(t, lines[1], "finish_retries", "Finish answered the first time")
	assert.Contains(t, lines[2], `"outcome":"duplicate"`)
	assert.Contains(t, lines[3], `"status":401`)
	assert.Contains(t, lines[3], `"level":"WARN"`)
	assert.NotContains(t, lines[3], "integration_id")
	assert.Contains(t, lines[4], `"status":401`)
	assert.Contains(t, lines[4], `"integration_id":"int_9"`)
	assert.NotContains(t, lines[4], "event_id")
	for _, secret := range []string{key, sig, forgedSig, "Lovelace", "ada@example.com"} {
		assert.NotContains(t, out, secret)
	}
}

func TestHandlerLogsMisconfiguration(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	h := NewHandler(nil, func(context.Context, *Event) error { return nil }, WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	assert.Contains(t, logs.String(), "misconfigured")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, newSignedTestRequest(t, readFixture(t, "record_new_employee.json"), testKey))
	assert.Equal(t, http.StatusInternalServerError, w.Code)
	assert.Contains(t, logs.String(), ErrNoKeys.Error())
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
