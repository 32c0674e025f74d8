package knittest

import (
	"net"
	"time"
)

// TB is the part of testing.TB the server needs: WithT registers Close with
// Cleanup and reports delivery problems through Logf.
type TB interface {
	Helper()
	Cleanup(func())
	Logf(format string, args ...any)
}

// Option configures a Server.
type Option func(*config)

type config struct {
	t             TB
	seed          int64
	apiKey        string
	clock         func() time.Time
	pageSize      int
	retryAttempts int
	retryWait     time.Duration
	control       bool         // WithControlAPI
	listener      net.Listener // Listen
}

func defaultConfig() config {
	return config{
		seed:          DefaultSeed,
		apiKey:        DefaultAPIKey,
		clock:         time.Now,
		pageSize:      DefaultPageSize,
		retryAttempts: 3,
		retryWait:     20 * time.Millisecond,
	}
}

// Defaults of a Server built without options.
const (
	// DefaultSeed generates the default playground dataset.
	DefaultSeed int64 = 1
	// DefaultAPIKey is the API key the server accepts unless WithAPIKey is given.
	DefaultAPIKey = "knit_playground_key"
	// DefaultPageSize is how many records a list method returns per page.
	DefaultPageSize = 50
)

// WithT ties the server to a test: Close runs in t.Cleanup, and every failed
// webhook delivery attempt (and every event given up on) is logged with
// t.Logf, so a redelivery your handler sees has its cause in the test log.
func WithT(t TB) Option {
	return func(c *config) { c.t = t }
}

// WithSeed sets the seed of the generated dataset. The same seed always
// yields byte-identical data; the default is DefaultSeed.
func WithSeed(seed int64) Option {
	return func(c *config) { c.seed = seed }
}

// WithAPIKey sets the API key the server accepts (and signs webhooks with).
// An empty key is ignored.
func WithAPIKey(key string) Option {
	return func(c *config) {
		if key != "" {
			c.apiKey = key
		}
	}
}

// WithClock sets the server's clock, used for Test-account expiry,
// deactivatedAt and the triggeredAt of webhook events. It is called from
// request goroutines, so it must be safe for concurrent use. The generated
// data does not depend on it. A nil clock is ignored.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.clock = now
		}
	}
}

// WithPageSize sets how many records list methods return per page (default
// 50). Values below 1 are ignored.
func WithPageSize(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.pageSize = n
		}
	}
}

// WithWebhookRetry sets how many times a webhook delivery is attempted
// (default 3) and the wait between attempts (default 20ms). Real Knit
// retries for 4 days; tests want this short. attempts below 1 and negative
// waits are ignored.
func WithWebhookRetry(attempts int, wait time.Duration) Option {
	return func(c *config) {
		if attempts >= 1 {
			c.retryAttempts = attempts
		}
		if wait >= 0 {
			c.retryWait = wait
		}
	}
}
