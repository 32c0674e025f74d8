package knit_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/option"
)

// TestMain checks, after every test of the package has run and every
// t.Cleanup (httptest servers, idle connections) has finished, that no
// goroutine was left behind: a leaked retry timer, response body or
// connection reader fails the package.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

const (
	faultMaxRetries = 2 // so a retried call makes 3 attempts
	faultDeadline   = 3 * time.Second
	// faultOK answers both calls of the matrix: Jobs.List reads jobs and
	// nextPageToken, Applications.Create reads the IDs.
	faultOK = `{"success":true,"data":{"jobs":[{"info":{"id":"job-1"}}],"nextPageToken":"",` +
		`"applicationId":"app-1","candidateId":"cand-1","jobId":"job-1"}}`
)

// faultCall is one of the two calls the matrix drives.
type faultCall struct {
	name string
	// retriesServerErrors is the policy under test: GET retries 5xx and
	// connection errors, POST does not.
	retriesServerErrors bool
	do                  func(ctx context.Context, in *knit.IntegrationClient) (string, error)
}

var faultCalls = []faultCall{
	{
		name:                "GET ats.job.list",
		retriesServerErrors: true,
		do: func(ctx context.Context, in *knit.IntegrationClient) (string, error) {
			page, err := in.ATS.Jobs.List(ctx, nil)
			if err != nil {
				return "", err
			}
			if len(page.Jobs) == 0 {
				return "", errors.New("no jobs decoded")
			}
			return page.Jobs[0].Info.ID, nil
		},
	},
	{
		name: "POST ats.application.create",
		do: func(ctx context.Context, in *knit.IntegrationClient) (string, error) {
			res, err := in.ATS.Applications.Create(ctx, &ats.ApplicationCreateParams{JobID: "job-1", CandidateID: "cand-1"})
			if err != nil {
				return "", err
			}
			return res.ApplicationID, nil
		},
	},
}

// faultRow is one injected fault.
type faultRow struct {
	name string
	// serve answers attempt n (1-based). nil means nobody listens:
	// connection refused.
	serve func(w http.ResponseWriter, r *http.Request, n int)
	opts  []option.RequestOption
	// deadline bounds the call (faultDeadline when zero).
	deadline time.Duration
	// attempts returns how many requests the server must see for c.
	attempts func(c faultCall) int
	// maxElapsed, when set, is a tighter bound than the deadline (e.g. a
	// Retry-After that must be capped by the max wait: 2s, because one
	// uncapped wait of those rows alone takes 2s, while capped ones take
	// milliseconds and a loaded machine still has room).
	maxElapsed time.Duration
	// check asserts the outcome: got is the decoded job or application ID.
	check func(t *testing.T, c faultCall, got string, err error)
}

// always expects n requests whatever the call.
func always(n int) func(faultCall) int { return func(faultCall) int { return n } }

// retriedIfGET is the 5xx policy: every attempt for a GET, one for a POST.
func retriedIfGET(c faultCall) int {
	if c.retriesServerErrors {
		return faultMaxRetries + 1
	}
	return 1
}

// status answers code with a JSON body.
func status(code int, body string) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = w.Write([]byte(body))
	}
}

// thenOK fails the first attempt with code and answers faultOK afterwards.
func thenOK(code int, header, value string) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			if header != "" {
				w.Header().Set(header, value)
			}
			status(code, `{"success":false,"error":{"msg":"try again"}}`)(w, r, n)
			return
		}
		status(http.StatusOK, faultOK)(w, r, n)
	}
}

// hijack takes the connection over, writes raw (if any) and resets it.
func hijack(raw string) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, _ *http.Request, _ int) {
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			panic(err)
		}
		if raw != "" {
			_, _ = buf.WriteString(raw)
			_ = buf.Flush()
		}
		if tc, ok := conn.(*net.TCPConn); ok {
			_ = tc.SetLinger(0) // close with RST, not FIN
		}
		_ = conn.Close()
	}
}

// slow answers after 5s, or gives up when the client goes away.
func slow(w http.ResponseWriter, r *http.Request, n int) {
	select {
	case <-r.Context().Done():
	case <-time.After(5 * time.Second):
		status(http.StatusOK, faultOK)(w, r, n)
	}
}

// asKnitError requires err to be a *knit.Error and returns it.
func asKnitError(t *testing.T, err error) *knit.Error {
	t.Helper()
	var kerr *knit.Error
	require.ErrorAs(t, err, &kerr)
	return kerr
}

