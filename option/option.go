// Package option holds the options accepted by knit.NewClient and, per call,
// by every method of the SDK (as trailing [RequestOption] values), such as
// [WithMaxRetries], [WithLogger] and [WithCallHook].
//
// An option given to NewClient applies to every call; the same option given to
// one method call overrides it for that call only:
//
//	client, err := knit.NewClient(apiKey, option.WithMaxRetries(4))
//	...
//	// This one call may take 10s per attempt and logs at debug level.
//	bal, err := in.HRIS.Leave.Balances(ctx, "emp_1", nil,
//		option.WithRequestTimeout(10*time.Second),
//		option.WithLogger(debugLogger))
package option

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/knit-sdk/knit-go/apierror"
	"github.com/knit-sdk/knit-go/internal/transport"
)

// RequestOption configures a client or a single call. Make one with this
// package's With functions, or with a helper built on them such as the
// knitotel module's ClientOption; the zero RequestOption does nothing.
//
// Given to knit.NewClient, an option applies to every call of that client.
// Given to one method call, it applies to that call only, on top of the
// client's options: a setting such as WithMaxRetries or WithLogger
// replaces the client's for that call, while WithHeader, WithMiddleware and
// WithCallHook add to the client's. Options apply in order, so of two that
// set the same thing the later wins. WithResponseInto is per call only;
// NewClient refuses it.
//
// RequestOption is an alias of an internal opaque struct, as openai-go's
// option.RequestOption is: the SDK's methods hand a caller's options to
// the transport as they are, and only this package's functions can build
// one that does something.
type RequestOption = transport.Option

// WithBaseURL sets the API root, e.g. knit.SandboxBaseURL or a knittest
// server's URL. It must be https, or http on a loopback host.
func WithBaseURL(baseURL string) RequestOption {
	return transport.NewOption(func(c *transport.Config) error {
		u, err := transport.ParseBaseURL(baseURL)
		if err != nil {
			return fmt.Errorf("option.WithBaseURL: %w", err)
		}
		c.BaseURL = u
		return nil
	})
}

// WithHTTPClient sets the *http.Client used for requests. The SDK never
// modifies it; by default the SDK uses a private pooled client, never
// http.DefaultClient, that keeps up to 128 idle connections to Knit so that
// concurrent callers reuse connections instead of opening new ones.
func WithHTTPClient(hc *http.Client) RequestOption {
	return transport.NewOption(func(c *transport.Config) error {
		if hc == nil {
			return errors.New("option.WithHTTPClient: client is nil")
		}
		c.HTTPClient = hc
		return nil
	})
}

// WithMaxRetries sets how many times a failed call is retried (default 2;
// 0 disables retries). Which failures are retried is described in the knit
// package documentation.
func WithMaxRetries(n int) RequestOption {
	return transport.NewOption(func(c *transport.Config) error {
		if n < 0 {
			return fmt.Errorf("option.WithMaxRetries: %d is negative", n)
		}
		c.MaxRetries = n
		return nil
	})
}

// WithRetryWait sets the shortest and longest wait between attempts
// (default 500ms and 30s). A server's Retry-After is honoured up to maxWait.
func WithRetryWait(minWait, maxWait time.Duration) RequestOption {
	return transport.NewOption(func(c *transport.Config) error {
		if minWait < 0 || maxWait < 0 {
			return fmt.Errorf("option.WithRetryWait: waits must not be negative (got %s, %s)", minWait, maxWait)
		}
		if minWait > maxWait {
			return fmt.Errorf("option.WithRetryWait: min %s is greater than max %s", minWait, maxWait)
		}
		c.RetryWaitMin, c.RetryWaitMax = minWait, maxWait
		return nil
	})
}

// WithRequestTimeout bounds each attempt (not the whole call: the context
// and WithCallTimeout bound that, retries included). Zero means no
// per-attempt limit.
func WithRequestTimeout(d time.Duration) RequestOption {
	return transport.NewOption(func(c *transport.Config) error {
		if d < 0 {
			return fmt.Errorf("option.WithRequestTimeout: %s is negative", d)
		}
		c.RequestTimeout = d
		return nil
	})
}

