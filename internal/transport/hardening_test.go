package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/apierror"
)

// TestRedirectsNeverFollowed: a 3xx is never followed (the Authorization
// header would go to the Location), for every verb and status, also with a
// caller-supplied client, which is left unmodified.
func TestRedirectsNeverFollowed(t *testing.T) {
	t.Parallel()
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		writeJSON(w, http.StatusOK, `{"success":true,"data":{}}`)
	}))
	t.Cleanup(other.Close)

	for _, code := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		for _, verb := range []string{http.MethodGet, http.MethodPost} {
			for _, own := range []bool{false, true} {
				t.Run(fmt.Sprintf("%d/%s/own client %v", code, verb, own), func(t *testing.T) {
					t.Parallel()
					srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
						http.Redirect(w, r, other.URL+"/v1.0/x", code)
					})
					var opts []Option
					hc := &http.Client{Transport: &http.Transport{}}
					if own {
						opts = append(opts, NewOption(func(c *Config) error { c.HTTPClient = hc; return nil }))
					}
					c := srv.client(t, opts...)
					err := c.Account().Do(context.Background(), &Request{HTTPMethod: verb, Method: "hr.x"}, nil)
					require.Error(t, err)
					var kerr *apierror.Error
					require.ErrorAs(t, err, &kerr)
					assert.Equal(t, code, kerr.StatusCode)
					assert.Contains(t, err.Error(), other.URL+"/v1.0/x", "the error names the Location")
					assert.Contains(t, err.Error(), "redirect")
					assert.False(t, kerr.Retryable)
					assert.EqualValues(t, 1, srv.hits.Load())
					assert.Nil(t, hc.CheckRedirect, "the caller's client is not modified")
				})
			}
		}
	}
	assert.Zero(t, elsewhere.Load(), "no request reached the redirect target")
}