// isClass checks the sentinel the error matches and its Retryable flag.
func isClass(sentinel error, retryable bool) func(*testing.T, faultCall, string, error) {
	return func(t *testing.T, _ faultCall, _ string, err error) {
		require.Error(t, err)
		require.ErrorIs(t, err, sentinel)
		assert.Equal(t, retryable, asKnitError(t, err).Retryable, "Retryable")
	}
}

// serverError is the row of a 5xx that GET retries and POST does not.
func serverError(code int) faultRow {
	return faultRow{
		name:     fmt.Sprintf("%d", code),
		serve:    status(code, `{"success":false,"error":{"msg":"upstream failed"}}`),
		attempts: retriedIfGET,
		check: func(t *testing.T, c faultCall, _ string, err error) {
			isClass(knit.ErrServer, true)(t, c, "", err)
			kerr := asKnitError(t, err)
			assert.Equal(t, code, kerr.StatusCode)
			assert.Equal(t, "upstream failed", kerr.Message)
			assert.Equal(t, retriedIfGET(c), kerr.Attempts)
		},
	}
}

// redirect answers code with a Location on another port of the same host
// (where nothing listens: following it would fail differently).
func redirect(code int) faultRow {
	const target = "http://127.0.0.1:1/v1.0/elsewhere"
	return faultRow{
		name: fmt.Sprintf("%d redirect to another port", code),
		serve: func(w http.ResponseWriter, r *http.Request, _ int) {
			http.Redirect(w, r, target, code)
		},
		attempts: always(1),
		check: func(t *testing.T, _ faultCall, _ string, err error) {
			require.Error(t, err)
			kerr := asKnitError(t, err)
			assert.Equal(t, code, kerr.StatusCode, "the 3xx is returned, not followed")
			assert.False(t, kerr.Retryable)
			assert.Contains(t, err.Error(), target, "the error names the Location")
		},
	}
}

// malformed checks a 2xx answer that is not a valid Knit envelope.
func malformed(contains string) func(*testing.T, faultCall, string, error) {
	return func(t *testing.T, c faultCall, _ string, err error) {
		isClass(knit.ErrMalformedResponse, false)(t, c, "", err)
		assert.Contains(t, err.Error(), contains)
		assert.Equal(t, http.StatusOK, asKnitError(t, err).StatusCode)
	}
}

