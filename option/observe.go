package option

import (
	"errors"
	"net/http"

	"github.com/knit-sdk/knit-go/hook"
	"github.com/knit-sdk/knit-go/internal/transport"
)

// Middleware wraps the http.RoundTripper that sends each HTTP attempt of a
// call: it runs once per attempt, retries included, around the SDK's own
// pooled transport (or the client given to WithHTTPClient). Inside it,
// hook.AttemptFromContext(req.Context()) says which Knit call and which
// attempt the request is.
//
// A middleware must not read or replace the request body, and must return
// the response (or error) of next for the SDK's retry policy to see it. It
// sees the Authorization header: never log it.
type Middleware func(next http.RoundTripper) http.RoundTripper

// RoundTripperFunc turns a function into an http.RoundTripper, for writing
// Middleware.
type RoundTripperFunc func(*http.Request) (*http.Response, error)

// RoundTrip calls f(r).
func (f RoundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// WithMiddleware adds middleware around every HTTP attempt. Given several
// times (or with several arguments), the first is outermost: it sees the
// request first and the response last. Given to NewClient, the chain is
// built once; given to one call, it applies to that call on top of the
// client's middleware.
//
// Instrumenting a client this way keeps the SDK's pooled transport, retries
// and per-attempt timeout, unlike replacing the client with WithHTTPClient.
func WithMiddleware(mw ...Middleware) RequestOption {
	return transport.NewOption(func(c *transport.Config) error {
		if len(mw) == 0 {
			return errors.New("option.WithMiddleware: no middleware given")
		}
		// Copy on append: c.Middleware may be shared with the client's
		// configuration.
		all := make([]transport.Middleware, len(c.Middleware), len(c.Middleware)+len(mw))
		copy(all, c.Middleware)
		for _, m := range mw {
			if m == nil {
				return errors.New("option.WithMiddleware: middleware is nil")
			}
			all = append(all, m)
		}
		c.Middleware = all
		return nil
	})
}

// WithCallHook adds a hook that runs around every call: h runs when the
// call starts and may return a context for the call's attempts (for
// example one carrying a trace span) and a function that receives the
// call's outcome (method, attempts, status, execution ID, error, time spent
// waiting to retry). See package hook.
//
// Given several times, hooks start in the order given and end in reverse.
// Given to one call, the hook applies to that call on top of the client's.
// Hooks run on the calling goroutine; a slow hook slows the call.
func WithCallHook(h hook.CallHook) RequestOption {
	return transport.NewOption(func(c *transport.Config) error {
		if h == nil {
			return errors.New("option.WithCallHook: hook is nil")
		}
		all := make([]hook.CallHook, len(c.CallHooks), len(c.CallHooks)+1)
		copy(all, c.CallHooks)
		c.CallHooks = append(all, h)
		return nil
	})
}

// WithOptions bundles opts into one option, applied in order. Integrations
// such as the knitotel module use it to hand out a single option that
// installs a call hook and a middleware together.
func WithOptions(opts ...RequestOption) RequestOption {
	return transport.Join(opts)
}
