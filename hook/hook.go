// Package hook describes the observation points of knit-go calls: a call
// hook ([CallHook]) that runs around every SDK call (all its attempts), and
// the attempt information ([Attempt]) that per-attempt HTTP middleware can
// read from a request's context.
//
// Install them with option.WithCallHook and option.WithMiddleware; the
// knitotel module (github.com/knit-sdk/knit-go/knitotel) builds
// OpenTelemetry spans and metrics on them. With none installed, a call
// does no extra work.
//
// A call hook sees the call once, with its outcome:
//
//	logCalls := func(ctx context.Context, c hook.Call) (context.Context, func(hook.CallEnd)) {
//		return ctx, func(e hook.CallEnd) {
//			log.Printf("%s: %d attempts, status %d, execution %s, err %v",
//				e.Method, e.Attempts, e.StatusCode, e.ExecutionID, e.Err)
//		}
//	}
//	client, err := knit.NewClient(apiKey, option.WithCallHook(logCalls))
//
// Middleware sees every HTTP attempt, and learns which call and which
// attempt it is from the request's context:
//
//	countAttempts := func(next http.RoundTripper) http.RoundTripper {
//		return option.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
//			if a, ok := hook.AttemptFromContext(r.Context()); ok && a.Number > 1 {
//				log.Printf("%s: resend %d", a.Method, a.Number-1)
//			}
//			return next.RoundTrip(r)
//		})
//	}
//	client, err := knit.NewClient(apiKey, option.WithMiddleware(countAttempts))
package hook

import (
	"context"
	"time"

	"github.com/knit-sdk/knit-go/internal/hookctx"
)

// Call identifies one SDK call: one Knit method sent, with its retries, for
// one integration.
type Call struct {
	// Method is the Knit method name, e.g. "ats.job.list".
	Method string
	// HTTPMethod is the HTTP verb, GET or POST.
	HTTPMethod string
	// IntegrationID is the integration the call is made for; "" for
	// account-level calls (auth sessions, magic links, integrations).
	IntegrationID string
}

// CallEnd is what a call came to. It is passed to the end function returned
// by a CallHook once the call returns.
type CallEnd struct {
	Call
	// Attempts is how many HTTP attempts were made (1 when none was
	// retried; 0 when the context was done before the first one).
	Attempts int
	// StatusCode is the HTTP status of the last attempt (0 when no response
	// arrived).
	StatusCode int
	// ExecutionID is the X-Knit-Execution-Id of the last response, when Knit
	// sent one.
	ExecutionID string
	// Err is the error the call returns (an *apierror.Error), nil on success.
	Err error
	// RetryWait is the time spent waiting between attempts.
	RetryWait time.Duration
	// Duration is the time from the call's start to its end, waits included.
	Duration time.Duration
}

// CallHook runs when a call starts, after its input was validated and before
// its first attempt (calls refused before sending, with an
// apierror.ParamError or ErrIntegrationRequired, run no hook).
//
// The context it returns is the one the call's attempts, middleware and log
// lines see, so a hook can start a trace span and put it there; returning
// ctx unchanged is fine. The function it returns (nil if not wanted) runs
// once when the call ends, on the caller's goroutine.
type CallHook func(ctx context.Context, call Call) (context.Context, func(CallEnd))

// Attempt identifies one HTTP attempt of a call.
type Attempt struct {
	Call
	// Number counts the call's attempts from 1; Number-1 is the number of
	// resends before this one.
	Number int
}

// AttemptFromContext returns the attempt that an outgoing request's context
// belongs to. Call it from middleware installed with option.WithMiddleware,
// inside RoundTrip: the value describes the attempt in flight. It reports
// false for contexts that are not an SDK request's, and does not allocate.
func AttemptFromContext(ctx context.Context) (Attempt, bool) {
	if ctx == nil {
		return Attempt{}, false
	}
	a, ok := ctx.Value(hookctx.AttemptKey{}).(*Attempt)
	if !ok || a == nil {
		return Attempt{}, false
	}
	return *a, true
}
