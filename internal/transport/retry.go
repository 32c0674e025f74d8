package transport

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/knit-sdk/knit-go/apierror"
)

// now is the clock used for Retry-After dates.
var now = time.Now

// call is the state of one Do: retry bookkeeping and response decoding,
// allocated together. One exists per call, so the hooks need no locking.
type call struct {
	retry retryState
	dec   responseDecoder
	obs   *observation // nil unless hooks or middleware are installed
}

// retryState is the retry bookkeeping of one call: it counts attempts,
// decides what may be retried, computes waits and logs.
type retryState struct {
	cfg        *Config
	ctx        context.Context // the call's, for log lines
	method     string
	integ      string
	idempotent bool

	n          int // attempts started
	logged     int // attempts logged
	start      time.Time
	lastStatus int
	lastHeader http.Header // the last response's
	lastErr    error
	waitStart  time.Time     // when the current wait between attempts began
	waited     time.Duration // time spent in finished waits
}

// retryClient returns the retryablehttp client of one call, wired to the
// call's retry policy and response decoder.
func (c *call) retryClient() *retryablehttp.Client {
	a := &c.retry
	hc := a.cfg.httpClient()
	if a.cfg.RequestTimeout > 0 {
		// http.Client.Timeout bounds each Do, and retryablehttp calls Do
		// once per attempt: a per-attempt timeout. The copy leaves the
		// shared client untouched.
		cp := *hc
		cp.Timeout = a.cfg.RequestTimeout
		hc = &cp
	}
	return &retryablehttp.Client{
		HTTPClient:     hc,
		RetryMax:       max(a.cfg.MaxRetries, 0),
		RetryWaitMin:   a.cfg.RetryWaitMin,
		RetryWaitMax:   a.cfg.RetryWaitMax,
		CheckRetry:     a.checkRetry,
		Backoff:        a.backoff,
		ErrorHandler:   retryablehttp.PassthroughErrorHandler,
		RequestLogHook: c.beforeAttempt,
		// Logger stays nil: retryablehttp's own logging is off.
	}
}

func (a *retryState) newError() *apierror.Error {
	return &apierror.Error{Method: a.method, IntegrationID: a.integ, Attempts: a.n}
}

// beforeAttempt runs before every HTTP attempt.
func (c *call) beforeAttempt(_ retryablehttp.Logger, _ *http.Request, _ int) {
	c.retry.n++
	c.retry.start = time.Now()
	c.dec.handled, c.dec.result, c.dec.bodyErr = false, nil, nil
	c.attemptStarted(c.retry.start)
}

// checkRetry is the retry policy the README documents: idempotent calls retry on
// connection errors, 408, 429, 500, 502, 503 and 504; writes retry only on
// 429 and on errors that provably happened before the request was sent,
// unless the caller opted in with option.WithRetryWrites.
//
// retryablehttp calls it once per attempt, and a second time when the
// response handler reports a body that broke off mid-read.
func (a *retryState) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	a.lastErr, a.lastStatus, a.lastHeader = err, 0, nil
	if resp != nil {
		a.lastStatus, a.lastHeader = resp.StatusCode, resp.Header
	}
	if a.logged < a.n || err != nil {
		a.logged = a.n
		a.logAttempt(resp, err)
	}
	if cerr := ctx.Err(); cerr != nil {
		return false, cerr
	}
	retryAll := a.idempotent || a.cfg.RetryWrites
	if err != nil {
		if retryAll {
			// Reuse retryablehttp's list of errors that never heal
			// (bad scheme, too many redirects, untrusted certificates).
			ok, _ := retryablehttp.DefaultRetryPolicy(context.Background(), nil, err)
			return ok, nil
		}
		return notSent(err), nil
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		return true, nil
	case http.StatusRequestTimeout, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return retryAll, nil
	}
	return false, nil
}

// notSent reports errors that happen before a single byte of the request
// left this process: dialling failed or the name did not resolve.
func notSent(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

// backoff honours Retry-After (seconds or HTTP date) capped at max, and
// otherwise waits exponentially with jitter.
func (a *retryState) backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	wait, fromHeader := time.Duration(0), false
	if resp != nil {
		wait, fromHeader = parseRetryAfter(resp.Header.Get(HeaderRetryAfter), now())
	}
	if fromHeader {
		wait = min(wait, maxWait)
	} else {
		wait = expBackoff(minWait, maxWait, attempt)
	}
	a.waitStart = time.Now()
	if l := a.cfg.Logger; l != nil {
		attrs := []slog.Attr{
			slog.String("method", a.method),
			slog.Int("attempt", a.n),
			slog.Duration("wait", wait),
		}
		if a.integ != "" {
			attrs = append(attrs, slog.String("integration_id", a.integ))
		}
		if a.lastStatus != 0 {
			attrs = append(attrs, slog.Int("status", a.lastStatus))
		}
		if a.lastErr != nil {
			attrs = append(attrs, slog.String("error", scrubString(transportErrorText(a.lastErr), a.cfg.APIKey)))
		}
		l.LogAttrs(a.ctx, slog.LevelWarn, "knit: retrying", attrs...)
	}
	return wait
}

// expBackoff returns min·2^attempt capped at max, with "equal jitter": half
// fixed, half random, so retries from many clients spread out.
func expBackoff(minWait, maxWait time.Duration, attempt int) time.Duration {
	d := minWait
	for i := 0; i < attempt && d < maxWait; i++ {
		d *= 2
	}
	d = min(d, maxWait)
	if d <= 1 {
		return d
	}
	half := d / 2
	return half + rand.N(d-half+1) //nolint:gosec // jitter needs no cryptographic randomness
}

func (a *retryState) logAttempt(resp *http.Response, err error) {
	l := a.cfg.Logger
	if l == nil || !l.Enabled(a.ctx, slog.LevelDebug) {
		return
	}
	attrs := make([]slog.Attr, 0, 7)
	attrs = append(attrs,
		slog.String("method", a.method),
		slog.Int("attempt", a.n),
		slog.Duration("duration", time.Since(a.start)),
	)
	if a.integ != "" {
		attrs = append(attrs, slog.String("integration_id", a.integ))
	}
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
		if id := executionID(resp.Header, a.cfg.APIKey); id != "" {
			attrs = append(attrs, slog.String("execution_id", id))
		}
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", scrubString(transportErrorText(err), a.cfg.APIKey)))
	}
	l.LogAttrs(a.ctx, slog.LevelDebug, "knit: attempt", attrs...)
}
