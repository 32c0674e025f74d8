package webhook

import (
	"context"
	"net/http"
	"strings"
	"time"
)

// Outcome is what one delivery to NewHandler's handler came to, as
// reported in DeliveryEnd. Its values are few and stable, fit for a metric
// attribute.
type Outcome string

// Outcomes of a delivery.
const (
	// OutcomeProcessed: the callback succeeded; answered 200.
	OutcomeProcessed Outcome = "processed"
	// OutcomeProcessedClaimLost: the callback succeeded, but the Deduper
	// claim was lost meanwhile (its lease ran out; see Claim.Lease), so
	// another replica may process the event too; answered 200.
	OutcomeProcessedClaimLost Outcome = "processed_claim_lost"
	// OutcomeProcessedNotRecorded: the callback succeeded, but the Deduper
	// could not record it (Finish failed) for the whole retry bound (see
	// WithFinishRetry); answered 200. A redelivery may process the event
	// again once the claim's lease passes.
	OutcomeProcessedNotRecorded Outcome = "processed_not_recorded"
	// OutcomeDuplicate: the event was already processed; answered 200
	// without calling the callback.
	OutcomeDuplicate Outcome = "duplicate"
	// OutcomeInProgress: another delivery of the event is being processed;
	// answered 409 so that Knit redelivers it later.
	OutcomeInProgress Outcome = "in_progress"
	// OutcomeSignatureRejected: X-Knit-Signature is missing or matches no
	// key; answered 401.
	OutcomeSignatureRejected Outcome = "signature_rejected"
	// OutcomeMalformed: the verified body is not a Knit event; answered 400.
	OutcomeMalformed Outcome = "malformed"
	// OutcomePayloadTooLarge: the body exceeds WithMaxBodyBytes; answered 413.
	OutcomePayloadTooLarge Outcome = "payload_too_large"
	// OutcomeMethodNotAllowed: not a POST; answered 405.
	OutcomeMethodNotAllowed Outcome = "method_not_allowed"
	// OutcomeCallbackFailed: the callback returned an error; answered 500.
	OutcomeCallbackFailed Outcome = "callback_failed"
	// OutcomeCallbackPanicked: the callback panicked (recovered); answered 500.
	OutcomeCallbackPanicked Outcome = "callback_panicked"
	// OutcomeDeduperFailed: the Deduper returned an error; answered 500.
	OutcomeDeduperFailed Outcome = "deduper_failed"
	// OutcomeMisconfigured: the handler has no key or no callback; answered 500.
	OutcomeMisconfigured Outcome = "misconfigured"
)

// outcomeOf maps the handler's short outcome text to an Outcome; a text
// without a constant still yields a stable snake_case value.
func outcomeOf(what string) Outcome {
	switch what {
	case "processed":
		return OutcomeProcessed
	case "processed (claim lost)":
		return OutcomeProcessedClaimLost
	case "processed (not recorded)":
		return OutcomeProcessedNotRecorded
	case "duplicate":
		return OutcomeDuplicate
	case "in progress elsewhere":
		return OutcomeInProgress
	case "signature rejected":
		return OutcomeSignatureRejected
	case "malformed payload":
		return OutcomeMalformed
	case "payload too large":
		return OutcomePayloadTooLarge
	case "method not allowed":
		return OutcomeMethodNotAllowed
	case "callback failed":
		return OutcomeCallbackFailed
	case "callback panicked":
		return OutcomeCallbackPanicked
	case "deduper failed":
		return OutcomeDeduperFailed
	case "misconfigured":
		return OutcomeMisconfigured
	}
	return Outcome(strings.ReplaceAll(what, " ", "_"))
}

// DeliveryEnd is what one delivery came to. It is passed to the end
// function returned by a DeliveryHook once the response is written.
type DeliveryEnd struct {
	// Event is the verified event; nil when the request was rejected before
	// it was verified and parsed.
	Event *Event
	// Outcome says what the handler did.
	Outcome Outcome
	// StatusCode is the HTTP status the handler answered.
	StatusCode int
	// Err is the reason of a failure (signature, payload, callback,
	// deduper); nil for processed, duplicate and in-progress deliveries,
	// except the store's error for OutcomeProcessedNotRecorded.
	Err error
	// Duration is the time from the start of the delivery to the written
	// response.
	Duration time.Duration
	// CallbackDuration is the time the callback ran (0 when it did not).
	CallbackDuration time.Duration
	// FinishRetries is how many times Deduper.Finish was called again after
	// the store failed to record the callback's success (0 when the first
	// call answered); see WithFinishRetry.
	FinishRetries int
}

// DeliveryHook runs when a request reaches NewHandler's handler, before
// anything else. The context it returns becomes the request's context: the
// Deduper and the callback run under it, so a hook can start a trace span
// that parents the callback's work. The function it returns (nil if not
// wanted) runs once the response is written. Hooks run on the request's
// goroutine.
type DeliveryHook func(ctx context.Context, r *http.Request) (context.Context, func(DeliveryEnd))

// WithDeliveryHook adds a hook around every delivery to NewHandler's
// handler; see DeliveryHook. Given several times, hooks start in the order
// given and end in reverse. A nil hook is ignored.
func WithDeliveryHook(h DeliveryHook) HandlerOption {
	return handlerOption(func(c *handlerConfig) {
		if h != nil {
			c.hooks = append(c.hooks, h)
		}
	})
}

// delivery is the hook bookkeeping of one request.
type delivery struct {
	start    time.Time
	ends     []func(DeliveryEnd)
	callback time.Duration
}

type deliveryKey struct{}

// startDelivery runs the hooks' start functions and returns the request to
// serve, carrying their context.
func (h *handler) startDelivery(r *http.Request) (*http.Request, *delivery) {
	d := &delivery{start: time.Now(), ends: make([]func(DeliveryEnd), 0, len(h.hooks))}
	ctx := r.Context()
	for _, hk := range h.hooks {
		next, end := hk(ctx, r)
		if next != nil {
			ctx = next
		}
		d.ends = append(d.ends, end)
	}
	return r.WithContext(context.WithValue(ctx, deliveryKey{}, d)), d
}

// end runs the hooks' end functions, last hook first.
func (d *delivery) end(o outcome) {
	e := DeliveryEnd{
		Event:            o.ev,
		Outcome:          outcomeOf(o.what),
		StatusCode:       o.status,
		Err:              o.err,
		Duration:         time.Since(d.start),
		CallbackDuration: d.callback,
		FinishRetries:    o.finishRetries,
	}
	for i := len(d.ends) - 1; i >= 0; i-- {
		if d.ends[i] != nil {
			d.ends[i](e)
		}
	}
}

// timed wraps the callback so that a delivery with hooks learns how long
// the callback ran, panics included.
func timed(fn HandlerFunc) HandlerFunc {
	return func(ctx context.Context, ev *Event) error {
		d, _ := ctx.Value(deliveryKey{}).(*delivery)
		if d == nil {
			return fn(ctx, ev)
		}
		start := time.Now()
		defer func() { d.callback += time.Since(start) }()
		return fn(ctx, ev)
	}
}