// TestKeyScrubbedFromErrors: a server (or proxy) echoing the API key in its
// message or body does not put it into the returned error or the log.
func TestKeyScrubbedFromErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		status int
		body   string
	}{
		{"401 message", http.StatusUnauthorized, `{"success":false,"error":{"msg":"Invalid API key ` + testKey + `"}}`},
		{"success false", http.StatusOK, `{"success":false,"error":{"msg":"key ` + testKey + ` revoked"}}`},
		{"html", http.StatusBadGateway, `<html>Bearer ` + testKey + `</html>`},
		{"malformed 200", http.StatusOK, `{"success":true,"data":` + testKey},
		{"no success", http.StatusOK, `{"data":"` + testKey + `"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				writeJSON(w, tc.status, tc.body)
			})
			var logs bytes.Buffer
			logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			c := srv.client(t, NewOption(func(c *Config) error { c.MaxRetries = 0; c.Logger = logger; return nil }))
			err := c.Account().Get(context.Background(), "hr.x", nil, nil, nil)
			require.Error(t, err)
			var kerr *apierror.Error
			require.ErrorAs(t, err, &kerr)
			for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err), kerr.Message, string(kerr.Body), logs.String()} {
				assert.NotContains(t, s, testKey)
			}
			assert.Contains(t, err.Error()+string(kerr.Body), RedactedKey, "the place of the key is marked")
		})
	}
}

// A header that echoes the key reaches option.WithResponseInto scrubbed.
func TestKeyScrubbedFromResponseInto(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("X-Debug-Auth", "Bearer "+testKey)
		w.Header().Set("X-Other", "kept")
		writeJSON(w, http.StatusOK, `{"success":true,"data":{}}`)
	})
	var resp apierror.Response
	c := srv.client(t, NewOption(func(c *Config) error { c.MaxRetries = 0; return nil }))
	err := c.Account().Get(context.Background(), "hr.x", nil, nil, []Option{NewOption(func(c *Config) error { c.ResponseInto = &resp; return nil })})
	require.NoError(t, err)
	assert.Equal(t, "Bearer "+RedactedKey, resp.Header.Get("X-Debug-Auth"))
	assert.Equal(t, "kept", resp.Header.Get("X-Other"))
}

func TestScrubbedErrorKeepsClassification(t *testing.T) {
	t.Parallel()
	inner := fmt.Errorf("%w: got %q", apierror.ErrMalformedResponse, testKey)
	e := scrubError(inner, testKey)
	assert.NotContains(t, e.Error(), testKey)
	require.ErrorIs(t, e, apierror.ErrMalformedResponse)
	assert.Same(t, inner, scrubError(inner, "not-in-there"), "untouched when the key is absent")
}

func TestAPIKeyHygiene(t *testing.T) {
	t.Parallel()
	cfg, err := NewConfig("  " + testKey + "\n")
	require.NoError(t, err, "surrounding whitespace (a key read from a file) is trimmed")
	assert.Equal(t, testKey, cfg.APIKey)

	for _, bad := range []string{"sk_live 123", "sk_live\t123", "sk_\x00live", "sk_live\r\n123", "sk\u00a0live"} {
		_, err := NewConfig(bad)
		require.Error(t, err, "%q", bad)
		assert.Contains(t, err.Error(), "whitespace or a control character")
		assert.NotContains(t, err.Error(), bad, "the key is not echoed")
	}

	var got string
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		got = r.Header.Get(HeaderAuthorization)
		writeJSON(w, http.StatusOK, `{"success":true,"data":{}}`)
	})
	c, err := NewConfig(testKey+"\n", NewOption(func(c *Config) error { c.BaseURL = srv.URL; return nil }))
	require.NoError(t, err)
	require.NoError(t, New(c).Account().Get(context.Background(), "hr.x", nil, nil, nil))
	assert.Equal(t, "Bearer "+testKey, got)
}

// closeCounter counts CloseIdleConnections calls on the caller's transport.
type closeCounter struct {
	http.RoundTripper
	closes atomic.Int32
}

func (c *closeCounter) CloseIdleConnections() { c.closes.Add(1) }

// TestFailedCallLeavesPoolAlone: retryablehttp closes the idle connections
// of its client after a failed call; the caller's pool must not notice.
func TestFailedCallLeavesPoolAlone(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, http.StatusServiceUnavailable, `{"success":false}`)
	})
	tr := &closeCounter{RoundTripper: srv.Client().Transport}
	hc := &http.Client{Transport: tr}
	c := srv.client(t, NewOption(func(c *Config) error { c.HTTPClient = hc; c.MaxRetries = 1; return nil }))
	require.Error(t, c.Account().Get(context.Background(), "hr.x", nil, nil, nil))

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.Error(t, c.Account().Get(ctx, "hr.x", nil, nil, nil))
	assert.Zero(t, tr.closes.Load(), "CloseIdleConnections reached the caller's transport")
}

// deadlineRecorder answers 200 and records the deadline of each request.
type deadlineRecorder struct {
	deadline atomic.Pointer[time.Time]
}

func (d *deadlineRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	if dl, ok := r.Context().Deadline(); ok {
		d.deadline.Store(&dl)
	}
	rec := httptest.NewRecorder()
	writeJSON(rec, http.StatusOK, `{"success":true,"data":{}}`)
	return rec.Result(), nil
}

func TestDefaultCallTimeout(t *testing.T) {
	t.Parallel()
	cfg, err := NewConfig(testKey)
	require.NoError(t, err)
	assert.Equal(t, DefaultCallTimeout, cfg.CallTimeout)
	assert.Equal(t, 80*time.Second, DefaultCallTimeout)

	rec := &deadlineRecorder{}
	cfg, err = NewConfig(testKey, NewOption(func(c *Config) error { c.HTTPClient = &http.Client{Transport: rec}; return nil }))
	require.NoError(t, err)
	c := New(cfg)
	start := time.Now()
	require.NoError(t, c.Account().Get(context.Background(), "hr.x", nil, nil, nil))
	dl := rec.deadline.Load()
	require.NotNil(t, dl, "a call with context.Background() has a deadline")
	assert.WithinDuration(t, start.Add(DefaultCallTimeout), *dl, 5*time.Second)

	// Per call: a shorter limit, and 0 for none.
	rec.deadline.Store(nil)
	require.NoError(t, c.Account().Get(context.Background(), "hr.x", nil, nil,
		[]Option{NewOption(func(c *Config) error { c.CallTimeout = time.Second; return nil })}))
	require.NotNil(t, rec.deadline.Load())
	assert.WithinDuration(t, time.Now().Add(time.Second), *rec.deadline.Load(), time.Second)
	rec.deadline.Store(nil)
	require.NoError(t, c.Account().Get(context.Background(), "hr.x", nil, nil,
		[]Option{NewOption(func(c *Config) error { c.CallTimeout = 0; return nil })}))
	assert.Nil(t, rec.deadline.Load(), "0 leaves the deadline to ctx")
}

func TestCallTimeoutEndsHungCall(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	c := srv.client(t, NewOption(func(c *Config) error { c.CallTimeout = 100 * time.Millisecond; return nil }))
	start := time.Now()
	err := c.Account().Get(context.Background(), "hr.x", nil, nil, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 2*time.Second)
}

func TestPaginateEmptyPagesStop(t *testing.T) {
	t.Parallel()
	calls := 0
	fetch := func(_ context.Context, token string) ([]int, string, error) {
		calls++
		return nil, fmt.Sprintf("fresh-%d", calls), nil
	}
	var err error
	n := 0
	for _, e := range Paginate(context.Background(), fetch) {
		if e != nil {
			err = e
			continue
		}
		n++
	}
	require.ErrorIs(t, err, apierror.ErrMalformedResponse)
	assert.Contains(t, err.Error(), "empty pages")
	assert.Equal(t, MaxEmptyPages, calls)
	assert.Zero(t, n)

	// Empty pages between full ones reset the count.
	calls = 0
	fetch = func(_ context.Context, _ string) ([]int, string, error) {
		calls++
		if calls == 3*MaxEmptyPages {
			return []int{1}, "", nil
		}
		if calls%(MaxEmptyPages-1) == 0 {
			return []int{calls}, fmt.Sprint("t", calls), nil
		}
		return nil, fmt.Sprint("t", calls), nil
	}
	got := 0
	for _, e := range Paginate(context.Background(), fetch) {
		require.NoError(t, e)
		got++
	}
	assert.Positive(t, got)
}

func TestPaginateFromTreatsStartAsSeen(t *testing.T) {
	t.Parallel()
	pages := map[string]struct {
		items []int
		next  string
	}{
		"B": {[]int{2}, "C"},
		"C": {[]int{3}, "B"}, // cycles back to the caller's start
	}
	var got []int
	var err error
	for v, e := range PaginateFrom(context.Background(), "B", func(_ context.Context, token string) ([]int, string, error) {
		p := pages[token]
		return p.items, p.next, nil
	}) {
		if e != nil {
			err = e
			break
		}
		got = append(got, v)
	}
	assert.Equal(t, []int{2, 3}, got, "no record twice")
	require.ErrorIs(t, err, apierror.ErrMalformedResponse)
}

func TestPaginateKeepsHashesNotCursors(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("c", 1<<20)
	s := newCursorSet()
	s.add(long)
	assert.True(t, s.has(long))
	assert.False(t, s.has(long+"x"))
}

// keyFragment returns the longest beginning of key (4 bytes or more) that s
// holds, or "".
func keyFragment(s, key string) string {
	for n := len(key); n >= 4; n-- {
		if strings.Contains(s, key[:n]) {
			return key[:n]
		}
	}
	return ""
}

// TestKeyFragmentsScrubbedAtEveryCut: an echoed key straddling a cut (the
// 120-character excerpt, the 256-byte head kept in Body, the error body
// limit, an error.msg that is an object) leaves no beginning of the key in
// Error(), Message, Body or the log: the key is scrubbed before each cut and
// a cut leaves none of it behind.
func TestKeyFragmentsScrubbedAtEveryCut(t *testing.T) {
	t.Parallel()
	// pad returns n bytes of filler so that the key starts at byte n of an
	// excerpt (after the prefix's own bytes).
	pad := func(n int) string { return strings.Repeat("x", n) }
	for _, tc := range []struct {
		name   string
		status int
		body   string
	}{
		{"html page, key across the excerpt cut", http.StatusBadGateway, "<p>" + pad(110) + testKey + "</p>"},
		{"plain text 200, key across the excerpt cut", http.StatusOK, pad(115) + testKey},
		{"malformed JSON, key across the excerpt cut", http.StatusOK, `{"success":true,"data":` + pad(90) + testKey},
		{"no success, key across the head cut", http.StatusOK, `{"data":"` + pad(headBytes-9-10) + testKey + `"}`},
		{"error.msg an object, key across the excerpt cut", http.StatusBadRequest, `{"success":false,"error":{"msg":{"detail":"` + pad(100) + testKey + `"}}}`},
		{"error.msg an object in a 200", http.StatusOK, `{"success":false,"error":{"msg":{"detail":"` + pad(105) + testKey + `"}}}`},
		{"error body limit cuts the key", http.StatusBadRequest, pad(MaxErrorBodyBytes-5) + testKey + pad(10)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				writeJSON(w, tc.status, tc.body)
			})
			var logs bytes.Buffer
			logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			c := srv.client(t, NewOption(func(c *Config) error { c.MaxRetries = 0; c.Logger = logger; return nil }))
			err := c.Account().Get(context.Background(), "hr.x", nil, nil, nil)
			require.Error(t, err)
			var kerr *apierror.Error
			require.ErrorAs(t, err, &kerr)
			for what, s := range map[string]string{"Error()": err.Error(), "%+v": fmt.Sprintf("%+v", err), "Message": kerr.Message,
				"Body": string(kerr.Body), "log": logs.String()} {
				assert.Empty(t, keyFragment(s, testKey), "%s keeps part of the key: %q", what, s)
			}
		})
	}
}

func TestCutScrubbed(t *testing.T) {
	t.Parallel()
	const key = "sk_live_0123456789abcdefghijkl" // longer than RedactedKey
	for _, tc := range []struct {
		in    string
		limit int
		want  string
	}{
		{"ab", 10, "ab"},
		{"ab " + key, 100, "ab " + RedactedKey},
		{"ab " + key, 10, "ab [REDACT"},
		{"ab " + key[:12] + "zzzz", 10, "ab "}, // a cut inside what looks like the key
		{"ab " + key + " " + key, 3 + len(RedactedKey) + 5, "ab " + RedactedKey + " "},
		{"xy", 1, "x"},
		{"sk", 1, ""}, // looks like the key's start: trimmed too
	} {
		assert.Equal(t, tc.want, string(cutScrubbed([]byte(tc.in), tc.limit, key)), "%q limit %d", tc.in, tc.limit)
	}
}

// TestEnvelopeDuplicateDataAndOddErrorAgree: Knit's envelope with a
// duplicated "data" key, or an "error" of any JSON type beside
// "success": true, decodes the same way whatever the target type (a typed
// page or a raw one): the last "data" wins, and an error member beside
// success:true is not a failure. The removed hand-written fast path once
// answered an empty page for the first and malformed for the second.
func TestEnvelopeDuplicateDataAndOddErrorAgree(t *testing.T) {
	t.Parallel()
	type page struct {
		Jobs []struct {
			ID string `json:"id"`
		} `json:"jobs"`
	}
	for _, body := range []string{
		`{"success":true,"data":null,"data":{"jobs":[{"id":"j1"}]}}`,
		`{"success":true,"data":{"jobs":[]},"data":{"jobs":[{"id":"j1"}]}}`,
		`{"success":true,"error":5,"data":{"jobs":[{"id":"j1"}]}}`,
		`{"success":true,"error":"x","data":{"jobs":[{"id":"j1"}]}}`,
		`{"success":true,"error":[1],"data":{"jobs":[{"id":"j1"}]}}`,
		`{"success":true,"error":true,"data":{"jobs":[{"id":"j1"}]}}`,
		`{"error":{"msg":5},"success":true,"data":{"jobs":[{"id":"j1"}]}}`,
	} {
		srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, http.StatusOK, body) })
		c := srv.client(t, NewOption(func(c *Config) error { c.MaxRetries = 0; return nil }))
		var typed page
		require.NoError(t, c.Account().Get(context.Background(), "ats.job.list", nil, &typed, nil), body)
		require.Len(t, typed.Jobs, 1, body)
		assert.Equal(t, "j1", typed.Jobs[0].ID, body)
		var raw json.RawMessage
		require.NoError(t, c.Account().Get(context.Background(), "ats.job.list", nil, &raw, nil), body)
		assert.JSONEq(t, `{"jobs":[{"id":"j1"}]}`, string(raw), body)
	}
}

// TestStalledResponsesDoNotReserveDeclaredLength: the response buffer was
// sized from Content-Length before any byte arrived, so stalled responses
// declaring 64 MiB each added 64 MiB each to the heap. Memory now grows
// with the bytes received.
func TestStalledResponsesDoNotReserveDeclaredLength(t *testing.T) {
	const calls, declared = 3, 64 << 20
	stall := make(chan struct{})
	var sent sync.WaitGroup
	sent.Add(calls)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(declared))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"success":true,"data":{"x":"`))
		w.(http.Flusher).Flush()
		sent.Done()
		select {
		case <-stall:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(srv.Close)
	cfg, err := NewConfig(testKey, NewOption(func(c *Config) error { c.BaseURL = srv.URL + "/v1.0"; c.MaxRetries = 0; return nil }))
	require.NoError(t, err)
	c := New(cfg)

	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ctx, cancel := context.WithCancel(context.Background())
	var done sync.WaitGroup
	for range calls {
		done.Add(1)
		go func() {
			defer done.Done()
			_ = c.Account().Get(ctx, "hr.x", nil, nil, nil)
		}()
	}
	sent.Wait()
	time.Sleep(300 * time.Millisecond) // the clients read the headers and wait for the body
	var during runtime.MemStats
	runtime.ReadMemStats(&during)
	cancel()
	close(stall)
	done.Wait()
	grown := int64(during.HeapAlloc) - int64(before.HeapAlloc)
	assert.Less(t, grown, int64(16<<20), "heap grew %d MiB for %d stalled responses declaring 64 MiB", grown>>20, calls)
}

// TestCancelledBeforeSendingIsZeroAttempts: a context that ended before
// the call was reported as attempts=1 although nothing was sent.
func TestCancelledBeforeSendingIsZeroAttempts(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, http.StatusOK, `{"success":true,"data":{}}`)
	})
	rec := &recorder{name: "a"}
	c := srv.client(t, withHook(rec.hook))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := c.Integration("i").Get(ctx, "m.x", nil, nil, nil)
	require.ErrorIs(t, err, context.Canceled)
	var kerr *apierror.Error
	require.ErrorAs(t, err, &kerr)
	assert.Zero(t, kerr.Attempts)
	assert.Zero(t, srv.hits.Load(), "nothing was sent")
	require.Len(t, rec.ends, 1)
	assert.Zero(t, rec.ends[0].Attempts, "the call hook sees zero attempts too")
}