func faultRows() []faultRow {
	retryAfterDate := func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Retry-After", time.Now().Add(3*time.Second).UTC().Format(http.TimeFormat))
		status(http.StatusTooManyRequests, `{"success":false,"error":{"msg":"slow down"}}`)(w, r, n)
	}
	rateLimited := func(t *testing.T, c faultCall, _ string, err error) {
		isClass(knit.ErrRateLimited, true)(t, c, "", err)
		kerr := asKnitError(t, err)
		assert.Equal(t, faultMaxRetries+1, kerr.Attempts, "429 is retried for GET and POST alike")
		assert.Positive(t, kerr.RetryAfter, "RetryAfter from the header")
		assert.LessOrEqual(t, kerr.RetryAfter, 3*time.Second)
	}
	succeeds := func(want string) func(*testing.T, faultCall, string, error) {
		return func(t *testing.T, _ faultCall, got string, err error) {
			require.NoError(t, err)
			assert.Equal(t, want, got)
		}
	}
	return []faultRow{
		{
			name:     "connection refused",
			attempts: always(0),
			check: func(t *testing.T, _ faultCall, _ string, err error) {
				require.Error(t, err)
				require.ErrorIs(t, err, syscall.ECONNREFUSED)
				kerr := asKnitError(t, err)
				assert.Zero(t, kerr.StatusCode)
				assert.True(t, kerr.Retryable)
				// A dial error provably sent nothing: POST retries it too.
				assert.Equal(t, faultMaxRetries+1, kerr.Attempts)
			},
		},
		{
			// The request reached the server, so a POST must not be resent.
			name:     "connection reset before any response",
			serve:    hijack(""),
			attempts: retriedIfGET,
			check: func(t *testing.T, c faultCall, _ string, err error) {
				require.Error(t, err)
				kerr := asKnitError(t, err)
				assert.Zero(t, kerr.StatusCode)
				assert.True(t, kerr.Retryable)
				assert.Equal(t, retriedIfGET(c), kerr.Attempts)
			},
		},
		{
			// The status line and headers arrived, then the connection was
			// reset. For a GET that is a connection error of an idempotent
			// call: the retry policy (README, Retries) retries it. A POST is never resent.
			name: "connection reset mid-body",
			serve: hijack("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n" +
				`{"success":true,"data":{"jobs":[{"info":{"id":"job-`),
			attempts: retriedIfGET,
			check: func(t *testing.T, c faultCall, _ string, err error) {
				require.Error(t, err)
				require.ErrorIs(t, err, syscall.ECONNRESET)
				kerr := asKnitError(t, err)
				assert.Equal(t, retriedIfGET(c), kerr.Attempts)
				// Transient for both; only the GET is repeated by the SDK (see attempts).
				assert.True(t, kerr.Retryable, "a broken connection is a transient failure")
				assert.NotErrorIs(t, err, knit.ErrMalformedResponse)
			},
		},
		{
			// Each attempt times out (option.WithRequestTimeout): a GET tries
			// again, a POST that may have been processed is not resent.
			name:     "slower than the per-attempt timeout",
			opts:     []option.RequestOption{option.WithRequestTimeout(50 * time.Millisecond)},
			serve:    slow,
			attempts: retriedIfGET,
			check: func(t *testing.T, c faultCall, _ string, err error) {
				require.Error(t, err)
				var ne net.Error
				require.ErrorAs(t, err, &ne)
				assert.True(t, ne.Timeout(), "a timeout error")
				kerr := asKnitError(t, err)
				assert.Equal(t, retriedIfGET(c), kerr.Attempts)
				assert.Zero(t, kerr.StatusCode)
			},
		},
		{
			name: "429 Retry-After seconds, capped by the max wait",
			serve: func(w http.ResponseWriter, r *http.Request, n int) {
				w.Header().Set("Retry-After", "2")
				status(http.StatusTooManyRequests, `{"success":false,"error":{"msg":"slow down"}}`)(w, r, n)
			},
			attempts:   always(faultMaxRetries + 1),
			maxElapsed: 2 * time.Second,
			check:      rateLimited,
		},
		{
			name:       "429 Retry-After HTTP date, capped by the max wait",
			serve:      retryAfterDate,
			attempts:   always(faultMaxRetries + 1),
			maxElapsed: 2 * time.Second,
			check:      rateLimited,
		},
		{
			name:     "429 then 200",
			serve:    thenOK(http.StatusTooManyRequests, "Retry-After", "1"),
			attempts: always(2),
			check: func(t *testing.T, c faultCall, got string, err error) {
				want := "job-1"
				if !c.retriesServerErrors {
					want = "app-1"
				}
				succeeds(want)(t, c, got, err)
			},
		},
		serverError(http.StatusInternalServerError),
		{
			name:     "501",
			serve:    status(http.StatusNotImplemented, `{"success":false,"error":{"msg":"not implemented"}}`),
			attempts: always(1),
			check: func(t *testing.T, c faultCall, _ string, err error) {
				isClass(knit.ErrServer, false)(t, c, "", err)
				assert.Equal(t, http.StatusNotImplemented, asKnitError(t, err).StatusCode)
			},
		},
		serverError(http.StatusBadGateway),
		serverError(http.StatusServiceUnavailable),
		serverError(http.StatusGatewayTimeout),
		{
			name:     "503 then 200",
			serve:    thenOK(http.StatusServiceUnavailable, "", ""),
			attempts: func(c faultCall) int { return map[bool]int{true: 2, false: 1}[c.retriesServerErrors] },
			check: func(t *testing.T, c faultCall, got string, err error) {
				if c.retriesServerErrors {
					succeeds("job-1")(t, c, got, err)
					return
				}
				isClass(knit.ErrServer, true)(t, c, got, err)
			},
		},
		{
			name:     "slower than the ctx deadline",
			deadline: 200 * time.Millisecond,
			serve:    slow,
			attempts: always(1),
			check: func(t *testing.T, _ faultCall, _ string, err error) {
				require.Error(t, err)
				require.ErrorIs(t, err, context.DeadlineExceeded)
				assert.Equal(t, 1, asKnitError(t, err).Attempts)
			},
		},
		{
			name:     "truncated JSON",
			serve:    status(http.StatusOK, `{"success":true,"data":{"jobs":[{"info":{"id":"job-1"`),
			attempts: always(1),
			check:    malformed("truncated JSON"),
		},
		{
			name:     "HTML error page with 200",
			serve:    status(http.StatusOK, "<!DOCTYPE html><html><head><title>Error</title></head><body><h1>Something went wrong</h1></body></html>"),
			attempts: always(1),
			check:    malformed("invalid character '<'"),
		},
		{
			name:     "HTML error page with 502",
			serve:    status(http.StatusBadGateway, "<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>"),
			attempts: retriedIfGET,
			check: func(t *testing.T, c faultCall, _ string, err error) {
				isClass(knit.ErrServer, true)(t, c, "", err)
				assert.Contains(t, err.Error(), "not JSON")
				assert.Contains(t, err.Error(), "502 Bad Gateway")
			},
		},
		{
			name:     "success:false with 200",
			serve:    status(http.StatusOK, `{"success":false,"error":{"msg":"Invalid request for this app"}}`),
			attempts: always(1),
			check: func(t *testing.T, _ faultCall, _ string, err error) {
				require.Error(t, err)
				kerr := asKnitError(t, err)
				assert.Equal(t, http.StatusOK, kerr.StatusCode)
				assert.Equal(t, "Invalid request for this app", kerr.Message)
				assert.False(t, kerr.Retryable)
				require.NotErrorIs(t, err, knit.ErrMalformedResponse)
				assert.NotErrorIs(t, err, knit.ErrServer)
			},
		},
		{
			name:     "success:false not supported with 200",
			serve:    status(http.StatusOK, `{"success":false,"error":{"msg":"Tool not supported for this app"}}`),
			attempts: always(1),
			check:    isClass(knit.ErrNotSupported, false),
		},
		{
			name:     "empty body",
			serve:    status(http.StatusOK, ""),
			attempts: always(1),
			check:    malformed("empty body"),
		},
		{
			name: "body larger than the cap",
			opts: []option.RequestOption{option.WithMaxResponseBytes(1024)},
			serve: status(http.StatusOK, `{"success":true,"data":{"jobs":[{"info":{"id":"job-1","description":"`+
				strings.Repeat("x", 8<<10)+`"}}],"applicationId":"app-1"}}`),
			attempts: always(1),
			check:    malformed("1024-byte limit"),
		},
		{
			// encoding/json replaces invalid UTF-8 inside strings with U+FFFD.
			name: "invalid UTF-8 inside a string",
			serve: status(http.StatusOK, "{\"success\":true,\"data\":{\"jobs\":[{\"info\":{\"id\":\"job-\xff\"}}],"+
				"\"applicationId\":\"app-\xfe\"}}"),
			attempts: always(1),
			check: func(t *testing.T, c faultCall, got string, err error) {
				want := "job-\uFFFD"
				if !c.retriesServerErrors {
					want = "app-\uFFFD"
				}
				succeeds(want)(t, c, got, err)
			},
		},
		{
			name:     "invalid UTF-8 body",
			serve:    status(http.StatusOK, "\xff\xfe\x00garbage\x80"),
			attempts: always(1),
			check:    malformed("malformed response"),
		},
		redirect(http.StatusMovedPermanently),
		redirect(http.StatusFound),
		redirect(http.StatusTemporaryRedirect),
		redirect(http.StatusPermanentRedirect),
		{
			// Knit or a proxy echoing the key: it is scrubbed from the
			// message and the body (the matrix checks the error text).
			name:     "401 echoing the API key",
			serve:    status(http.StatusUnauthorized, `{"success":false,"error":{"msg":"Invalid API key `+testKey+`"}}`),
			attempts: always(1),
			check: func(t *testing.T, c faultCall, _ string, err error) {
				isClass(knit.ErrUnauthorized, false)(t, c, "", err)
				kerr := asKnitError(t, err)
				assert.Equal(t, "Invalid API key [REDACTED API KEY]", kerr.Message)
				assert.NotContains(t, string(kerr.Body), testKey)
			},
		},
		{
			name:     "200 HTML echoing the API key",
			serve:    status(http.StatusOK, `<html><p>Authorization: Bearer `+testKey+`</p></html>`),
			attempts: always(1),
			check: func(t *testing.T, c faultCall, _ string, err error) {
				malformed("[REDACTED API KEY]")(t, c, "", err)
				assert.NotContains(t, string(asKnitError(t, err).Body), testKey)
			},
		},
		keyFragmentRow("200 HTML, key across the excerpt cut", http.StatusOK, "<html><p>"+strings.Repeat("x", 105)+testKey+"</p></html>"),
		keyFragmentRow("200 plain text, key across the excerpt cut", http.StatusOK, strings.Repeat("x", 110)+testKey),
		keyFragmentRow("200 malformed JSON, key across the excerpt cut", http.StatusOK, `{"success":true,"data":`+strings.Repeat("x", 90)+testKey),
		keyFragmentRow("400 error.msg an object, key across the excerpt cut", http.StatusBadRequest,
			`{"success":false,"error":{"msg":{"detail":"`+strings.Repeat("x", 100)+testKey+`"}}}`),
		keyFragmentRow("400 key across the error body limit", http.StatusBadRequest, strings.Repeat("x", 64<<10-6)+testKey),
		{
			name:     "invalid UTF-8 in an error message",
			serve:    status(http.StatusBadRequest, "{\"success\":false,\"error\":{\"msg\":\"bad \xff value\"}}"),
			attempts: always(1),
			check: func(t *testing.T, _ faultCall, _ string, err error) {
				require.Error(t, err)
				kerr := asKnitError(t, err)
				assert.Equal(t, http.StatusBadRequest, kerr.StatusCode)
				assert.Equal(t, "bad \uFFFD value", kerr.Message)
			},
		},
	}
}

