package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/apierror"
)

const testKey = "sk_test_SECRET_0123456789"

// server is an httptest server that counts hits and runs handle for each.
type server struct {
	*httptest.Server
	hits atomic.Int32
}

func newServer(t *testing.T, handle func(w http.ResponseWriter, r *http.Request, hit int)) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(s.hits.Add(1))
		handle(w, r, n)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) client(t *testing.T, opts ...Option) *Client {
	t.Helper()
	base := []Option{
		NewOption(func(c *Config) error { c.BaseURL = s.URL + "/v1.0"; return nil }),
		NewOption(func(c *Config) error {
			c.RetryWaitMin, c.RetryWaitMax = time.Millisecond, 5*time.Millisecond
			return nil
		}),
	}
	cfg, err := NewConfig(testKey, append(base, opts...)...)
	require.NoError(t, err)
	return New(cfg)
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set(HeaderExecutionID, "exec_1")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

type leaveQuery struct {
	EmployeeID string `url:"employeeId"`
	OriginData bool   `url:"originData,omitempty"`
}

func TestRequestShape(t *testing.T) {
	t.Parallel()
	var got *http.Request
	var gotBody []byte
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		got = r.Clone(context.Background())
		gotBody, _ = io.ReadAll(r.Body)
		writeJSON(w, http.StatusOK, `{"success":true,"data":{"n":1}}`)
	})
	c := srv.client(t, NewOption(func(c *Config) error { c.UserAgent = "acme/1.0"; return nil }))
	ctx := context.Background()

	var out struct{ N int }
	require.NoError(t, c.Integration("int_1").Get(ctx, "hr.employees.leave.balance", leaveQuery{EmployeeID: "e 1", OriginData: true}, &out, nil))
	assert.Equal(t, 1, out.N)
	assert.Equal(t, http.MethodGet, got.Method)
	assert.Equal(t, "/v1.0/hr.employees.leave.balance", got.URL.Path)
	assert.Equal(t, "employeeId=e+1&originData=true", got.URL.RawQuery)
	assert.Equal(t, "Bearer "+testKey, got.Header.Get(HeaderAuthorization))
	assert.Equal(t, "int_1", got.Header.Get(HeaderIntegrationID))
	assert.Equal(t, "application/json", got.Header.Get(HeaderAccept))
	assert.Empty(t, got.Header.Get(HeaderContentType))
	assert.Regexp(t, `^acme/1\.0 knit-go/\S+ go/go\S+$`, got.Header.Get(HeaderUserAgent))
	assert.Empty(t, gotBody)

	require.NoError(t, c.Account().Post(ctx, "auth.createSession", map[string]string{"a": "b"}, nil, nil))
	assert.Equal(t, http.MethodPost, got.Method)
	assert.Empty(t, got.Header.Values(HeaderIntegrationID), "account-level calls carry no integration header")
	assert.Equal(t, "application/json", got.Header.Get(HeaderContentType))
	assert.JSONEq(t, `{"a":"b"}`, string(gotBody))

	require.NoError(t, c.Integration("int_1").Post(ctx, "integration.deactivate", nil, nil, nil))
	assert.JSONEq(t, `{}`, string(gotBody))
}

func TestIntegrationRequired(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, 200, `{"success":true}`) })
	err := srv.client(t).Integration(" ").Get(context.Background(), "ats.job.list", nil, nil, nil)
	require.ErrorIs(t, err, apierror.ErrIntegrationRequired)
	assert.Zero(t, srv.hits.Load())
}

func TestInvalidMethodName(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, 200, `{"success":true}`) })
	for _, m := range []string{"", "../admin", "a b", "x?y=1", ".x"} {
		err := srv.client(t).Account().Get(context.Background(), m, nil, nil, nil)
		require.ErrorIs(t, err, apierror.ErrInvalidParams, m)
	}
	assert.Zero(t, srv.hits.Load())
}