// TestNoQueryValueInTransportErrorLogs: net/http quotes a malformed status
// line or header back in its error text, so a server can put a request's
// query value (a page token, an e-mail filter) there. The SDK's own log
// lines keep only text made on this machine and say "transport failure"
// otherwise; the returned error, the caller's own value, keeps net/http's
// text.
func TestNoQueryValueInTransportErrorLogs(t *testing.T) {
	t.Parallel()
	const pageToken = "tok-QUERY-SECRET"
	for _, tc := range []struct {
		name   string
		answer string // written on the hijacked connection; {tok} is the echoed page token
		// logged is what every log line (attempts and the retry) says of
		// the error.
		logged string
	}{
		// net/http quotes only the code ("9x9") here, the others quote
		// the token.
		{"status code 9x9", "HTTP/1.1 9x9 {tok}\r\n\r\n", "Get: transport failure"},
		{"status code echoing the token", "HTTP/1.1 9x9{tok}\r\n\r\n", "Get: transport failure"},
		{"status line echoing the token", "{tok}\r\n\r\n", "Get: transport failure"},
		{"version echoing the token", "{tok} 200 OK\r\n\r\n", "Get: transport failure"},
		{"header line echoing the token", "HTTP/1.1 200 OK\r\n{tok}\r\n\r\n", "Get: transport failure"},
		{"connection closed", "", "Get: EOF"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				conn, _, err := http.NewResponseController(w).Hijack()
				if err != nil {
					return
				}
				_, _ = conn.Write([]byte(strings.ReplaceAll(tc.answer, "{tok}", r.URL.Query().Get("pageToken"))))
				_ = conn.Close()
			})
			var logs bytes.Buffer // written only inside the call
			logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			c := srv.client(t, NewOption(func(c *Config) error { c.MaxRetries = 1; c.Logger = logger; return nil }))
			err := c.Integration("int_1").Get(context.Background(), "ats.job.list", map[string]string{"pageToken": pageToken}, nil, nil)
			require.Error(t, err)
			if tc.answer != "" {
				assert.Contains(t, err.Error(), "malformed", "the returned error keeps net/http's text")
			}

			var attempts, retries int
			for line := range strings.Lines(logs.String()) {
				assert.NotContains(t, line, pageToken)
				assert.NotContains(t, line, "pageToken", "no URL in a log line")
				var rec map[string]any
				require.NoError(t, json.Unmarshal([]byte(line), &rec), line)
				switch rec["msg"] {
				case "knit: attempt":
					attempts++
				case "knit: retrying":
					retries++
				}
				assert.Equal(t, tc.logged, rec["error"], "the error's kind is logged: %s", line)
			}
			assert.Equal(t, 2, attempts, logs.String())
			assert.Equal(t, 1, retries, logs.String())
		})
	}
}