// WithCallTimeout bounds each whole call, retries and waits included
// (default 80 s, knit.DefaultCallTimeout), so that a call made with
// context.Background() cannot hang on a server that never answers. A
// context deadline that comes earlier still wins. Zero removes the limit
// and leaves it to the context alone; give a longer value per call for a
// call you know is slow. The call fails with an error matching
// context.DeadlineExceeded when the limit is reached.
func WithCallTimeout(d time.Duration) RequestOption {
	return transport.NewOption(func(c *transport.Config) error {
		if d < 0 {
			return fmt.Errorf("option.WithCallTimeout: %s is negative", d)
		}
		c.CallTimeout = d
		return nil
	})
}

// WithMaxResponseBytes caps the size of a successful response body (default
// 64 MiB); a larger body fails with knit.ErrMalformedResponse.
func WithMaxResponseBytes(n int64) RequestOption {
	return transport.NewOption(func(c *transport.Config) error {
		if n <= 0 {
			return fmt.Errorf("option.WithMaxResponseBytes: %d is not positive", n)
		}
		c.MaxResponseBytes = n
		return nil
	})
}

// WithHeader adds a header to requests. The SDK's own headers
// (Authorization, X-Knit-Integration-Id, Content-Type, Accept, User-Agent)
// cannot be overridden this way.
func WithHeader(key, value string) RequestOption {
	return transport.NewOption(func(c *transport.Config) error {
		k := http.CanonicalHeaderKey(strings.TrimSpace(key))
		switch k {
		case "":
			return errors.New("option.WithHeader: key is empty")
		case transport.HeaderAuthorization, transport.HeaderIntegrationID, transport.HeaderContentType,
			transport.HeaderAccept, transport.HeaderUserAgent:
			return fmt.Errorf("option.WithHeader: %s is set by the SDK; use the dedicated option or method", k)
		}
		if c.Headers == nil {
			c.Headers = make(http.Header)
		}
		c.Headers.Add(k, value)
		return nil
	})
}

// WithLogger turns on logging to l (nil turns it off). The SDK logs each
// attempt at Debug and each retry at Warn, with the Knit method, integration
// ID, status, attempt, duration, execution ID and, after a transport
// failure, its error: the text of an error made on this machine (a dial or
// read failure, a timeout) without the request URL, otherwise "transport
// failure", since net/http's text can quote the server's bytes. It never
// logs the API key, the Authorization header, the request URL, query
// values or any body.
func WithLogger(l *slog.Logger) RequestOption {
	return transport.NewOption(func(c *transport.Config) error {
		c.Logger = l
		return nil
	})
}

// WithUserAgent puts product (e.g. "acme-backend/1.4") in front of the SDK's
// own User-Agent, "knit-go/<version> go/<go version>".
func WithUserAgent(product string) RequestOption {
	return transport.NewOption(func(c *transport.Config) error {
		if strings.ContainsAny(product, "\r\n") {
			return errors.New("option.WithUserAgent: product contains a line break")
		}
		c.UserAgent = strings.TrimSpace(product)
		return nil
	})
}

// WithRetryWrites lets POST calls retry on the same failures as GET calls
// (5xx, 408, connection errors). Without it a POST is retried only when Knit
// provably did not process it (429, or the connection was never made), so a
// create is never sent twice. Give it per call, for writes you know are
// idempotent.
func WithRetryWrites() RequestOption {
	return transport.NewOption(func(c *transport.Config) error {
		c.RetryWrites = true
		return nil
	})
}

// WithResponseInto stores the HTTP status, headers and X-Knit-Execution-Id
// of the call's final response into dst (a *knit.Response, the same type as
// *apierror.Response). It is a per-call option: knit.NewClient refuses it,
// since every call would write to the same dst, concurrently.
func WithResponseInto(dst *apierror.Response) RequestOption {
	return transport.NewOption(func(c *transport.Config) error {
		if dst == nil {
			return errors.New("option.WithResponseInto: destination is nil")
		}
		c.ResponseInto = dst
		return nil
	})
}