func TestResponseMapping(t *testing.T) {
	t.Parallel()
	big := `{"success":true,"data":{"s":"` + strings.Repeat("x", 2000) + `"}}`
	cases := []struct {
		name    string
		status  int
		body    string
		is      []error
		msg     string
		inError string
	}{
		{name: "success false with 200", status: 200, body: `{"success":false,"error":{"msg":"No such employee exists"}}`, msg: "No such employee exists"},
		{name: "400", status: 400, body: `{"success":false,"error":{"msg":"boom"}}`, msg: "boom", inError: "400 Bad Request: boom"},
		{name: "401", status: 401, body: `{"success":false,"error":{"msg":"Invalid API key"}}`, is: []error{apierror.ErrUnauthorized}},
		{name: "403", status: 403, body: `{"success":false,"error":{"msg":"nope"}}`, is: []error{apierror.ErrForbidden}},
		{name: "404 not found", status: 404, body: `{"success":false,"error":{"msg":"Application not found"}}`, is: []error{apierror.ErrNotFound}},
		{name: "404 not supported", status: 404, body: `{"success":false,"error":{"msg":"Tool not supported for this app"}}`, is: []error{apierror.ErrNotSupported}},
		{name: "200 unsupported", status: 200, body: `{"success":false,"error":{"msg":"Operation unsupported"}}`, is: []error{apierror.ErrNotSupported}},
		{name: "429", status: 429, body: `{"success":false,"error":{"msg":"slow down"}}`, is: []error{apierror.ErrRateLimited}},
		{name: "501", status: 501, body: `{"success":false,"error":{"msg":"nope"}}`, is: []error{apierror.ErrServer}},
		{name: "html 502", status: 502, body: "<html><body>Bad\ngateway</body></html>", is: []error{apierror.ErrServer}, inError: "not JSON"},
		{name: "empty 200", status: 200, body: "", is: []error{apierror.ErrMalformedResponse}, inError: "empty body"},
		{name: "truncated", status: 200, body: `{"success":true,"data":{"n":`, is: []error{apierror.ErrMalformedResponse}, inError: "truncated"},
		{name: "html 200", status: 200, body: "<!doctype html>", is: []error{apierror.ErrMalformedResponse}},
		{name: "no success", status: 200, body: `{"data":{"n":1}}`, is: []error{apierror.ErrMalformedResponse}, inError: "success"},
		{name: "wrong type", status: 200, body: `{"success":true,"data":{"n":"one"}}`, is: []error{apierror.ErrMalformedResponse}},
		{name: "too large", status: 200, body: big, is: []error{apierror.ErrMalformedResponse}, inError: "limit"},
		{name: "invalid utf8", status: 200, body: "{\"success\":tru\xff\xfe}", is: []error{apierror.ErrMalformedResponse}},
		{name: "msg string", status: 400, body: `{"success":false,"msg":"bad input"}`, msg: "bad input"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, tc.status, tc.body) })
			c := srv.client(t, NewOption(func(c *Config) error { c.MaxRetries = 0; c.MaxResponseBytes = 1024; return nil }))
			var out struct{ N int }
			err := c.Integration("int_9").Get(context.Background(), "hr.x", nil, &out, nil)
			var kerr *apierror.Error
			require.ErrorAs(t, err, &kerr)
			assert.Equal(t, tc.status, kerr.StatusCode)
			assert.Equal(t, "exec_1", kerr.ExecutionID)
			assert.Equal(t, "int_9", kerr.IntegrationID)
			assert.Equal(t, "hr.x", kerr.Method)
			for _, target := range tc.is {
				require.ErrorIs(t, err, target)
			}
			if tc.msg != "" {
				assert.Equal(t, tc.msg, kerr.Message)
			}
			s := err.Error()
			assert.NotContains(t, s, "\n")
			assert.Contains(t, s, "integration int_9")
			assert.Contains(t, s, tc.inError)
			assert.NotContains(t, s, testKey)
			assert.LessOrEqual(t, len(s), 400)
		})
	}
}

func TestNotFoundIsNotNotSupported(t *testing.T) {
	t.Parallel()
	e := &apierror.Error{StatusCode: 404, Message: "Tool not supported for this app"}
	require.NotErrorIs(t, e, apierror.ErrNotFound)
	require.ErrorIs(t, e, apierror.ErrNotSupported)
	e = &apierror.Error{StatusCode: 500, Message: "not supported"}
	assert.NotErrorIs(t, e, apierror.ErrNotSupported)
}

