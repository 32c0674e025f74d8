package webhook

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/knit-sdk/knit-go/internal/transport"
)

// HandlerFunc processes one verified, deduplicated event. Return nil only
// once the event is safely handled (stored, enqueued): the handler then
// answers 200 and Knit never redelivers it. Return an error (or panic) and
// Knit redelivers it later.
type HandlerFunc func(ctx context.Context, ev *Event) error

// Status texts of NewHandler's responses (the body is informative only;
// Knit looks at the status).
const (
	bodyOK          = "ok\n"
	bodyDuplicate   = "ok (duplicate)\n"
	bodyInProgress  = "event is being processed; retry later\n"
	bodyBadMethod   = "only POST is accepted\n"
	bodyTooLarge    = "payload too large\n"
	bodyUnverified  = "invalid or missing X-Knit-Signature\n"
	bodyMalformed   = "malformed payload\n"
	bodyServerError = "event not processed; retry later\n"
)

// NewHandler returns the http.Handler to register as the webhook URL of a
// Knit category. For each request it:
//
//   - answers 405 (with Allow: POST) to anything but POST;
//   - reads at most WithMaxBodyBytes bytes (default 5 MiB), else 413;
//   - verifies X-Knit-Signature under keys (several during a key rotation),
//     else 401 without calling fn;
//   - parses the event (Parse), else 400;
//   - dedupes on eventId (default NewMemoryDeduper; see WithDeduper): an event
//     already processed is answered 200 without calling fn; a second
//     delivery that arrives while the first is still running is answered 409
//     so Knit redelivers it later, rather than running fn twice at once;
//   - calls fn with the request's context (bounded by WithCallbackTimeout,
//     and renewing the dedupe claim meanwhile when the Deduper is a
//     Renewer): an error or a panic (recovered) is 500 and the event is not
//     marked processed, so Knit's redelivery runs fn again; an error
//     wrapping ErrInProgress is 409; success is exactly 200 (Knit treats 201
//     or 204 as a failure), also when the deduper reports afterwards that
//     the claim was lost (ErrClaimLost, logged). A callback that ends with
//     runtime.Goexit releases its claim too;
//   - after a success, retries a Deduper.Finish that fails (the store is
//     unreachable) with backoff, renewing the claim meanwhile, for the
//     claim's lease or WithFinishRetry's bound if longer, before it
//     answers: a store outage shorter than that leaves the claim in place,
//     so the copies answered 409 meanwhile find the event processed and
//     the callback runs once. Every retry is logged and counted in
//     DeliveryEnd.FinishRetries; an outcome still unrecorded at the bound
//     is logged at Error level and reported as OutcomeProcessedNotRecorded.
//
// Memory grows with the bytes received, not with the Content-Length a
// client declares. Serve the handler from an http.Server with
// ReadHeaderTimeout and ReadTimeout set, so that slow or idle connections
// are cut off.
//
// NewHandler cannot return an error, so a handler built without a non-empty
// key, with a key holding whitespace inside (ErrInvalidKey) or with a nil fn
// answers every POST 500: Knit keeps retrying for 4 days, so fixing the
// configuration loses nothing, while answering 401 would blame the sender.
// So that this cannot go unnoticed, NewHandler logs the mistake at Error
// level when it is built, through WithLogger's logger or, without one,
// slog.Default(); prefer NewCheckedHandler, which returns it as an error.
// Surrounding whitespace of each key is trimmed.
//
// Pass Router.Handle as fn to dispatch by event type and data type.
func NewHandler(keys []string, fn HandlerFunc, opts ...HandlerOption) http.Handler {
	h := newHandler(keys, fn, opts)
	if h.misconfigured != nil {
		l := h.logger
		if l == nil {
			l = slog.Default()
		}
		l.LogAttrs(context.Background(), slog.LevelError,
			"knit webhook handler is misconfigured; every delivery will be answered 500",
			slog.String("error", h.misconfigured.Error()))
	}
	return h
}

