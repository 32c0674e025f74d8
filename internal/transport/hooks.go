package transport

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/knit-sdk/knit-go/apierror"
	"github.com/knit-sdk/knit-go/hook"
	"github.com/knit-sdk/knit-go/internal/hookctx"
)

// Middleware wraps the RoundTripper that sends each HTTP attempt.
type Middleware = func(http.RoundTripper) http.RoundTripper

// observation is the hook bookkeeping of one call. It is allocated only
// when a call hook or middleware is installed.
type observation struct {
	att   hook.Attempt // published in the call's context; see hook.AttemptFromContext
	start time.Time
	// ends holds the end functions of the call hooks; the array covers the
	// usual one or two hooks without allocating.
	ends     [2]func(hook.CallEnd)
	moreEnds []func(hook.CallEnd)
}

// observedCall allocates a call and its observation together.
type observedCall struct {
	call
	obs observation
}

func newObservedCall(cfg *Config) *call {
	oc := &observedCall{}
	oc.call.obs = &oc.obs
	oc.retry.cfg = cfg
	return &oc.call
}

// observed reports whether calls under c run hooks or middleware.
func (c *Config) observed() bool { return len(c.CallHooks) > 0 || len(c.Middleware) > 0 }

// observe runs the call hooks' start functions and returns the context the
// call's attempts run with: the hooks' context plus the attempt in flight.
func (c *call) observe(ctx context.Context, r *Request) context.Context {
	o := c.obs
	o.start = time.Now()
	o.att.Call = hook.Call{Method: r.Method, HTTPMethod: r.HTTPMethod}
	if r.Scoped {
		o.att.IntegrationID = r.IntegrationID
	}
	for i, h := range c.retry.cfg.CallHooks {
		next, end := h(ctx, o.att.Call)
		if next != nil {
			ctx = next
		}
		if i < len(o.ends) {
			o.ends[i] = end
		} else {
			o.moreEnds = append(o.moreEnds, end)
		}
	}
	return context.WithValue(ctx, hookctx.AttemptKey{}, &o.att)
}

// finish runs the call hooks' end functions, last hook first, with the
// outcome err of the call.
func (c *call) finish(err error) {
	o := c.obs
	if o == nil || len(c.retry.cfg.CallHooks) == 0 {
		return
	}
	a := &c.retry
	waited := a.waited
	if !a.waitStart.IsZero() {
		// The call ended during a wait (its context was done).
		waited += time.Since(a.waitStart)
	}
	e := hook.CallEnd{
		Call:       o.att.Call,
		Attempts:   a.n,
		StatusCode: a.lastStatus,
		Err:        err,
		RetryWait:  waited,
		Duration:   time.Since(o.start),
	}
	if a.lastHeader != nil {
		e.ExecutionID = executionID(a.lastHeader, a.cfg.APIKey)
	}
	var kerr *apierror.Error
	if errors.As(err, &kerr) {
		// The error knows best, except after a call ended during a wait:
		// then it has no response, and the last attempt's is kept.
		if kerr.StatusCode != 0 {
			e.StatusCode = kerr.StatusCode
		}
		if kerr.ExecutionID != "" {
			e.ExecutionID = kerr.ExecutionID
		}
	}
	for i := len(o.moreEnds) - 1; i >= 0; i-- {
		if end := o.moreEnds[i]; end != nil {
			end(e)
		}
	}
	for i := min(len(c.retry.cfg.CallHooks), len(o.ends)) - 1; i >= 0; i-- {
		if end := o.ends[i]; end != nil {
			end(e)
		}
	}
}

// attemptStarted updates the attempt published to middleware and the time
// waited before it.
func (c *call) attemptStarted(at time.Time) {
	a := &c.retry
	if !a.waitStart.IsZero() {
		a.waited += at.Sub(a.waitStart)
		a.waitStart = time.Time{}
	}
	if c.obs != nil {
		c.obs.att.Number = a.n
	}
}

// httpClient returns the client that sends each attempt: client() (the
// redirect-refusing copy of HTTPClient) with the middleware around its
// transport.
func (c *Config) httpClient() *http.Client {
	if c.wrapped != nil {
		return c.wrapped
	}
	return c.client()
}

// wrapClient builds the client with middleware once per configuration, so
// calls do not rebuild the chain. It is called when a Config is complete.
func (c *Config) wrapClient() error {
	if len(c.Middleware) == 0 || c.HTTPClient == nil {
		c.wrapped, c.wrappedFrom, c.wrappedN = nil, nil, 0
		return nil
	}
	if c.wrapped != nil && c.wrappedFrom == c.HTTPClient && c.wrappedN == len(c.Middleware) {
		// Middleware is only ever appended, so the same length over the
		// same client is the same chain.
		return nil
	}
	// client() has a non-nil transport that wraps HTTPClient's.
	safe := c.client()
	rt := safe.Transport
	for i := len(c.Middleware) - 1; i >= 0; i-- {
		next := c.Middleware[i](rt)
		if next == nil {
			return fmt.Errorf("option.WithMiddleware: middleware %d returned a nil http.RoundTripper", i+1)
		}
		rt = next
	}
	cp := *safe
	cp.Transport = rt
	c.wrapped, c.wrappedFrom, c.wrappedN = &cp, c.HTTPClient, len(c.Middleware)
	return nil
}
