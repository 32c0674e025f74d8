// Package transport is the one request path of the SDK: URL building, headers,
// retries, envelope decoding, error mapping, logging and paging live here and
// nowhere else. Every public package reaches Knit through a Scope.
package transport

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/go-cleanhttp"

	"github.com/knit-sdk/knit-go/apierror"
	"github.com/knit-sdk/knit-go/hook"
)

// Defaults applied by NewConfig.
const (
	DefaultMaxRetries       = 2
	DefaultRetryWaitMin     = 500 * time.Millisecond
	DefaultRetryWaitMax     = 30 * time.Second
	DefaultMaxResponseBytes = 64 << 20
	// MaxErrorBodyBytes caps how much of a non-2xx body is read.
	MaxErrorBodyBytes = 64 << 10
	// DefaultCallTimeout bounds a whole call, retries included, when the
	// caller's context has no earlier deadline (stripe-go uses 80 s too),
	// so that a server that never answers cannot hang a call made with
	// context.Background().
	DefaultCallTimeout = 80 * time.Second
)

// Config is the resolved configuration of a client or of one call. It is
// copied, never shared mutably: per-call options apply to a copy.
type Config struct {
	APIKey string
	// BaseURL is validated by ParseBaseURL and has no trailing slash.
	BaseURL        string
	HTTPClient     *http.Client
	MaxRetries     int
	RetryWaitMin   time.Duration
	RetryWaitMax   time.Duration
	RequestTimeout time.Duration
	// CallTimeout bounds the whole call, retries included; 0 leaves it to
	// the context alone.
	CallTimeout      time.Duration
	MaxResponseBytes int64
	Headers          http.Header
	Logger           *slog.Logger
	UserAgent        string
	RetryWrites      bool
	ResponseInto     *apierror.Response
	// CallHooks run around every call and Middleware around every HTTP
	// attempt (hooks.go); both are only ever appended to.
	CallHooks  []hook.CallHook
	Middleware []Middleware

	// safe is safeClient(safeFor), built once per client rather than per
	// call; a per-call WithHTTPClient gets its own.
	safe, safeFor *http.Client

	// wrapped is client() with Middleware around its transport, built by
	// wrapClient from wrappedFrom and the first wrappedN middleware.
	wrapped     *http.Client
	wrappedFrom *http.Client
	wrappedN    int
}

// Option changes a Config. Options are the only way configuration enters the
// SDK. option.RequestOption is an alias of Option, so the SDK's methods pass
// a caller's options straight through; the struct is opaque, so only
// NewOption (called by package option, and by tests) makes one that does
// something. The zero Option does nothing.
type Option struct {
	apply func(*Config) error
}

// NewOption returns the Option that applies f.
func NewOption(f func(*Config) error) Option { return Option{apply: f} }

// Join returns the Option that applies opts in order (a copy of the slice).
func Join(opts []Option) Option {
	opts = slices.Clone(opts)
	return NewOption(func(c *Config) error { return applyAll(c, opts) })
}

// applyAll applies opts to c in order; zero Options do nothing.
func applyAll(c *Config, opts []Option) error {
	for _, o := range opts {
		if o.apply == nil {
			continue
		}
		if err := o.apply(c); err != nil {
			return err
		}
	}
	return nil
}

// NewConfig returns the defaults for apiKey with opts applied.
func NewConfig(apiKey string, opts ...Option) (*Config, error) {
	apiKey, err := CleanAPIKey(apiKey)
	if err != nil {
		return nil, fmt.Errorf("knit: NewClient: %w", err)
	}
	cfg := &Config{
		APIKey:           apiKey,
		CallTimeout:      DefaultCallTimeout,
		BaseURL:          ProductionBaseURL,
		MaxRetries:       DefaultMaxRetries,
		RetryWaitMin:     DefaultRetryWaitMin,
		RetryWaitMax:     DefaultRetryWaitMax,
		MaxResponseBytes: DefaultMaxResponseBytes,
	}
	if err := cfg.apply(opts); err != nil {
		return nil, fmt.Errorf("knit: NewClient: %w", err)
	}
	if cfg.ResponseInto != nil {
		// Every call would write to the same destination, concurrently.
		return nil, errors.New("knit: NewClient: option.WithResponseInto is a per-call option; pass it to the call whose response you want")
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = defaultHTTPClient()
	}
	cfg.safe, cfg.safeFor = safeClient(cfg.HTTPClient), cfg.HTTPClient
	if err := cfg.wrapClient(); err != nil {
		return nil, fmt.Errorf("knit: NewClient: %w", err)
	}
	return cfg, nil
}

// Idle-connection pool of the default HTTP client. Every call goes to one
// host, so the per-host limit is what counts: cleanhttp's default
// (GOMAXPROCS+1) made 64 goroutines sharing a client open a new connection
// for most calls; 128 keeps one idle connection per concurrent caller up to
// that many.
const (
	DefaultMaxIdleConns        = 256
	DefaultMaxIdleConnsPerHost = 128
)

// defaultHTTPClient is the client used without option.WithHTTPClient: a
// private pooled transport (never http.DefaultClient or DefaultTransport)
// whose idle pool is sized for concurrent callers.
func defaultHTTPClient() *http.Client {
	tr := cleanhttp.DefaultPooledTransport()
	tr.MaxIdleConns = DefaultMaxIdleConns
	tr.MaxIdleConnsPerHost = DefaultMaxIdleConnsPerHost
	return &http.Client{Transport: tr}
}

// client returns the redirect-refusing, pool-isolating copy of HTTPClient
// (see safeClient).
func (c *Config) client() *http.Client {
	if c.safe != nil && c.safeFor == c.HTTPClient {
		return c.safe
	}
	return safeClient(c.HTTPClient)
}

// With returns a copy of c with opts applied; c is not modified.
func (c *Config) With(opts []Option) (*Config, error) {
	cp := *c
	if len(c.Headers) > 0 {
		cp.Headers = c.Headers.Clone()
	}
	if err := cp.apply(opts); err != nil {
		return nil, err
	}
	if err := cp.wrapClient(); err != nil {
		return nil, err
	}
	return &cp, nil
}

func (c *Config) apply(opts []Option) error {
	if err := applyAll(c, opts); err != nil {
		return err
	}
	if c.RetryWaitMin > c.RetryWaitMax {
		return fmt.Errorf("option.WithRetryWait: min %s is greater than max %s", c.RetryWaitMin, c.RetryWaitMax)
	}
	return nil
}

// ParseBaseURL checks that raw is an absolute https URL, or http on a
// loopback host (for tests and the knittest playground), and returns it
// without a trailing slash.
func ParseBaseURL(raw string) (string, error) {
	u, err := parseBaseURL(raw)
	if err != nil {
		return "", err
	}
	return strings.TrimRight(u.String(), "/"), nil
}

func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil {
		return nil, fmt.Errorf("base URL %q is not a valid URL: %w", raw, err)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("base URL %q has no host; want e.g. %s", raw, ProductionBaseURL)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("base URL %q must not have a query or fragment", raw)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !IsLoopback(u.Hostname()) {
			return nil, fmt.Errorf("base URL %q uses http; only https is allowed except for loopback hosts", raw)
		}
	default:
		return nil, fmt.Errorf("base URL %q has scheme %q; want https", raw, u.Scheme)
	}
	if u.User != nil {
		return nil, fmt.Errorf("base URL %q must not carry credentials", u.Redacted())
	}
	return u, nil
}

// IsLoopback reports whether host is localhost or a loopback IP address.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