// NewCheckedHandler is NewHandler that reports a misconfiguration as an
// error instead of building a handler that answers 500: ErrNoKeys when no
// non-empty key is given, ErrInvalidKey when a key holds whitespace or
// control characters inside, or an error for a nil fn.
//
//	h, err := webhook.NewCheckedHandler([]string{os.Getenv("KNIT_API_KEY")}, router.Handle)
//	if err != nil {
//		log.Fatal(err) // fails at startup, not at the first delivery
//	}
func NewCheckedHandler(keys []string, fn HandlerFunc, opts ...HandlerOption) (http.Handler, error) {
	h := newHandler(keys, fn, opts)
	if h.misconfigured != nil {
		return nil, h.misconfigured
	}
	return h, nil
}

func newHandler(keys []string, fn HandlerFunc, opts []HandlerOption) *handler {
	cfg := handlerConfig{verifierConfig: newVerifierConfig(nil)}
	for _, o := range opts {
		if o != nil {
			o.applyHandler(&cfg)
		}
	}
	if !cfg.deduperSet {
		cfg.deduper = newMemoryDeduper(0, DefaultDedupeTTL, DefaultLease, nil)
	}
	clean, keyErr := cleanKeys(keys)
	h := &handler{
		verifier:        &Verifier{keys: clean, keyErr: keyErr, cfg: cfg.verifierConfig},
		fn:              fn,
		deduper:         cfg.deduper,
		logger:          cfg.logger,
		callbackTimeout: cfg.callbackTimeout,
		finishRetry:     cfg.finishRetry,
		hooks:           cfg.hooks,
	}
	if fn != nil && len(h.hooks) > 0 {
		h.fn = timed(fn)
	}
	switch {
	case keyErr != nil:
		h.misconfigured = keyErr
	case fn == nil:
		h.misconfigured = errors.New("webhook: nil callback")
	}
	return h
}

type handler struct {
	verifier        *Verifier
	fn              HandlerFunc
	deduper         Deduper
	logger          *slog.Logger
	callbackTimeout time.Duration
	finishRetry     time.Duration
	hooks           []DeliveryHook
	misconfigured   error
}