func TestRetryPolicy(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		method string
		status int
		opts   []Option
		hits   int32
	}{
		{"GET 503 retried", http.MethodGet, 503, nil, 3},
		{"GET 500 retried", http.MethodGet, 500, nil, 3},
		{"GET 408 retried", http.MethodGet, 408, nil, 3},
		{"GET 429 retried", http.MethodGet, 429, nil, 3},
		{"GET 501 not retried", http.MethodGet, 501, nil, 1},
		{"GET 404 not retried", http.MethodGet, 404, nil, 1},
		{"POST 500 sent once", http.MethodPost, 500, nil, 1},
		{"POST 503 sent once", http.MethodPost, 503, nil, 1},
		{"POST 429 retried", http.MethodPost, 429, nil, 3},
		{"POST 500 with WithRetryWrites", http.MethodPost, 500, []Option{NewOption(func(c *Config) error { c.RetryWrites = true; return nil })}, 3},
		{"GET 503 no retries", http.MethodGet, 503, []Option{NewOption(func(c *Config) error { c.MaxRetries = 0; return nil })}, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				writeJSON(w, tc.status, `{"success":false,"error":{"msg":"x"}}`)
			})
			err := srv.client(t).Integration("i").Do(context.Background(), &Request{HTTPMethod: tc.method, Method: "m.x"}, tc.opts)
			var kerr *apierror.Error
			require.ErrorAs(t, err, &kerr)
			assert.Equal(t, tc.hits, srv.hits.Load())
			assert.Equal(t, int(tc.hits), kerr.Attempts)
			assert.Equal(t, tc.status, kerr.StatusCode)
			if tc.hits > 1 {
				assert.Contains(t, err.Error(), "gave up after 3 attempts")
			}
		})
	}
}

func TestRetryThenSuccess(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, hit int) {
		if hit < 3 {
			writeJSON(w, 502, `bad gateway`)
			return
		}
		writeJSON(w, 200, `{"success":true,"data":{"n":7}}`)
	})
	var out struct{ N int }
	require.NoError(t, srv.client(t).Integration("i").Get(context.Background(), "m.x", nil, &out, nil))
	assert.Equal(t, 7, out.N)
	assert.EqualValues(t, 3, srv.hits.Load())
}

func TestPostDialErrorRetried(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	cfg, err := NewConfig(testKey, NewOption(func(c *Config) error {
		c.BaseURL = "http://" + addr + "/v1.0"
		c.RetryWaitMin, c.RetryWaitMax = time.Millisecond, time.Millisecond
		return nil
	}))
	require.NoError(t, err)
	err = New(cfg).Integration("i").Post(context.Background(), "ats.application.create", map[string]int{"a": 1}, nil, nil)
	var kerr *apierror.Error
	require.ErrorAs(t, err, &kerr)
	assert.Equal(t, 3, kerr.Attempts, "a refused connection never reached Knit, so a write may retry")
	assert.Zero(t, kerr.StatusCode)
	var op *net.OpError
	require.ErrorAs(t, err, &op)
	assert.Equal(t, "dial", op.Op)
	assert.True(t, kerr.Retryable)
}