// TestTransportErrorText: text this machine made is kept without the URL,
// anything else (it may quote the server) is "transport failure".
func TestTransportErrorText(t *testing.T) {
	t.Parallel()
	const u = "http://127.0.0.1:1/v1.0/ats.job.list?pageToken=tok"
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&url.Error{Op: "Get", URL: u, Err: dial}, "Get: dial tcp: connect: connection refused"},
		{&url.Error{Op: "Post", URL: u, Err: fmt.Errorf("wrapped: %w", dial)}, "Post: dial tcp: connect: connection refused"},
		{&url.Error{Op: "Get", URL: u, Err: io.EOF}, "Get: EOF"},
		{&url.Error{Op: "Get", URL: u, Err: context.Canceled}, "Get: context canceled"},
		{&url.Error{Op: "Get", URL: u, Err: timeoutErr{}}, "Get: timeout"},
		{&url.Error{Op: "Get", URL: u, Err: errors.New(`malformed HTTP status code "tok"`)}, "Get: transport failure"},
		{io.ErrUnexpectedEOF, "unexpected EOF"},
		{errors.New(`malformed MIME header line: tok`), "transport failure"},
	} {
		assert.Equal(t, tc.want, transportErrorText(tc.err), "%v", tc.err)
	}
}

type timeoutErr struct{}

