package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func okCallback(context.Context, *Event) error { return nil }

// TestKeyWithNewlineVerifies: a key read from a file with a trailing
// newline still verifies Knit's deliveries (signed with the bare key).
func TestKeyWithNewlineVerifies(t *testing.T) {
	t.Parallel()
	payload := readFixture(t, "record_new_employee.json")
	sig := Sign(payload, testKey)
	require.NoError(t, Verify(payload, sig, testKey+"\n"))
	require.NoError(t, NewVerifier([]string{" " + testKey + "\r\n"}).Verify(payload, sig))
	assert.Equal(t, sig, Sign(payload, testKey+"\n"), "Sign trims the key the same way")

	w := httptest.NewRecorder()
	NewHandler([]string{testKey + "\n"}, okCallback).ServeHTTP(w, newSignedTestRequest(t, payload, testKey))
	assert.Equal(t, http.StatusOK, w.Code)
}

// TestKeyWithInteriorWhitespaceRefused: such a key is no Knit key; it is a
// configuration error, reported as such (never echoing the key).
func TestKeyWithInteriorWhitespaceRefused(t *testing.T) {
	t.Parallel()
	payload := readFixture(t, "record_new_employee.json")
	for _, bad := range []string{"test key", "test\tkey", "test\x00key", "test\nkey"} {
		err := Verify(payload, Sign(payload, bad), bad)
		require.ErrorIs(t, err, ErrInvalidKey, "%q", bad)
		assert.NotContains(t, err.Error(), bad)
		err = NewVerifier([]string{testKey, bad, "other"}).Verify(payload, Sign(payload, testKey))
		require.ErrorIs(t, err, ErrInvalidKey)
		assert.Contains(t, err.Error(), "(key 2 of 3)", "the error names which key, by position")

		_, err = NewCheckedHandler([]string{bad}, okCallback)
		require.ErrorIs(t, err, ErrInvalidKey)
		w := httptest.NewRecorder()
		NewHandler([]string{bad}, okCallback, WithLogger(slog.New(slog.DiscardHandler))).ServeHTTP(w, newSignedTestRequest(t, payload, bad))
		assert.Equal(t, http.StatusInternalServerError, w.Code)
	}
}

func TestNewCheckedHandler(t *testing.T) {
	t.Parallel()
	_, err := NewCheckedHandler(nil, okCallback)
	require.ErrorIs(t, err, ErrNoKeys)
	_, err = NewCheckedHandler([]string{"", "  \n"}, okCallback)
	require.ErrorIs(t, err, ErrNoKeys)
	_, err = NewCheckedHandler([]string{testKey}, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "nil callback")

	h, err := NewCheckedHandler([]string{testKey}, okCallback)
	require.NoError(t, err)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, newSignedTestRequest(t, readFixture(t, "record_new_employee.json"), testKey))
	assert.Equal(t, http.StatusOK, w.Code)
}

// TestMisconfiguredHandlerLogsToDefault: without WithLogger, a
// misconfigured NewHandler still says so, at Error level, through
// slog.Default(). Not parallel: it swaps the process-wide default logger.
func TestMisconfiguredHandlerLogsToDefault(t *testing.T) {
	var logs bytes.Buffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(&logs, nil)))
	t.Cleanup(func() { slog.SetDefault(prev) })

	NewHandler(nil, okCallback)
	var line map[string]any
	require.NoError(t, json.Unmarshal(logs.Bytes(), &line), logs.String())
	assert.Equal(t, "ERROR", line["level"])
	assert.Contains(t, line["msg"], "misconfigured")
	assert.Contains(t, line["error"], ErrNoKeys.Error())

	logs.Reset()
	NewHandler([]string{testKey}, okCallback)
	assert.Empty(t, logs.String(), "a correct handler logs nothing")
}

// oneByteThenEOF declares nothing itself; the request's ContentLength lies.
type oneByteThenEOF struct{ done bool }

func (r *oneByteThenEOF) Read(p []byte) (int, error) {
	if r.done {
		return 0, io.EOF
	}
	r.done = true
	p[0] = '{'
	return 1, nil
}

// TestBodyMemoryFollowsBytesReceived: a request declaring 4 MiB and
// sending one byte must not make the handler allocate 4 MiB before a byte
// is verified. Not parallel: it measures the process's allocations.
func TestBodyMemoryFollowsBytesReceived(t *testing.T) {
	h := NewHandler([]string{testKey}, okCallback, WithDeduper(nil))
	const declared = 4 << 20
	measure := func() uint64 {
		req := httptest.NewRequest(http.MethodPost, "/", &oneByteThenEOF{})
		req.ContentLength = declared
		req.Header.Set(HeaderSignature, strings.Repeat("A", encodedSigLen))
		w := httptest.NewRecorder()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		h.ServeHTTP(w, req)
		runtime.ReadMemStats(&after)
		require.Equal(t, http.StatusUnauthorized, w.Code)
		return after.TotalAlloc - before.TotalAlloc
	}
	measure() // warm up
	got := min(measure(), measure(), measure())
	assert.Less(t, got, uint64(256<<10), "allocated %d bytes for a 1-byte body declaring %d", got, declared)

	// A real body of the declared size still reads completely.
	payload := readFixture(t, "record_new_employee.json")
	big := append(bytes.Clone(payload[:len(payload)-2]), []byte(`,"pad":"`+strings.Repeat("x", 1<<20)+`"}`)...)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, newSignedTestRequest(t, big, testKey))
	assert.Equal(t, http.StatusOK, w.Code)
}

