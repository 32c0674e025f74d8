package transport

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/apierror"
	"github.com/knit-sdk/knit-go/hook"
)

type ctxKey string

// recorder is a call hook that records every start and end.
type recorder struct {
	mu     sync.Mutex
	name   string
	events *[]string
	starts []hook.Call
	ends   []hook.CallEnd
}

func (rec *recorder) hook(ctx context.Context, c hook.Call) (context.Context, func(hook.CallEnd)) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.starts = append(rec.starts, c)
	if rec.events != nil {
		*rec.events = append(*rec.events, "start "+rec.name)
	}
	return context.WithValue(ctx, ctxKey(rec.name), "set by "+rec.name), func(e hook.CallEnd) {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		rec.ends = append(rec.ends, e)
		if rec.events != nil {
			*rec.events = append(*rec.events, "end "+rec.name)
		}
	}
}

func withHook(h hook.CallHook) Option {
	return NewOption(func(c *Config) error {
		c.CallHooks = append(c.CallHooks[:len(c.CallHooks):len(c.CallHooks)], h)
		return nil
	})
}

func withMiddleware(m Middleware) Option {
	return NewOption(func(c *Config) error {
		c.Middleware = append(c.Middleware[:len(c.Middleware):len(c.Middleware)], m)
		return nil
	})
}