func TestPostResetNotRetried(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_ = conn.Close()
		}
	})
	err := srv.client(t).Integration("i").Post(context.Background(), "ats.application.create", nil, nil, nil)
	require.Error(t, err)
	assert.EqualValues(t, 1, srv.hits.Load(), "the request reached the server; a write is not repeated")

	err = srv.client(t).Integration("i").Get(context.Background(), "ats.job.list", nil, nil, nil)
	require.Error(t, err)
	assert.EqualValues(t, 4, srv.hits.Load(), "a read is retried")
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	fixed := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	a := &retryState{cfg: &Config{}}
	resp := func(v string) *http.Response {
		return &http.Response{Header: http.Header{HeaderRetryAfter: {v}}}
	}
	assert.Equal(t, 3*time.Second, a.backoff(time.Millisecond, 10*time.Second, 0, resp("3")))
	assert.Equal(t, time.Second, a.backoff(time.Millisecond, time.Second, 0, resp("120")), "capped by max wait")
	d, ok := parseRetryAfter(fixed.Add(5*time.Second).Format(http.TimeFormat), fixed)
	assert.True(t, ok)
	assert.Equal(t, 5*time.Second, d)
	_, ok = parseRetryAfter("soon", fixed)
	assert.False(t, ok)
	for attempt := range 10 {
		w := a.backoff(100*time.Millisecond, 2*time.Second, attempt, nil)
		want := min(100*time.Millisecond<<attempt, 2*time.Second)
		assert.GreaterOrEqual(t, w, want/2)
		assert.LessOrEqual(t, w, want)
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, hit int) {
		if hit == 1 {
			w.Header().Set(HeaderRetryAfter, "1")
			writeJSON(w, 429, `{"success":false,"error":{"msg":"slow"}}`)
			return
		}
		writeJSON(w, 200, `{"success":true,"data":null}`)
	})
	// Retry-After: 1s is capped at the 30ms maximum wait.
	c := srv.client(t, NewOption(func(c *Config) error { c.RetryWaitMin, c.RetryWaitMax = 0, 30*time.Millisecond; return nil }))
	start := time.Now()
	require.NoError(t, c.Integration("i").Post(context.Background(), "sync.start", nil, nil, nil))
	assert.EqualValues(t, 2, srv.hits.Load())
	assert.GreaterOrEqual(t, time.Since(start), 30*time.Millisecond)
}

func TestRateLimitErrorCarriesRetryAfter(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set(HeaderRetryAfter, "7")
		writeJSON(w, 429, `{"success":false,"error":{"msg":"slow"}}`)
	})
	err := srv.client(t, NewOption(func(c *Config) error { c.MaxRetries = 0; return nil })).Account().Get(context.Background(), "m.x", nil, nil, nil)
	var kerr *apierror.Error
	require.ErrorAs(t, err, &kerr)
	assert.Equal(t, 7*time.Second, kerr.RetryAfter)
	assert.True(t, kerr.Retryable)
}

func TestCancelEndsWaitPromptly(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		cancel()
		writeJSON(w, 503, `{}`)
	})
	c := srv.client(t, NewOption(func(c *Config) error { c.RetryWaitMin, c.RetryWaitMax = time.Minute, time.Minute; return nil }))
	done := make(chan error, 1)
	go func() { done <- c.Integration("i").Get(ctx, "m.x", nil, nil, nil) }()
	select {
	case err := <-done:
		require.ErrorIs(t, err, context.Canceled)
		var kerr *apierror.Error
		require.ErrorAs(t, err, &kerr)
		assert.Equal(t, "i", kerr.IntegrationID)
	case <-time.After(10 * time.Second):
		t.Fatal("a cancelled context did not end the retry wait")
	}
	assert.EqualValues(t, 1, srv.hits.Load())
}

func TestDeadlineBoundsWholeCall(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, 503, `{}`) })
	c := srv.client(t, NewOption(func(c *Config) error { c.RetryWaitMin, c.RetryWaitMax = time.Minute, time.Minute; return nil }))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := c.Account().Get(ctx, "m.x", nil, nil, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestPerAttemptTimeout(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		if hit == 1 {
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		writeJSON(w, 200, `{"success":true,"data":{"n":2}}`)
	})
	c := srv.client(t, NewOption(func(c *Config) error { c.RequestTimeout = 50 * time.Millisecond; return nil }))
	var out struct{ N int }
	require.NoError(t, c.Account().Get(context.Background(), "m.x", nil, &out, nil))
	assert.Equal(t, 2, out.N)
	assert.EqualValues(t, 2, srv.hits.Load())
	assert.Zero(t, c.cfg.HTTPClient.Timeout, "the shared client is not modified")
}

func TestResponseInto(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("X-Extra", "1")
		writeJSON(w, 200, `{"success":true,"data":{}}`)
	})
	var resp apierror.Response
	require.NoError(t, srv.client(t).Account().Get(context.Background(), "m.x", nil, nil,
		[]Option{NewOption(func(c *Config) error { c.ResponseInto = &resp; return nil })}))
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "exec_1", resp.ExecutionID)
	assert.Equal(t, "1", resp.Header.Get("X-Extra"))
}