// outcome is what one request came to, for the response and the log line.
type outcome struct {
	status int
	body   string
	what   string // short outcome name for the log
	err    error
	ev     *Event
	// finishRetries counts the Deduper.Finish calls after the first.
	finishRetries int
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var d *delivery
	if len(h.hooks) > 0 {
		r, d = h.startDelivery(r)
	}
	o := h.serve(r)
	if o.status == http.StatusMethodNotAllowed {
		w.Header().Set("Allow", http.MethodPost)
	}
	w.Header().Set(HeaderContentType, "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(o.status)
	_, _ = w.Write([]byte(o.body)) // the status is already sent; nothing to do on failure
	h.log(r, o)
	if d != nil {
		// Hooks (spans, metrics) get the error as the log does: scrubbed.
		o.err = h.scrubErr(o.err)
		d.end(o)
	}
}

func (h *handler) serve(r *http.Request) outcome {
	if r.Method != http.MethodPost {
		return outcome{status: http.StatusMethodNotAllowed, body: bodyBadMethod, what: "method not allowed"}
	}
	if h.misconfigured != nil {
		return outcome{status: http.StatusInternalServerError, body: bodyServerError, what: "misconfigured", err: h.misconfigured}
	}
	ev, err := h.verifier.ParseRequest(r)
	switch {
	case err == nil:
	case errors.Is(err, ErrPayloadTooLarge):
		return outcome{status: http.StatusRequestEntityTooLarge, body: bodyTooLarge, what: "payload too large", err: err}
	case errors.Is(err, ErrMissingSignature), errors.Is(err, ErrInvalidSignature):
		return outcome{status: http.StatusUnauthorized, body: bodyUnverified, what: "signature rejected", err: err}
	default: // ErrMalformedPayload or a failed body read
		return outcome{status: http.StatusBadRequest, body: bodyMalformed, what: "malformed payload", err: err}
	}
	return h.dispatch(r.Context(), ev)
}

func (h *handler) dispatch(ctx context.Context, ev *Event) outcome {
	var claim Claim
	if h.deduper != nil {
		var err error
		claim, err = h.deduper.Begin(ctx, ev.EventID)
		if err != nil {
			return outcome{status: http.StatusInternalServerError, body: bodyServerError, what: "deduper failed", err: err, ev: ev}
		}
		switch claim.Status {
		case Claimed:
		case Processed:
			return outcome{status: http.StatusOK, body: bodyDuplicate, what: "duplicate", ev: ev}
		case InProgress:
			return outcome{status: http.StatusConflict, body: bodyInProgress, what: "in progress elsewhere", ev: ev}
		default:
			return outcome{status: http.StatusInternalServerError, body: bodyServerError, what: "deduper failed",
				err: fmt.Errorf("webhook: deduper returned unknown status %d", int(claim.Status)), ev: ev}
		}
	}
	returned := false
	defer func() {
		if !returned {
			// fn ended with runtime.Goexit (t.FailNow, a library): no panic
			// to recover and no return, but the claim must still be
			// released, or every redelivery would get 409 until it expires.
			// (run stopped its renewal on the way out.)
			h.finish(ctx, ev, claim, false)
		}
	}()
	stopRenew, err := h.run(ctx, ev, claim)
	returned = true
	// The claim is renewed until Finish ends, retries included, so that a
	// store that blinks while the outcome is recorded keeps the claim.
	fin := h.finish(ctx, ev, claim, err == nil)
	stopRenew()
	switch {
	case err == nil && fin.lost:
		// The work is done: a 500 would only make Knit redeliver it to the
		// replica that took the claim over, which processes it anyway.
		return outcome{status: http.StatusOK, body: bodyOK, what: "processed (claim lost)", ev: ev, finishRetries: fin.retries}
	case err == nil && fin.err != nil:
		// Not recorded within the bound: answered 200 all the same, since a
		// 500 would only make Knit redeliver an event whose work is done.
		return outcome{status: http.StatusOK, body: bodyOK, what: "processed (not recorded)", err: fin.err, ev: ev, finishRetries: fin.retries}
	case err == nil:
		return outcome{status: http.StatusOK, body: bodyOK, what: "processed", ev: ev, finishRetries: fin.retries}
	case errors.Is(err, ErrInProgress):
		return outcome{status: http.StatusConflict, body: bodyInProgress, what: "in progress elsewhere", err: err, ev: ev}
	}
	what := "callback failed"
	var p *panicError
	if errors.As(err, &p) {
		what = "callback panicked"
	}
	return outcome{status: http.StatusInternalServerError, body: bodyServerError, what: what, err: err, ev: ev}
}

// run calls fn within the callback timeout (WithCallbackTimeout), renewing
// the claim meanwhile when the deduper is a Renewer. When fn returns, the
// renewal goes on until the caller calls stopRenew (after Finish); when fn
// ends with runtime.Goexit, run's defers stop it.
func (h *handler) run(ctx context.Context, ev *Event, claim Claim) (stopRenew func(), err error) {
	cctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	if h.callbackTimeout > 0 {
		var cancelTimeout context.CancelFunc
		cctx, cancelTimeout = context.WithTimeout(cctx, h.callbackTimeout)
		defer cancelTimeout()
	}
	stop := h.renew(cctx, cancel, ev.EventID, claim)
	returned := false
	defer func() {
		if !returned {
			stop()
		}
	}()
	err = h.call(cctx, ev)
	returned = true
	return stop, err
}

// minRenewEvery is the shortest period at which a claim is renewed.
const minRenewEvery = time.Millisecond

// renew keeps claim alive every third of its lease until stop is called.
// When the claim is lost, the callback's context is canceled with cause
// ErrClaimLost, so that a callback that watches it stops early.
func (h *handler) renew(ctx context.Context, cancel context.CancelCauseFunc, eventID string, claim Claim) (stop func()) {
	r, ok := h.deduper.(Renewer)
	if !ok || claim.Status != Claimed || claim.Lease <= 0 {
		return func() {}
	}
	// A lease of a few nanoseconds (a misconfigured Deduper) would make the
	// period 0, on which time.NewTicker panics in this goroutine, out of
	// reach of the callback's recover: renew at most every millisecond.
	every := max(claim.Lease/3, minRenewEvery)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			// Renew even when the request's context ended: the callback may
			// still be running and its claim must not be taken over meanwhile.
			rctx, rcancel := context.WithTimeout(context.WithoutCancel(ctx), every)
			err := r.Renew(rctx, eventID, claim.Token)
			rcancel()
			switch {
			case errors.Is(err, ErrClaimLost):
				cancel(ErrClaimLost)
				h.logError(ctx, slog.LevelWarn, "knit webhook dedupe claim lost while the callback ran", eventID, err)
				return
			case err != nil:
				h.logError(ctx, slog.LevelWarn, "knit webhook deduper failed to renew the claim", eventID, err)
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

// finishResult is what finish came to.
type finishResult struct {
	lost    bool  // the claim had been lost (ErrClaimLost)
	err     error // the store's last error when the outcome could not be recorded
	retries int   // Finish calls after the first
}

// finish records the callback's result in the deduper, even if the client
// went away meanwhile. After a success, a store error is retried with
// backoff for the finish bound (see WithFinishRetry), while the claim is
// renewed: an outage shorter than the bound leaves the event recorded once.
// A failure is recorded once: if that fails, the claim expires after its
// lease and Knit's redelivery processes the event.
func (h *handler) finish(ctx context.Context, ev *Event, claim Claim, success bool) finishResult {
	if h.deduper == nil || claim.Status != Claimed {
		return finishResult{}
	}
	ctx = context.WithoutCancel(ctx)
	var res finishResult
	var deadline time.Time
	delay := finishRetryFirst
	for {
		err := h.deduper.Finish(ctx, ev.EventID, claim.Token, success)
		switch {
		case err == nil:
			if res.retries > 0 {
				h.logRetries(ctx, slog.LevelWarn, "knit webhook deduper recorded the outcome after retrying", ev.EventID, res.retries, nil)
			}
			return res
		case errors.Is(err, ErrClaimLost) && res.retries > 0:
			// An earlier attempt may have been recorded with its reply lost,
			// or the lease passed during the outage.
			h.logRetries(ctx, slog.LevelWarn, "knit webhook dedupe claim was gone when Finish was retried: an earlier attempt "+
				"was recorded, or the lease passed and another delivery may process the event again", ev.EventID, res.retries, err)
			res.lost = true
			return res
		case errors.Is(err, ErrClaimLost):
			h.logError(ctx, slog.LevelWarn, "knit webhook dedupe claim was lost before the callback ended; "+
				"another delivery may process the event again", ev.EventID, err)
			res.lost = true
			return res
		case !success:
			h.logError(ctx, slog.LevelError, "knit webhook deduper failed to release the claim; "+
				"it expires after its lease", ev.EventID, err)
			res.err = err
			return res
		}
		if res.retries == 0 {
			deadline = time.Now().Add(h.finishBound(claim))
			h.logError(ctx, slog.LevelWarn, "knit webhook deduper failed to record the outcome; retrying", ev.EventID, err)
		}
		wait := time.Until(deadline)
		if wait <= 0 {
			// The outcome stays as fn decided: on success the work is done
			// and a 500 would only make Knit redeliver it.
			h.logRetries(ctx, slog.LevelError, "knit webhook deduper failed to record the outcome; giving up: "+
				"a redelivery may process the event again", ev.EventID, res.retries, err)
			res.err = err
			return res
		}
		time.Sleep(min(delay, wait)) // the last attempt is at the bound
		delay = min(2*delay, finishRetryMax)
		res.retries++
	}
}

// Backoff of finish's retries.
const (
	finishRetryFirst = 20 * time.Millisecond
	finishRetryMax   = time.Second
)

// finishBound is how long finish retries: WithFinishRetry's duration or
// the claim's lease, whichever is longer (DefaultLease when both are 0).
func (h *handler) finishBound(claim Claim) time.Duration {
	b := max(h.finishRetry, claim.Lease)
	if b <= 0 {
		b = DefaultLease
	}
	return b
}

func (h *handler) logRetries(ctx context.Context, level slog.Level, msg, eventID string, retries int, err error) {
	if h.logger == nil {
		return
	}
	attrs := []slog.Attr{slog.String("event_id", eventID), slog.Int("finish_retries", retries)}
	if err != nil {
		attrs = append(attrs, slog.String("error", h.scrub(err.Error())))
	}
	h.logger.LogAttrs(ctx, level, msg, attrs...)
}

func (h *handler) logError(ctx context.Context, level slog.Level, msg, eventID string, err error) {
	if h.logger == nil {
		return
	}
	h.logger.LogAttrs(ctx, level, msg, slog.String("event_id", eventID), slog.String("error", h.scrub(err.Error())))
}

// scrub removes the handler's keys (Knit's API keys) from text it logs: a
// callback's or a deduper's error may quote one.
func (h *handler) scrub(s string) string {
	for _, k := range h.verifier.keys {
		s = transport.ScrubString(s, k)
	}
	return s
}

// scrubErr is scrub for an error handed to delivery hooks: its text loses
// the keys, errors.Is and errors.As still see what it wraps.
func (h *handler) scrubErr(err error) error {
	for _, k := range h.verifier.keys {
		err = transport.ScrubError(err, k)
	}
	return err
}

// panicError is a recovered callback panic.
type panicError struct{ value any }

func (p *panicError) Error() string { return fmt.Sprintf("webhook: callback panicked: %v", p.value) }

// call runs fn, turning a panic into an error.
func (h *handler) call(ctx context.Context, ev *Event) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &panicError{value: v}
		}
	}()
	return h.fn(ctx, ev)
}

