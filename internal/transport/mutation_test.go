package transport

// Tests for behaviours that a mutation (a plausible one-line bug) broke
// without any other test noticing (issue 26).

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/apierror"
)

// TestRedirectToSameHostNotFollowed: a redirect to another path of the very
// host and port the request went to is refused like any other: following it
// would resend the key (harmless there) and replay a POST (not harmless).
func TestRedirectToSameHostNotFollowed(t *testing.T) {
	t.Parallel()
	for _, code := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		for _, verb := range []string{http.MethodGet, http.MethodPost} {
			t.Run(http.StatusText(code)+"/"+verb, func(t *testing.T) {
				t.Parallel()
				var target atomic.Int32
				srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
					if r.URL.Path == "/v1.0/moved" {
						target.Add(1)
						writeJSON(w, http.StatusOK, `{"success":true,"data":{}}`)
						return
					}
					http.Redirect(w, r, "/v1.0/moved", code)
				})
				err := srv.client(t).Account().Do(context.Background(), &Request{HTTPMethod: verb, Method: "hr.x"}, nil)
				var kerr *apierror.Error
				require.ErrorAs(t, err, &kerr)
				assert.Equal(t, code, kerr.StatusCode)
				assert.Contains(t, err.Error(), "redirect to /v1.0/moved refused")
				assert.Zero(t, target.Load(), "the redirect was followed")
				assert.EqualValues(t, 1, srv.hits.Load())
			})
		}
	}
}

// TestHugeRetryAfterCapped: Retry-After is capped at 24 hours, also past
// the ~9.2e9 seconds at which seconds no longer fit a time.Duration.
func TestHugeRetryAfterCapped(t *testing.T) {
	t.Parallel()
	for header, want := range map[string]time.Duration{
		"86399":               86399 * time.Second,
		"86400":               24 * time.Hour,
		"86401":               24 * time.Hour,
		"9300000000":          24 * time.Hour,
		"9223372036854775807": 24 * time.Hour,
		"0":                   0,
	} {
		srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
			w.Header().Set(HeaderRetryAfter, header)
			writeJSON(w, http.StatusTooManyRequests, `{"success":false,"error":{"msg":"slow down"}}`)
		})
		err := srv.client(t, NewOption(func(c *Config) error { c.MaxRetries = 0; return nil })).
			Account().Do(context.Background(), &Request{HTTPMethod: http.MethodGet, Method: "hr.x"}, nil)
		var kerr *apierror.Error
		require.ErrorAs(t, err, &kerr, header)
		assert.Equal(t, want, kerr.RetryAfter, "Retry-After: %s", header)
	}
}

// TestRetryAfterZeroRetriesAtOnce: "Retry-After: 0" means now, not "use the
// exponential backoff" (here a 10-second one, longer than the call may take).
func TestRetryAfterZeroRetriesAtOnce(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, hit int) {
		if hit == 1 {
			w.Header().Set(HeaderRetryAfter, "0")
			writeJSON(w, http.StatusTooManyRequests, `{"success":false,"error":{"msg":"slow down"}}`)
			return
		}
		writeJSON(w, http.StatusOK, `{"success":true,"data":{}}`)
	})
	c := srv.client(t, NewOption(func(c *Config) error {
		c.RetryWaitMin, c.RetryWaitMax = 10*time.Second, 10*time.Second
		c.CallTimeout = 3 * time.Second
		return nil
	}))
	err := c.Account().Do(context.Background(), &Request{HTTPMethod: http.MethodGet, Method: "hr.x"}, nil)
	require.NoError(t, err)
	assert.EqualValues(t, 2, srv.hits.Load())
}

// TestEightByteKeyScrubbed: minScrubKeyLen is the shortest key scrubbed,
// so a key of exactly 8 bytes echoed by a server never reaches the error,
// and one of 7 bytes is left alone (replacing it would garble text).
func TestEightByteKeyScrubbed(t *testing.T) {
	t.Parallel()
	for key, scrubbed := range map[string]bool{"k8bytes!": true, "k7byte!": false} {
		srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
			echo := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			w.Header().Set("X-Echo", echo)
			writeJSON(w, http.StatusUnauthorized, `{"success":false,"error":{"msg":"bad key `+echo+`"},"key":"`+echo+`"}`)
		})
		var resp apierror.Response
		cfg, err := NewConfig(key, NewOption(func(c *Config) error {
			c.BaseURL, c.MaxRetries = srv.URL+"/v1.0", 0
			return nil
		}))
		require.NoError(t, err)
		into := []Option{NewOption(func(c *Config) error { c.ResponseInto = &resp; return nil })}
		err = New(cfg).Account().Do(context.Background(), &Request{HTTPMethod: http.MethodGet, Method: "hr.x"}, into)
		var kerr *apierror.Error
		require.ErrorAs(t, err, &kerr)
		texts := []string{err.Error(), kerr.Message, string(kerr.Body), resp.Header.Get("X-Echo")}
		for _, s := range texts {
			if scrubbed {
				assert.NotContains(t, s, key)
				assert.Contains(t, s, RedactedKey)
			} else {
				assert.Contains(t, s, key, "a %d-byte key is not scrubbed", len(key))
			}
		}
	}
}