// keyFragmentRow answers code with body, which echoes the API key where a
// cut (an excerpt, the kept head, the error body limit) splits it: no
// beginning of the key may survive in the error, its Message or its Body.
func keyFragmentRow(name string, code int, body string) faultRow {
	return faultRow{
		name:     name,
		serve:    status(code, body),
		attempts: always(1),
		check: func(t *testing.T, _ faultCall, _ string, err error) {
			require.Error(t, err)
			kerr := asKnitError(t, err)
			for what, text := range map[string]string{"Error()": err.Error(), "Message": kerr.Message, "Body": string(kerr.Body)} {
				for n := len(testKey); n >= 4; n-- {
					if !assert.NotContains(t, text, testKey[:n], "%s keeps %d bytes of the key", what, n) {
						break
					}
				}
			}
		},
	}
}

// TestFaultMatrix drives a GET list call and a POST create call against a
// server injecting one fault per row and checks the attempts the server
// saw (a POST is resent only after 429 or a failed dial), the error class,
// that the call returned within its deadline and that the API key is in no
// error text. TestMain checks for leaked goroutines afterwards.
func TestFaultMatrix(t *testing.T) {
	t.Parallel()
	for _, row := range faultRows() {
		for _, call := range faultCalls {
			t.Run(row.name+"/"+call.name, func(t *testing.T) {
				t.Parallel()
				tr := &http.Transport{MaxIdleConnsPerHost: 4}
				t.Cleanup(tr.CloseIdleConnections)
				opts := append([]option.RequestOption{
					option.WithHTTPClient(&http.Client{Transport: tr}),
					option.WithMaxRetries(faultMaxRetries),
					option.WithRetryWait(time.Millisecond, 10*time.Millisecond),
				}, row.opts...)

				var client *knit.Client
				var hits func() int
				if row.serve == nil {
					ln, err := net.Listen("tcp", "127.0.0.1:0")
					require.NoError(t, err)
					addr := ln.Addr().String()
					require.NoError(t, ln.Close())
					c, err := knit.NewClient(testKey, append([]option.RequestOption{option.WithBaseURL("http://" + addr + "/v1.0")}, opts...)...)
					require.NoError(t, err)
					client, hits = c, func() int { return 0 }
				} else {
					f := newFake(t)
					n := 0
					handler := func(w http.ResponseWriter, r *http.Request) {
						f.mu.Lock()
						n++
						attempt := n
						f.mu.Unlock()
						row.serve(w, r, attempt)
					}
					f.mu.Lock()
					f.routes["/v1.0/"+"ats.job.list"] = handler
					f.routes["/v1.0/"+"ats.application.create"] = handler
					f.mu.Unlock()
					client, hits = f.client(opts...), func() int { return len(f.requests()) }
				}

				deadline := row.deadline
				if deadline == 0 {
					deadline = faultDeadline
				}
				ctx, cancel := context.WithTimeout(context.Background(), deadline)
				defer cancel()
				start := time.Now()
				got, err := call.do(ctx, client.Integration("int_fault"))
				elapsed := time.Since(start)

				row.check(t, call, got, err)
				assert.Equal(t, row.attempts(call), hits(), "requests the server saw")
				// The margin is generous for loaded CI machines; the slow
				// server answers only after 5s, so the bound still proves
				// that the deadline, not the server, ended the call.
				assert.Less(t, elapsed, deadline+1500*time.Millisecond, "the call must return by its deadline")
				if row.maxElapsed > 0 {
					assert.Less(t, elapsed, row.maxElapsed)
				}
				if err != nil {
					for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
						assert.NotContains(t, text, testKey, "the API key leaked into the error")
					}
					assert.True(t, utf8.ValidString(err.Error()), "error text is valid UTF-8: %q", err.Error())
				}
			})
		}
	}
}