// log writes one line per request: IDs, type, status, outcome. Never keys,
// signatures, headers other than the IDs, or the body.
func (h *handler) log(r *http.Request, o outcome) {
	if h.logger == nil {
		return
	}
	level := slog.LevelInfo
	switch {
	case o.status >= http.StatusInternalServerError:
		level = slog.LevelError
	case o.status >= http.StatusBadRequest:
		level = slog.LevelWarn
	}
	ctx := r.Context()
	if !h.logger.Enabled(ctx, level) {
		return
	}
	attrs := make([]slog.Attr, 0, 8)
	attrs = append(attrs, slog.Int("status", o.status), slog.String("outcome", o.what))
	if o.ev != nil {
		attrs = append(attrs,
			slog.String("event_id", o.ev.EventID),
			slog.String("event_type", string(o.ev.EventType)),
			slog.String("sync_data_type", o.ev.SyncDataType),
			slog.String("integration_id", o.ev.IntegrationID))
	} else if id := r.Header.Get(HeaderIntegrationID); id != "" {
		// Unverified, but useful to find a misconfigured integration.
		attrs = append(attrs, slog.String("integration_id", id))
	}
	if o.finishRetries > 0 {
		attrs = append(attrs, slog.Int("finish_retries", o.finishRetries))
	}
	if o.err != nil {
		attrs = append(attrs, slog.String("error", h.scrub(o.err.Error())))
	}
	h.logger.LogAttrs(ctx, level, "knit webhook", attrs...)
}
