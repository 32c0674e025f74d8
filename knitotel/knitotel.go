package knitotel

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/apierror"
)

// ScopeName is the instrumentation scope of every tracer and meter.
const ScopeName = "github.com/knit-sdk/knit-go/knitotel"

// Attribute keys of this package beyond OpenTelemetry's semantic
// conventions.
const (
	AttrMethod        = attribute.Key("knit.method")
	AttrIntegrationID = attribute.Key("knit.integration.id")
	AttrExecutionID   = attribute.Key("knit.execution.id")
	AttrAttempts      = attribute.Key("knit.attempts")
	AttrRetryWait     = attribute.Key("knit.retry.wait")
	AttrEventID       = attribute.Key("knit.webhook.event_id")
	AttrEventType     = attribute.Key("knit.webhook.event_type")
	AttrDataType      = attribute.Key("knit.webhook.data_type")
	AttrOutcome       = attribute.Key("knit.webhook.outcome")
	AttrSyncJobID     = attribute.Key("knit.sync.job_id")
	AttrSyncRunID     = attribute.Key("knit.sync.run_id")
)

// Option configures ClientOption and WebhookOption.
type Option func(*config)

type config struct {
	tp   trace.TracerProvider
	mp   metric.MeterProvider
	prop propagation.TextMapPropagator
}

func newConfig(opts []Option) config {
	var c config
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if c.tp == nil {
		c.tp = otel.GetTracerProvider()
	}
	if c.mp == nil {
		c.mp = otel.GetMeterProvider()
	}
	return c
}

// WithTracerProvider sets the tracer provider (default: the global one).
func WithTracerProvider(tp trace.TracerProvider) Option {
	return func(c *config) { c.tp = tp }
}

// WithMeterProvider sets the meter provider (default: the global one).
func WithMeterProvider(mp metric.MeterProvider) Option {
	return func(c *config) { c.mp = mp }
}

// WithPropagator makes ClientOption inject the trace context into every
// request sent to Knit with p (for example
// propagation.TraceContext{}). Without it, nothing about your traces
// leaves your process. WebhookOption ignores it: Knit sends no trace
// context with its deliveries.
func WithPropagator(p propagation.TextMapPropagator) Option {
	return func(c *config) { c.prop = p }
}

func (c config) tracer() trace.Tracer {
	return c.tp.Tracer(ScopeName, trace.WithInstrumentationVersion(knit.Version))
}

func (c config) meter() metric.Meter {
	return c.mp.Meter(ScopeName, metric.WithInstrumentationVersion(knit.Version))
}

// errorType classifies a call's error for error.type: the Knit error class,
// or what ended the call.
func errorType(err error) string {
	if err == nil {
		return ""
	}
	switch {
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, apierror.ErrRateLimited):
		return "rate_limited"
	case errors.Is(err, apierror.ErrUnauthorized):
		return "unauthorized"
	case errors.Is(err, apierror.ErrForbidden):
		return "forbidden"
	case errors.Is(err, apierror.ErrNotSupported):
		return "not_supported"
	case errors.Is(err, apierror.ErrNotFound):
		return "not_found"
	case errors.Is(err, apierror.ErrServer):
		return "server_error"
	case errors.Is(err, apierror.ErrMalformedResponse):
		return "malformed_response"
	}
	var ke *apierror.Error
	if errors.As(err, &ke) {
		switch {
		case ke.StatusCode >= 300:
			return strconv.Itoa(ke.StatusCode)
		case ke.Message != "":
			return "knit_error"
		case ke.Err != nil:
			return attemptErrorType(ke.Err)
		}
	}
	return "_OTHER"
}

// attemptErrorType classifies a transport error of one attempt.
func attemptErrorType(err error) string {
	switch {
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "timeout"
	}
	return "transport"
}

// redactedURL returns u without credentials or fragment and with every
// query value replaced by REDACTED, as the semantic conventions ask for
// url.full: Knit's query strings carry record IDs and filters.
func redactedURL(u *url.URL) string {
	cp := *u
	cp.User = nil
	cp.Fragment, cp.RawFragment = "", ""
	if cp.RawQuery != "" {
		parts := strings.Split(cp.RawQuery, "&")
		for i, p := range parts {
			if k, _, ok := strings.Cut(p, "="); ok {
				parts[i] = k + "=REDACTED"
			}
		}
		cp.RawQuery = strings.Join(parts, "&")
	}
	return cp.String()
}

// serverPort returns the port of u, defaulting by scheme.
func serverPort(u *url.URL) int {
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err == nil {
			return n
		}
	}
	if u.Scheme == "http" {
		return 80
	}
	return 443
}

// callStatus is the status description of a failed call's span: the HTTP
// status and error.type, never the error's text. That text carries Knit's
// own message and excerpts of the body, which a server can fill with
// anything the request held (a query value, a candidate's email, a token
// in a URL), and a trace backend keeps it longer and shows it to more
// people than the caller's own logs. Knit's error body has no code or type
// of its own (only "msg"), so the SDK's error.type is the whole class; the
// message stays on the error the call returns.
func callStatus(err error, errType string) string {
	var ke *apierror.Error
	if errors.As(err, &ke) && ke.StatusCode >= 300 {
		return strconv.Itoa(ke.StatusCode) + " " + http.StatusText(ke.StatusCode) + " (" + errType + ")"
	}
	return errType
}

// localErrors are the transport failures attemptStatus names by their own
// text.
var localErrors = []error{context.Canceled, context.DeadlineExceeded, io.ErrUnexpectedEOF, io.EOF}

// attemptStatus is the status description of an attempt's span after a
// transport error: the text of errors made on this machine (a dial or
// read failure, a timeout, a connection closed early), with the request
// URL that *url.Error prefixes left out. Any other text may quote the
// server's bytes (net/http's `malformed HTTP response "..."`), so it is
// replaced by "transport failure"; error.type still tells the class.
func attemptStatus(err error) string {
	op := ""
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		op, err = ue.Op+": ", ue.Err
	}
	for _, known := range localErrors {
		if errors.Is(err, known) {
			return op + known.Error() // not err's text: a wrapper may quote the server
		}
	}
	var oe *net.OpError
	var ne net.Error
	switch {
	case errors.As(err, &oe):
		return op + oe.Error()
	case errors.As(err, &ne) && ne.Timeout():
		return op + "timeout"
	}
	return op + "transport failure"
}