func TestCallHookSeesRetriesAndOutcome(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, hit int) {
		if hit == 1 {
			w.Header().Set(HeaderRetryAfter, "0")
			writeJSON(w, http.StatusTooManyRequests, `{"success":false,"error":{"msg":"slow down"}}`)
			return
		}
		if hit == 2 {
			writeJSON(w, http.StatusServiceUnavailable, `{}`)
			return
		}
		w.Header().Set(HeaderExecutionID, "exec_ok")
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"success":true,"data":{"n":3}}`))
	})
	rec := &recorder{name: "a"}
	c := srv.client(t, withHook(rec.hook), NewOption(func(c *Config) error {
		c.RetryWaitMin, c.RetryWaitMax = 20*time.Millisecond, 20*time.Millisecond
		return nil
	}))
	var out struct{ N int }
	require.NoError(t, c.Integration("int_7").Get(context.Background(), "ats.job.list", nil, &out, nil))
	assert.Equal(t, 3, out.N)

	require.Len(t, rec.starts, 1)
	assert.Equal(t, hook.Call{Method: "ats.job.list", HTTPMethod: http.MethodGet, IntegrationID: "int_7"}, rec.starts[0])
	require.Len(t, rec.ends, 1)
	e := rec.ends[0]
	assert.Equal(t, rec.starts[0], e.Call)
	assert.Equal(t, 3, e.Attempts)
	assert.Equal(t, http.StatusOK, e.StatusCode)
	assert.Equal(t, "exec_ok", e.ExecutionID)
	require.NoError(t, e.Err)
	// One wait of Retry-After 0 and one backoff of 10 to 20ms (jitter).
	assert.GreaterOrEqual(t, e.RetryWait, 10*time.Millisecond)
	assert.GreaterOrEqual(t, e.Duration, e.RetryWait)
}

func TestCallHookSeesFailure(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, http.StatusNotFound, `{"success":false,"error":{"msg":"no such employee"}}`)
	})
	rec := &recorder{name: "a"}
	c := srv.client(t, withHook(rec.hook))
	err := c.Account().Post(context.Background(), "auth.createSession", nil, nil, nil)
	require.ErrorIs(t, err, apierror.ErrNotFound)
	require.Len(t, rec.ends, 1)
	e := rec.ends[0]
	assert.Equal(t, hook.Call{Method: "auth.createSession", HTTPMethod: http.MethodPost}, e.Call, "account calls have no integration ID")
	assert.Equal(t, 1, e.Attempts)
	assert.Equal(t, http.StatusNotFound, e.StatusCode)
	assert.Equal(t, "exec_1", e.ExecutionID)
	assert.Same(t, err, e.Err)
	assert.Zero(t, e.RetryWait)
}

func TestCallHookEndsWhenCancelledDuringWait(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		time.AfterFunc(30*time.Millisecond, cancel)
		writeJSON(w, http.StatusServiceUnavailable, `{}`)
	})
	rec := &recorder{name: "a"}
	c := srv.client(t, withHook(rec.hook), NewOption(func(c *Config) error { c.RetryWaitMin, c.RetryWaitMax = time.Minute, time.Minute; return nil }))
	err := c.Integration("i").Get(ctx, "m.x", nil, nil, nil)
	require.ErrorIs(t, err, context.Canceled)
	require.Len(t, rec.ends, 1)
	assert.Equal(t, 1, rec.ends[0].Attempts)
	assert.GreaterOrEqual(t, rec.ends[0].RetryWait, 20*time.Millisecond, "the interrupted wait counts")
	assert.Equal(t, http.StatusServiceUnavailable, rec.ends[0].StatusCode)
	assert.Equal(t, "exec_1", rec.ends[0].ExecutionID, "the last attempt's, though the error has none")
}

func TestCallHooksNestAndNoHookForRefusedCalls(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, http.StatusOK, `{"success":true,"data":{}}`)
	})
	var events []string
	a, b, perCall := &recorder{name: "a", events: &events}, &recorder{name: "b", events: &events}, &recorder{name: "c", events: &events}
	var seen []any
	mw := func(next http.RoundTripper) http.RoundTripper {
		return rtFunc(func(r *http.Request) (*http.Response, error) {
			seen = append(seen, r.Context().Value(ctxKey("a")), r.Context().Value(ctxKey("b")), r.Context().Value(ctxKey("c")))
			return next.RoundTrip(r)
		})
	}
	c := srv.client(t, withHook(a.hook), withHook(b.hook), withMiddleware(mw))
	require.NoError(t, c.Integration("i").Get(context.Background(), "m.x", nil, nil, []Option{withHook(perCall.hook)}))
	assert.Equal(t, []string{"start a", "start b", "start c", "end c", "end b", "end a"}, events)
	assert.Equal(t, []any{"set by a", "set by b", "set by c"}, seen, "every hook's context reaches the attempt")

	events = nil
	require.NoError(t, c.Integration("i").Get(context.Background(), "m.x", nil, nil, nil))
	assert.Equal(t, []string{"start a", "start b", "end b", "end a"}, events, "a per-call hook does not stay on the client")

	events = nil
	require.ErrorIs(t, c.Integration("").Get(context.Background(), "m.x", nil, nil, nil), apierror.ErrIntegrationRequired)
	require.ErrorIs(t, c.Integration("i").Get(context.Background(), "m.x", map[int]int{}, nil, nil), apierror.ErrInvalidParams)
	assert.Empty(t, events, "calls refused before sending run no hooks")
}

type rtFunc func(*http.Request) (*http.Response, error)

func (f rtFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestMiddlewareRunsPerAttemptInOrder(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		if hit < 3 {
			writeJSON(w, http.StatusBadGateway, `{}`)
			return
		}
		writeJSON(w, http.StatusOK, `{"success":true,"data":{"order":"`+r.Header.Get("X-Order")+`"}}`)
	})
	var mu sync.Mutex
	var attempts []hook.Attempt
	outer := func(next http.RoundTripper) http.RoundTripper {
		return rtFunc(func(r *http.Request) (*http.Response, error) {
			a, ok := hook.AttemptFromContext(r.Context())
			require.True(t, ok)
			mu.Lock()
			attempts = append(attempts, a)
			mu.Unlock()
			r = r.Clone(r.Context())
			r.Header.Set("X-Order", r.Header.Get("X-Order")+"outer,")
			return next.RoundTrip(r)
		})
	}
	inner := func(next http.RoundTripper) http.RoundTripper {
		return rtFunc(func(r *http.Request) (*http.Response, error) {
			r = r.Clone(r.Context())
			r.Header.Set("X-Order", r.Header.Get("X-Order")+"inner")
			return next.RoundTrip(r)
		})
	}
	c := srv.client(t, withMiddleware(outer), withMiddleware(inner))
	var out struct{ Order string }
	require.NoError(t, c.Integration("int_3").Get(context.Background(), "hr.employees.list", nil, &out, nil))
	assert.Equal(t, "outer,inner", out.Order)
	call := hook.Call{Method: "hr.employees.list", HTTPMethod: http.MethodGet, IntegrationID: "int_3"}
	assert.Equal(t, []hook.Attempt{{Call: call, Number: 1}, {Call: call, Number: 2}, {Call: call, Number: 3}}, attempts)
	_, pooled := c.cfg.HTTPClient.Transport.(*http.Transport)
	assert.True(t, pooled, "the configured client keeps its own transport")
	_, wrapped := c.cfg.httpClient().Transport.(*http.Transport)
	assert.False(t, wrapped, "attempts go through the middleware")
}

func TestPerCallMiddlewareAndClientReuse(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, http.StatusOK, `{"success":true,"data":{}}`)
	})
	var clientHits, callHits int
	counting := func(n *int) Middleware {
		return func(next http.RoundTripper) http.RoundTripper {
			return rtFunc(func(r *http.Request) (*http.Response, error) { *n++; return next.RoundTrip(r) })
		}
	}
	c := srv.client(t, withMiddleware(counting(&clientHits)))
	wrapped := c.cfg.httpClient()
	require.NotSame(t, c.cfg.HTTPClient, wrapped)

	require.NoError(t, c.Account().Get(context.Background(), "m.x", nil, nil, []Option{withMiddleware(counting(&callHits))}))
	require.NoError(t, c.Account().Get(context.Background(), "m.x", nil, nil, nil))
	assert.Equal(t, 2, clientHits)
	assert.Equal(t, 1, callHits, "per-call middleware applies to that call only")

	// A per-call option that changes nothing about the chain keeps the
	// client's prebuilt one.
	cfg, err := c.cfg.With([]Option{NewOption(func(c *Config) error { c.MaxRetries = 0; return nil })})
	require.NoError(t, err)
	assert.Same(t, wrapped, cfg.httpClient())
}

func TestMiddlewareReturningNilIsAnError(t *testing.T) {
	t.Parallel()
	_, err := NewConfig(testKey, withMiddleware(func(http.RoundTripper) http.RoundTripper { return nil }))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "middleware 1 returned a nil http.RoundTripper")
}

func TestAttemptFromContextOutsideACall(t *testing.T) {
	t.Parallel()
	_, ok := hook.AttemptFromContext(context.Background())
	assert.False(t, ok)
	_, ok = hook.AttemptFromContext(nil) //nolint:staticcheck // nil must not panic
	assert.False(t, ok)
}

// ctxHandler records the context value ctxKey("trace") of every record.
type ctxHandler struct {
	mu   *sync.Mutex
	seen *[]string
}

func (h ctxHandler) Enabled(ctx context.Context, _ slog.Level) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	v, _ := ctx.Value(ctxKey("trace")).(string)
	*h.seen = append(*h.seen, "enabled:"+v)
	return true
}

func (h ctxHandler) Handle(ctx context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	v, _ := ctx.Value(ctxKey("trace")).(string)
	*h.seen = append(*h.seen, r.Message+":"+v)
	return nil
}
func (h ctxHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h ctxHandler) WithGroup(string) slog.Handler      { return h }

func TestLogLinesCarryTheCallContext(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, hit int) {
		if hit == 1 {
			writeJSON(w, http.StatusServiceUnavailable, `{}`)
			return
		}
		writeJSON(w, http.StatusOK, `{"success":true,"data":{}}`)
	})
	var mu sync.Mutex
	var seen []string
	logger := slog.New(ctxHandler{mu: &mu, seen: &seen})
	// The hook's context, not only the caller's, reaches the log lines.
	tracing := func(ctx context.Context, _ hook.Call) (context.Context, func(hook.CallEnd)) {
		return context.WithValue(ctx, ctxKey("trace"), ctx.Value(ctxKey("trace")).(string)+"+span"), nil
	}
	c := srv.client(t, NewOption(func(c *Config) error { c.Logger = logger; return nil }), withHook(tracing))
	ctx := context.WithValue(context.Background(), ctxKey("trace"), "t1")
	require.NoError(t, c.Account().Get(ctx, "m.x", nil, nil, nil))
	require.NotEmpty(t, seen)
	for _, s := range seen {
		assert.True(t, strings.HasSuffix(s, ":t1+span"), "log call without the call's context: %s", s)
	}
	assert.Contains(t, seen, "knit: retrying:t1+span")
	assert.Contains(t, seen, "knit: attempt:t1+span")
}

func TestNoObservationWithoutHooks(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		if _, ok := hook.AttemptFromContext(r.Context()); ok {
			w.WriteHeader(http.StatusTeapot)
			return
		}
		writeJSON(w, http.StatusOK, `{"success":true,"data":{}}`)
	})
	var inner bool
	hc := &http.Client{Transport: rtFunc(func(r *http.Request) (*http.Response, error) {
		_, inner = hook.AttemptFromContext(r.Context())
		return http.DefaultTransport.RoundTrip(r)
	})}
	c := srv.client(t, NewOption(func(c *Config) error { c.HTTPClient = hc; return nil }))
	require.NoError(t, c.Account().Get(context.Background(), "m.x", nil, nil, nil))
	assert.False(t, inner, "without hooks or middleware the context carries no attempt")
	assert.Same(t, c.cfg.client(), c.cfg.httpClient(), "no middleware: the safe client as is")
}