// TestControlCharactersOutOfExcerpts: a non-JSON error body's excerpt in
// Error() has no control characters (a terminal escape, a NUL, DEL, line
// breaks), each replaced by a space and runs of spaces collapsed.
func TestControlCharactersOutOfExcerpts(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte("bad\x00gateway\r\n\x1b[2Jcleared\x7fscreen\x1f!"))
	})
	err := srv.client(t).Account().Do(context.Background(), &Request{HTTPMethod: http.MethodGet, Method: "hr.x"}, nil)
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, `"bad gateway [2Jcleared screen !"`)
	assert.False(t, strings.ContainsFunc(msg, func(r rune) bool { return r < 0x20 || r == 0x7f }), "%q", msg)
}

// TestRetryAfterBrokenBodyStartsClean: when a read's 200 body breaks off
// mid-read and the retry succeeds, the result holds only the retry's
// fields: a field that only the broken body had is not left over.
//
// Today a body is read whole before it is decoded, so a broken body never
// reaches Out and dropping the reset (responseDecoder.decoded) changes
// nothing (an equivalent mutant, listed in .ci/mutation-equivalents.md);
// this test is what catches it if decoding ever writes into Out before the
// whole body has arrived.
func TestRetryAfterBrokenBodyStartsClean(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, hit int) {
		if hit > 1 {
			writeJSON(w, http.StatusOK, `{"success":true,"data":{"n":3}}`)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "1000")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"success":true,"data":{"stale":"left over","n":1,"items":[1,`))
		w.(http.Flusher).Flush()
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			_ = conn.Close()
		}
	})
	var out struct {
		Stale string
		N     int
		Items []int
	}
	require.NoError(t, srv.client(t).Integration("i").Get(context.Background(), "ats.job.list", nil, &out, nil))
	assert.EqualValues(t, 2, srv.hits.Load())
	assert.Equal(t, 3, out.N)
	assert.Empty(t, out.Stale, "a field of the broken attempt is left over")
	assert.Nil(t, out.Items)
}

// TestResetOut: resetOut zeroes what a pointer points to and leaves
// anything else alone, without panicking.
func TestResetOut(t *testing.T) {
	t.Parallel()
	v := struct {
		N int
		S []string
	}{3, []string{"x"}}
	resetOut(&v)
	assert.Zero(t, v)
	var nilPtr *int
	assert.NotPanics(t, func() { resetOut(nilPtr) })
	assert.NotPanics(t, func() { resetOut(v) })
	assert.NotPanics(t, func() { resetOut(nil) })
}

// TestPerCallHeadersStayInTheCall: a header added by one call's options is
// sent with that call only, never with the client's later calls.
func TestPerCallHeadersStayInTheCall(t *testing.T) {
	t.Parallel()
	var seen []string
	var mu sync.Mutex
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		mu.Lock()
		seen = append(seen, strings.Join(r.Header.Values("X-Trace"), ","))
		mu.Unlock()
		writeJSON(w, http.StatusOK, `{"success":true,"data":{}}`)
	})
	c := srv.client(t, NewOption(func(c *Config) error { c.Headers = http.Header{"X-Trace": {"client"}}; return nil }))
	addTrace := []Option{NewOption(func(c *Config) error { c.Headers.Add("X-Trace", "call"); return nil })}
	req := func() *Request { return &Request{HTTPMethod: http.MethodGet, Method: "hr.x"} }
	require.NoError(t, c.Account().Do(context.Background(), req(), addTrace))
	require.NoError(t, c.Account().Do(context.Background(), req(), nil))
	require.NoError(t, c.Account().Do(context.Background(), req(), addTrace))
	assert.Equal(t, []string{"client,call", "client", "client,call"}, seen)
}

// TestErrorMessageShapes: error.msg as Knit sends it (a string) or as a
// misbehaving server might (null, an object, a number) gives a readable
// Message, never an empty one when there was something to show.
func TestErrorMessageShapes(t *testing.T) {
	t.Parallel()
	for msg, want := range map[string]string{
		`"No such employee exists"`: "No such employee exists",
		`null`:                      "success is false and no error message was given",
		`{"code":"E42"}`:            `{"code":"E42"}`,
		`42`:                        "42",
	} {
		srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
			writeJSON(w, http.StatusOK, `{"success":false,"error":{"msg":`+msg+`}}`)
		})
		err := srv.client(t).Account().Do(context.Background(), &Request{HTTPMethod: http.MethodGet, Method: "hr.x"}, nil)
		var kerr *apierror.Error
		require.ErrorAs(t, err, &kerr, msg)
		assert.Equal(t, want, kerr.Message, "error.msg %s", msg)
	}
}

// TestExcerptLength: an error excerpt keeps exactly the first 120
// characters (runes, not bytes) of a long body, then "…".
func TestExcerptLength(t *testing.T) {
	t.Parallel()
	for _, unit := range []string{"x", "é"} {
		srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(strings.Repeat(unit, 300)))
		})
		err := srv.client(t).Account().Do(context.Background(), &Request{HTTPMethod: http.MethodGet, Method: "hr.x"}, nil)
		require.Error(t, err)
		assert.Contains(t, err.Error(), `"`+strings.Repeat(unit, 120)+`…"`)
		assert.NotContains(t, err.Error(), strings.Repeat(unit, 121))
	}
}

// TestEvery2xxIsAnAnswer: any 2xx status with a success envelope is a
// success, the unassigned 299 included; 300 is not.
func TestEvery2xxIsAnAnswer(t *testing.T) {
	t.Parallel()
	for code, ok := range map[int]bool{200: true, 201: true, 299: true, 300: false} {
		srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
			writeJSON(w, code, `{"success":true,"data":{"n":1}}`)
		})
		var out struct{ N int }
		err := srv.client(t, NewOption(func(c *Config) error { c.MaxRetries = 0; return nil })).
			Account().Do(context.Background(), &Request{HTTPMethod: http.MethodGet, Method: "hr.x", Out: &out}, nil)
		if ok {
			require.NoError(t, err, code)
			assert.Equal(t, 1, out.N, code)
		} else {
			require.Error(t, err, code)
		}
	}
}

// roundTripFunc is an http.RoundTripper made of a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestEightByteKeyScrubbedFromTransportErrors: a transport error that quotes
// the key (a proxy echoing the request) is scrubbed for an 8-byte key too.
func TestEightByteKeyScrubbedFromTransportErrors(t *testing.T) {
	t.Parallel()
	const key = "k8bytes!"
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return nil, fmt.Errorf("proxy refused %s", r.Header.Get("Authorization"))
	})}
	cfg, err := NewConfig(key, NewOption(func(c *Config) error {
		c.BaseURL, c.MaxRetries, c.HTTPClient = "http://knit.invalid/v1.0", 0, hc
		return nil
	}))
	require.NoError(t, err)
	err = New(cfg).Account().Do(context.Background(), &Request{HTTPMethod: http.MethodGet, Method: "hr.x"}, nil)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), key)
	assert.Contains(t, err.Error(), "proxy refused Bearer "+RedactedKey)
}

// TestRedirectBodyAndEmptyBodies: a refused redirect keeps Knit's message
// from a JSON body; an error status with an empty body is not called "not
// JSON".
func TestRedirectBodyAndEmptyBodies(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Location", "/v1.0/moved")
		writeJSON(w, http.StatusFound, `{"success":false,"error":{"msg":"moved for maintenance"}}`)
	})
	err := srv.client(t).Account().Do(context.Background(), &Request{HTTPMethod: http.MethodGet, Method: "hr.x"}, nil)
	var kerr *apierror.Error
	require.ErrorAs(t, err, &kerr)
	assert.Equal(t, "moved for maintenance", kerr.Message)

	// The first and the last 3xx are redirects too.
	for _, code := range []int{http.StatusMultipleChoices, 399} {
		edge := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
			w.Header().Set("Location", "/v1.0/moved")
			w.WriteHeader(code)
		})
		err = edge.client(t).Account().Do(context.Background(), &Request{HTTPMethod: http.MethodGet, Method: "hr.x"}, nil)
		require.ErrorAs(t, err, &kerr)
		assert.Contains(t, err.Error(), "redirect to /v1.0/moved refused", code)
	}

	empty := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) { w.WriteHeader(http.StatusBadRequest) })
	err = empty.client(t).Account().Do(context.Background(), &Request{HTTPMethod: http.MethodGet, Method: "hr.x"}, nil)
	require.ErrorAs(t, err, &kerr)
	assert.Equal(t, http.StatusBadRequest, kerr.StatusCode)
	assert.NotContains(t, err.Error(), "not JSON")
}

// TestRetryLogLines: one debug line per attempt and one warning per retry,
// with integration_id only on integration calls and the status when there
// was one.
func TestRetryLogLines(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, hit int) {
		if hit%2 == 1 {
			writeJSON(w, http.StatusServiceUnavailable, `{}`)
			return
		}
		writeJSON(w, http.StatusOK, `{"success":true,"data":{}}`)
	})
	var buf strings.Builder
	var mu sync.Mutex
	logger := slog.New(slog.NewTextHandler(&lockedWriter{w: &buf, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := srv.client(t, NewOption(func(c *Config) error { c.Logger = logger; return nil }))
	require.NoError(t, c.Integration("int_1").Get(context.Background(), "hr.x", nil, nil, nil))
	require.NoError(t, c.Account().Do(context.Background(), &Request{HTTPMethod: http.MethodGet, Method: "hr.y"}, nil))
	mu.Lock()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	mu.Unlock()
	require.Len(t, lines, 6, buf.String()) // per call: attempt, retrying, attempt
	for i, l := range lines {
		hasInteg := strings.Contains(l, "integration_id=int_1")
		assert.Equal(t, i < 3, hasInteg, l)
		assert.NotContains(t, l, "integration_id=\"\"", l)
		assert.NotContains(t, l, "integration_id= ", l)
	}
	assert.Contains(t, lines[0], `msg="knit: attempt"`)
	assert.Contains(t, lines[0], "status=503")
	assert.Contains(t, lines[1], `msg="knit: retrying"`)
	assert.Contains(t, lines[1], "status=503")
	assert.Contains(t, lines[2], "status=200")
}

type lockedWriter struct {
	w  *strings.Builder
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// TestBackoffJitters: the exponential wait is jittered, not the same every
// time.
func TestBackoffJitters(t *testing.T) {
	t.Parallel()
	seen := map[time.Duration]bool{}
	for range 50 {
		seen[expBackoff(100*time.Millisecond, time.Second, 0)] = true
	}
	assert.Greater(t, len(seen), 1, "50 waits were all %v", seen)
}

// TestCallerTypeMismatch: when data does not fit the caller's own type
// (Client.Do's out), a success:true answer is a malformed response naming
// the data, while a success:false answer still gives Knit's message (the
// refusal matters more than the shape of its data), and an answer without
// success is malformed, not a crash.
func TestCallerTypeMismatch(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, body string
		msg        string // kerr.Message; empty: a malformed response
		inError    string
	}{
		{"success", `{"success":true,"data":{"n":"one"}}`, "", "data:"},
		{"refusal", `{"success":false,"error":{"msg":"No such employee exists"},"data":{"n":"one"}}`, "No such employee exists", "No such employee exists"},
		{"no success", `{"data":{"n":"one"}}`, "", "data:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, http.StatusOK, tc.body) })
			var out struct{ N int }
			req := &Request{HTTPMethod: http.MethodGet, Method: "hr.x", Out: &out, OutIsCallers: true}
			var err error
			require.NotPanics(t, func() { err = srv.client(t).Integration("i").Do(context.Background(), req, nil) })
			var kerr *apierror.Error
			require.ErrorAs(t, err, &kerr)
			assert.Equal(t, tc.msg, kerr.Message)
			assert.Contains(t, err.Error(), tc.inError)
			if tc.msg == "" {
				assert.ErrorIs(t, err, apierror.ErrMalformedResponse)
			} else {
				assert.NotErrorIs(t, err, apierror.ErrMalformedResponse)
			}
		})
	}
}

// TestQueryValuesOutOfTransportErrors: a transport failure's text names the
// request URL (net/http's *url.Error does); its query values (record IDs,
// page tokens, e-mail filters) are replaced by REDACTED, and the error
// still matches what the original matched.
func TestQueryValuesOutOfTransportErrors(t *testing.T) {
	t.Parallel()
	sentinel := errors.New("proxy refused")
	hc := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, sentinel })}
	cfg, err := NewConfig(testKey, NewOption(func(c *Config) error {
		c.BaseURL, c.MaxRetries, c.HTTPClient = "http://knit.invalid/v1.0", 0, hc
		return nil
	}))
	require.NoError(t, err)
	q := map[string]string{"email": "ada@example.com", "pageToken": "tok_77"}
	err = New(cfg).Integration("i").Get(context.Background(), "hr.x", q, nil, nil)
	require.Error(t, err)
	require.ErrorIs(t, err, sentinel)
	assert.NotContains(t, err.Error(), "ada@example.com")
	assert.NotContains(t, err.Error(), "tok_77")
	assert.Contains(t, err.Error(), "pageToken=REDACTED")

	require.NoError(t, redactQuery(nil, &url.URL{Scheme: "http", Host: "h", RawQuery: "a=1"}))
	plain := fmt.Errorf("Get %q: refused", "http://h/p")
	assert.Same(t, plain, redactQuery(plain, nil))
	assert.Same(t, plain, redactQuery(plain, &url.URL{Scheme: "http", Host: "h", Path: "/p"}))
	other := fmt.Errorf("Get %q: refused", "http://h/other?a=1")
	assert.Same(t, other, redactQuery(other, &url.URL{Scheme: "http", Host: "h", Path: "/p", RawQuery: "a=1"}), "an error not naming the URL is left alone")
}

// TestRefusedRedirectHidesItsQuery: a refused redirect names where it
// pointed, without the query's values (they may be tokens).
func TestRefusedRedirectHidesItsQuery(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Location", "https://elsewhere.example/login?token=tok_99")
		w.WriteHeader(http.StatusFound)
	})
	err := srv.client(t).Account().Do(context.Background(), &Request{HTTPMethod: http.MethodGet, Method: "hr.x"}, nil)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "tok_99")
	assert.Contains(t, err.Error(), "redirect to https://elsewhere.example/login?(query removed) refused")
}

// TestCutScrubbedEdges: an 8-byte key (the shortest scrubbed) is replaced
// and, when a cut leaves its beginning, that is removed; a body that fits
// the limit exactly is not cut, so nothing is trimmed from its end.
func TestCutScrubbedEdges(t *testing.T) {
	t.Parallel()
	const key8 = "k8bytes!"
	require.Len(t, key8, minScrubKeyLen)
	assert.Equal(t, "ab "+RedactedKey, string(cutScrubbed([]byte("ab "+key8), 100, key8)))
	assert.Equal(t, "ab ", string(cutScrubbed([]byte("ab k8byt"), 5, key8)), "the start of an 8-byte key left by the cut")
	const key = "sk_live_0123456789abcdefghijkl"
	assert.Equal(t, "ab sk", string(cutScrubbed([]byte("ab sk"), 5, key)), "a body of exactly limit bytes is not cut")
}

// TestErrorBodyOddInput: errorBody's decoder takes any JSON value as the
// message ({"msg": ...} or the value itself) and does not panic on no
// bytes at all.
func TestErrorBodyOddInput(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"": "", `"bad"`: "bad", `5`: "5", `{"msg":"m"}`: "m", `null`: ""} {
		var e errorBody
		assert.NotPanics(t, func() { _ = e.UnmarshalJSON([]byte(in)) }, "%q", in)
		assert.Equal(t, want, e.Msg.text(testKey), "%q", in)
	}
}

// TestOptionErrorsReported: an option's own error, and a retry wait whose
// minimum exceeds its maximum, fail NewConfig and Config.With (a per-call
// option) with the reason.
func TestOptionErrorsReported(t *testing.T) {
	t.Parallel()
	bad := NewOption(func(*Config) error { return errors.New("option.WithX: bad value") })
	inverted := NewOption(func(c *Config) error { c.RetryWaitMin, c.RetryWaitMax = 2*time.Second, time.Second; return nil })
	for _, o := range []struct {
		opt  Option
		want string
	}{{bad, "option.WithX: bad value"}, {inverted, "min 2s is greater than max 1s"}} {
		_, err := NewConfig(testKey, o.opt)
		require.ErrorContains(t, err, o.want)
		cfg, err := NewConfig(testKey)
		require.NoError(t, err)
		_, err = cfg.With([]Option{o.opt})
		require.ErrorContains(t, err, o.want)
	}
}