func (timeoutErr) Error() string   { return `i/o timeout reading "tok"` }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

// TestKeyScrubbedFromExecutionID: a server echoing the API key in the
// execution ID header does not put it into the returned error, the log,
// a call hook or option.WithResponseInto.
func TestKeyScrubbedFromExecutionID(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusOK, http.StatusBadRequest, http.StatusServiceUnavailable} {
		srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
			w.Header().Set(HeaderExecutionID, "exec-"+testKey)
			w.WriteHeader(status)
			_, _ = io.WriteString(w, `{"success":false,"error":{"msg":"no"}}`)
		})
		var logs bytes.Buffer
		logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		var resp apierror.Response
		rec := &recorder{}
		c := srv.client(t, NewOption(func(c *Config) error { c.MaxRetries = 1; c.Logger = logger; return nil }), withHook(rec.hook))
		err := c.Account().Get(context.Background(), "hr.x", nil, nil, []Option{NewOption(func(c *Config) error { c.ResponseInto = &resp; return nil })})
		require.Error(t, err)
		var kerr *apierror.Error
		require.ErrorAs(t, err, &kerr)
		require.Len(t, rec.ends, 1)
		for what, s := range map[string]string{"Error()": err.Error(), "ExecutionID": kerr.ExecutionID,
			"ResponseInto": resp.ExecutionID, "log": logs.String(), "hook": rec.ends[0].ExecutionID} {
			assert.NotContains(t, s, testKey, "%d %s", status, what)
		}
		assert.Equal(t, "exec-"+RedactedKey, kerr.ExecutionID, status)
		assert.Contains(t, logs.String(), "execution_id=\"exec-"+RedactedKey+"\"", status)
	}
}