// TestClaimReleasedOnGoexit: a callback that ends with runtime.Goexit (as
// t.FailNow or a library may) must not leave the event in progress, or
// every redelivery would be answered 409 until Knit gives up.
func TestClaimReleasedOnGoexit(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	h := NewHandler([]string{testKey}, func(context.Context, *Event) error {
		if calls.Add(1) == 1 {
			runtime.Goexit()
		}
		return nil
	})
	payload := readFixture(t, "record_new_employee.json")
	first := newSignedTestRequest(t, payload, testKey)
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.ServeHTTP(httptest.NewRecorder(), first)
	}()
	<-done
	w := httptest.NewRecorder()
	h.ServeHTTP(w, newSignedTestRequest(t, payload, testKey))
	assert.Equal(t, http.StatusOK, w.Code, "the redelivery is processed, not answered 409")
	assert.EqualValues(t, 2, calls.Load())
}

// secretEvent carries personal data in eventData.
const secretEvent = `{"eventId":"evt_42","eventType":"record.new","syncDataType":"employee",` +
	`"syncJobId":"sj_1","syncRunId":"sr_1","recordId":"rec_7","triggeredAt":"1765500000000",` +
	`"eventData":{"profile":{"id":"emp_1","firstName":"Ada","birthDate":"1990-07-15"},` +
	`"bankAccounts":[{"accountNumber":"123456789012"}]}}`

// TestEventPrintsAndLogsOnlyIdentifiers: an Event printed with fmt or
// logged with slog shows identifiers, types and sizes, never the record.
func TestEventPrintsAndLogsOnlyIdentifiers(t *testing.T) {
	t.Parallel()
	ev, err := Parse([]byte(secretEvent))
	require.NoError(t, err)
	ev.IntegrationID = "int_9"
	secrets := []string{"Ada", "1990-07-15", "123456789012", "bankAccounts"}
	check := func(what, out string) {
		t.Helper()
		for _, s := range secrets {
			assert.NotContains(t, out, s, "%s leaks %q: %s", what, s, out)
		}
		for _, s := range []string{"evt_42", "record.new", "employee", "rec_7", "int_9"} {
			assert.Contains(t, out, s, what)
		}
	}
	for _, verb := range []string{"%v", "%+v", "%s", "%#v"} {
		check("fmt "+verb, fmt.Sprintf(verb, ev))
		check("fmt "+verb+" value", fmt.Sprintf(verb, *ev))
	}
	check("String", ev.String())
	check("Println slice", fmt.Sprintln([]*Event{ev}))
	assert.Contains(t, ev.String(), fmt.Sprint(len(ev.Payload)), "the payload size is shown")
	for name, mk := range map[string]func(io.Writer) slog.Handler{
		"json": func(w io.Writer) slog.Handler { return slog.NewJSONHandler(w, nil) },
		"text": func(w io.Writer) slog.Handler { return slog.NewTextHandler(w, nil) },
	} {
		var buf bytes.Buffer
		slog.New(mk(&buf)).Info("got", "event", ev, "value", *ev)
		check(name, buf.String())
	}

	// encoding/json stays complete: users store events.
	b, err := json.Marshal(ev)
	require.NoError(t, err)
	for _, s := range secrets {
		assert.Contains(t, string(b), s)
	}
}

// TestCollidingEventIDsRefused: two different signed events whose eventIds
// differ only in invalid UTF-8 bytes or lone surrogate escapes decoded to
// the same string, so the second was answered 200 as a duplicate and its
// callback never ran. Such IDs, and IDs no dedupe store can key on (NUL,
// control characters, over 256 bytes), are answered 400 now.
func TestCollidingEventIDsRefused(t *testing.T) {
	t.Parallel()
	event := func(rawID string) []byte {
		return []byte(`{"eventId":"` + rawID + `","eventType":"record.new","syncDataType":"employee","eventData":{}}`)
	}
	for _, tc := range []struct {
		name   string
		rawIDs []string // JSON string contents, as sent
	}{
		{"invalid UTF-8 bytes", []string{"ev_\xff", "ev_\xfe"}},
		{"lone surrogate escapes", []string{`ev_\ud800`, `ev_\udc00`}},
		{"NUL", []string{`ev_\u0000`}},
		{"control character", []string{"ev_\\n1"}},
		{"3,000 characters", []string{strings.Repeat("e", 3000)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var calls atomic.Int32
			h := NewHandler([]string{testKey}, func(context.Context, *Event) error {
				calls.Add(1)
				return nil
			})
			for _, id := range tc.rawIDs {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, newSignedTestRequest(t, event(id), testKey))
				assert.Equal(t, http.StatusBadRequest, w.Code, "eventId %q", id)
				_, err := Parse(event(id))
				require.ErrorIs(t, err, ErrMalformedPayload)
				assert.Contains(t, err.Error(), "eventId")
			}
			assert.Zero(t, calls.Load(), "no callback ran for an ID that cannot be keyed on")
		})
	}

	t.Run("distinct valid IDs both run", func(t *testing.T) {
		t.Parallel()
		var calls atomic.Int32
		h := NewHandler([]string{testKey}, func(context.Context, *Event) error {
			calls.Add(1)
			return nil
		})
		for _, id := range []string{"ev_é", `ev_\u00e9x`, strings.Repeat("e", 256)} {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, newSignedTestRequest(t, event(id), testKey))
			assert.Equal(t, http.StatusOK, w.Code, "eventId %q", id)
		}
		assert.EqualValues(t, 3, calls.Load())
	})
}