func TestPerCallOptionsDoNotLeak(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, 503, `{}`) })
	c := srv.client(t)
	noRetry := NewOption(func(c *Config) error { c.MaxRetries = 0; return nil })
	require.Error(t, c.Account().Get(context.Background(), "m.x", nil, nil, []Option{noRetry}))
	assert.EqualValues(t, 1, srv.hits.Load())
	require.Error(t, c.Account().Get(context.Background(), "m.x", nil, nil, nil))
	assert.EqualValues(t, 4, srv.hits.Load(), "the client default of 2 retries is unchanged")
}

// TestSecretsNeverLeak drives success, failure and retry paths with debug
// logging on and checks that the API key appears in no log line and no error.
func TestSecretsNeverLeak(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		switch r.URL.Path {
		case "/v1.0/ok":
			writeJSON(w, 200, `{"success":true,"data":{}}`)
		case "/v1.0/flaky":
			if hit%2 == 1 {
				writeJSON(w, 503, `{"success":false,"error":{"msg":"later"}}`)
				return
			}
			writeJSON(w, 200, `{"success":true,"data":{}}`)
		case "/v1.0/echo":
			// A hostile server echoing the Authorization header back.
			writeJSON(w, 401, `{"success":false,"error":{"msg":"bad key"}}`)
		default:
			writeJSON(w, 500, `<html>`+r.Header.Get("User-Agent")+`</html>`)
		}
	})
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := srv.client(t, NewOption(func(c *Config) error { c.Logger = logger; return nil }))
	var errs []string
	for _, m := range []string{"ok", "flaky", "echo", "broken"} {
		for _, s := range []Scope{c.Account(), c.Integration("int_x")} {
			if err := s.Get(context.Background(), m, nil, nil, nil); err != nil {
				errs = append(errs, err.Error())
			}
			if err := s.Post(context.Background(), m, map[string]string{"k": "v"}, nil, nil); err != nil {
				errs = append(errs, err.Error())
			}
		}
	}
	require.NotEmpty(t, errs)
	assert.Contains(t, logs.String(), `"level":"DEBUG"`)
	assert.Contains(t, logs.String(), `"level":"WARN"`)
	assert.Contains(t, logs.String(), `"execution_id":"exec_1"`)
	assert.NotContains(t, logs.String(), testKey)
	assert.NotContains(t, logs.String(), "Bearer")
	for _, e := range errs {
		assert.NotContains(t, e, testKey)
	}
}

func TestNoLoggingByDefault(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, 200, `{"success":true}`) })
	c := srv.client(t)
	assert.Nil(t, c.cfg.Logger)
	require.NoError(t, c.Account().Get(context.Background(), "ok", nil, nil, nil))
}

func TestConfigValidation(t *testing.T) {
	t.Parallel()
	_, err := NewConfig("  ")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "API key is empty")
	for _, u := range []string{"http://api.getknit.dev/v1.0", "ftp://x", "not a url", "https://", "https://user:pw@x.dev", "https://x.dev/v1.0?a=b"} {
		_, err := ParseBaseURL(u)
		require.Error(t, err, u)
	}
	for _, u := range []string{"https://api.getknit.dev/v1.0/", "http://127.0.0.1:8080/v1.0", "http://localhost/v1.0", "http://[::1]:9/x"} {
		got, err := ParseBaseURL(u)
		require.NoError(t, err, u)
		assert.False(t, strings.HasSuffix(got, "/"))
	}
	cfg, err := NewConfig("k")
	require.NoError(t, err)
	assert.NotSame(t, http.DefaultClient, cfg.HTTPClient)
	assert.NotSame(t, http.DefaultTransport, cfg.HTTPClient.Transport)
}

func TestMarshalWithExtra(t *testing.T) {
	t.Parallel()
	type p struct {
		A string `json:"a"`
		B int    `json:"b,omitempty"`
	}
	b, err := MarshalWithExtra(p{A: "x"}, map[string]any{"language": "fr", "z": []int{1}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"a":"x","language":"fr","z":[1]}`, string(b))
	_, err = MarshalWithExtra(p{A: "x"}, map[string]any{"a": "y"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"a"`)
	_, err = MarshalWithExtra(p{A: "x"}, map[string]any{"f": func() {}})
	require.Error(t, err)
}

