package webhook

import (
	"log/slog"
	"time"
)

// DefaultMaxBodyBytes is the body size limit of ParseRequest and NewHandler
// unless WithMaxBodyBytes says otherwise.
const DefaultMaxBodyBytes int64 = 5 << 20

// verifierConfig is what a Verifier (and a handler's verifier) is built from.
type verifierConfig struct {
	compactFallback bool
	maxBodyBytes    int64
}

func newVerifierConfig(opts []Option) verifierConfig {
	c := verifierConfig{maxBodyBytes: DefaultMaxBodyBytes}
	for _, o := range opts {
		if o != nil {
			o.apply(&c)
		}
	}
	return c
}

// handlerConfig is what NewHandler is built from.
type handlerConfig struct {
	verifierConfig
	logger          *slog.Logger
	deduper         Deduper
	deduperSet      bool
	callbackTimeout time.Duration
	finishRetry     time.Duration
	hooks           []DeliveryHook
}

// HandlerOption configures NewHandler. Every Option is also a HandlerOption.
type HandlerOption interface {
	applyHandler(c *handlerConfig)
}

// Option configures verification and body reading; it is accepted by
// NewVerifier and NewHandler.
type Option interface {
	HandlerOption
	apply(c *verifierConfig)
}

type verifierOption func(*verifierConfig)

func (f verifierOption) apply(c *verifierConfig)       { f(c) }
func (f verifierOption) applyHandler(c *handlerConfig) { f(&c.verifierConfig) }

type handlerOption func(*handlerConfig)

func (f handlerOption) applyHandler(c *handlerConfig) { f(c) }

// WithCompactJSONFallback also accepts a signature computed over the compact
// form of the body (all whitespace outside JSON strings removed, key order
// kept), when the raw bytes do not match.
//
// Knit's own Node sample signs JSON.stringify(request.body), i.e. the parsed
// and re-serialised body. Knit's documented scheme and every independent
// implementation sign the raw bytes, so this is off by default; turn it on
// only if genuine deliveries fail with ErrInvalidSignature because the sender
// signed a compact form. It is safe: the compact form is derived from the
// bytes actually received and still has to match an HMAC keyed with your API
// key, so nobody without the key can produce an accepted signature, and the
// event you parse is exactly the bytes that were verified (modulo
// whitespace). It covers whitespace only: JSON.stringify also normalises
// number spellings (1.0 → 1) and string escapes (\u00e9 → é), which no
// byte-level check can reproduce. It costs one more HMAC per key on a
// mismatch and never copies the payload.
func WithCompactJSONFallback() Option {
	return verifierOption(func(c *verifierConfig) { c.compactFallback = true })
}

// WithMaxBodyBytes limits how many body bytes are read (default
// DefaultMaxBodyBytes, 5 MiB). A longer body is ErrPayloadTooLarge, answered
// 413 by NewHandler. n <= 0 restores the default.
func WithMaxBodyBytes(n int64) Option {
	return verifierOption(func(c *verifierConfig) {
		if n <= 0 {
			n = DefaultMaxBodyBytes
		}
		c.maxBodyBytes = n
	})
}

// WithLogger makes NewHandler log one line per request: event ID, event
// type, integration ID, HTTP status and outcome (plus the callback's error).
// Keys, signatures and record contents are never logged. Without it the
// handler logs nothing.
func WithLogger(l *slog.Logger) HandlerOption {
	return handlerOption(func(c *handlerConfig) { c.logger = l })
}

// WithDeduper replaces the handler's default in-memory deduper (see
// NewMemoryDeduper), for example with one backed by a shared store when
// several replicas receive Knit's deliveries. WithDeduper(nil) turns
// deduplication off: every delivery then reaches the callback.
func WithDeduper(d Deduper) HandlerOption {
	return handlerOption(func(c *handlerConfig) {
		c.deduper = d
		c.deduperSet = true
	})
}

// WithCallbackTimeout bounds how long NewHandler's callback may run: its
// context is canceled after d (d <= 0: no bound, the default). A callback
// that returns an error then is answered 500 and redelivered by Knit.
// Bounding the callback also sizes the dedupe lease: a Deduper whose lease
// is longer than d cannot lose a claim to a slow callback even without
// renewal (NewHandler renews the claim anyway when the Deduper is a
// Renewer).
func WithCallbackTimeout(d time.Duration) HandlerOption {
	return handlerOption(func(c *handlerConfig) {
		if d < 0 {
			d = 0
		}
		c.callbackTimeout = d
	})
}

// WithFinishRetry sets how long NewHandler retries recording a successful
// callback (Deduper.Finish) while the store fails, renewing the claim
// meanwhile. The bound is d or the claim's lease, whichever is longer: by
// default the lease (DefaultLease, 30 seconds), since a claim that outlives
// the outage is all a redelivery needs to be answered as a duplicate. The
// response waits for the retries; keep the bound below the time your load
// balancer lets a request run. d <= 0 restores the default.
func WithFinishRetry(d time.Duration) HandlerOption {
	return handlerOption(func(c *handlerConfig) {
		if d < 0 {
			d = 0
		}
		c.finishRetry = d
	})
}