func TestErrorString(t *testing.T) {
	t.Parallel()
	e := &apierror.Error{StatusCode: 404, Message: "No such employee exists", Method: "hr.employees.leave.balance", IntegrationID: "int_1", ExecutionID: "ex_9", Attempts: 1}
	assert.Equal(t, "knit: hr.employees.leave.balance: 404 Not Found: No such employee exists (integration int_1, execution ex_9)", e.Error())
	e = &apierror.Error{Method: "ats.job.list", Attempts: 3, Err: errors.New("dial tcp: connection refused")}
	assert.Equal(t, "knit: ats.job.list: dial tcp: connection refused (gave up after 3 attempts)", e.Error())
	pe := &apierror.ParamError{Op: "AuthSessions.Create", Field: "OriginOrgID", Reason: "is required"}
	assert.Equal(t, "knit: AuthSessions.Create: OriginOrgID is required", pe.Error())
	assert.ErrorIs(t, pe, apierror.ErrInvalidParams)
}

func TestEncodeQuery(t *testing.T) {
	t.Parallel()
	q, err := EncodeQuery(map[string]string{"b": "2", "a": "1"})
	require.NoError(t, err)
	assert.Equal(t, "a=1&b=2", q)
	_, err = EncodeQuery(42)
	require.Error(t, err)
	b, err := encodeBody(json.RawMessage(`{"x":`))
	require.Error(t, err)
	assert.Nil(t, b)
}

func TestErrorIsOneLine(t *testing.T) {
	t.Parallel()
	e := &apierror.Error{StatusCode: 400, Message: "bad\r\ninput:\n\tfield x", Method: "m.x", Err: errors.New("a\nb")}
	assert.Equal(t, "knit: m.x: 400 Bad Request: bad input: field x: a b", e.Error())
	long := &apierror.Error{Message: strings.Repeat("é", 1000)}
	assert.Less(t, len([]rune(long.Error())), 400)
	assert.Equal(t, strings.Repeat("é", 1000), long.Message, "the field keeps Knit's text")
}

// resetMidBody answers 200 with a partial JSON body, then drops the
// connection, on the hits for which broken returns true.
func resetMidBody(broken func(hit int) bool) func(w http.ResponseWriter, r *http.Request, hit int) {
	return func(w http.ResponseWriter, _ *http.Request, hit int) {
		if !broken(hit) {
			writeJSON(w, 200, `{"success":true,"data":{"n":3,"items":[1,2]}}`)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "1000")
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, `{"success":true,"data":{"n":1,"items":[9,9,9,`)
		w.(http.Flusher).Flush()
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_ = conn.Close()
		}
	}
}

func TestBodyResetMidReadRetriedForReads(t *testing.T) {
	t.Parallel()
	srv := newServer(t, resetMidBody(func(hit int) bool { return hit == 1 }))
	var out struct {
		N     int
		Items []int
	}
	require.NoError(t, srv.client(t).Integration("i").Get(context.Background(), "ats.job.list", nil, &out, nil))
	assert.EqualValues(t, 2, srv.hits.Load())
	assert.Equal(t, 3, out.N)
	assert.Equal(t, []int{1, 2}, out.Items, "nothing of the broken attempt is left in the result")
}

func TestBodyResetMidReadNotRetriedForWrites(t *testing.T) {
	t.Parallel()
	srv := newServer(t, resetMidBody(func(int) bool { return true }))
	err := srv.client(t).Integration("i").Post(context.Background(), "ats.application.create", nil, &struct{}{}, nil)
	var kerr *apierror.Error
	require.ErrorAs(t, err, &kerr)
	assert.EqualValues(t, 1, srv.hits.Load(), "the POST reached Knit; it is not repeated")
	assert.Equal(t, 200, kerr.StatusCode)
	assert.True(t, kerr.Retryable)
	assert.Contains(t, err.Error(), "reading the response body")
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	require.NotErrorIs(t, err, apierror.ErrMalformedResponse)

	srv2 := newServer(t, resetMidBody(func(int) bool { return true }))
	err = srv2.client(t).Integration("i").Get(context.Background(), "ats.job.list", nil, &struct{}{}, nil)
	require.ErrorAs(t, err, &kerr)
	assert.EqualValues(t, 3, srv2.hits.Load())
	assert.Equal(t, 3, kerr.Attempts)
	assert.Contains(t, err.Error(), "reading the response body")
}
