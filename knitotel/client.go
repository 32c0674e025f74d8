package knitotel

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/propagation"
	semconv "go.opentelemetry.io/otel/semconv/v1.39.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/knit-sdk/knit-go/hook"
	"github.com/knit-sdk/knit-go/option"
)

// Metric names of ClientOption.
const (
	MetricHTTPClientRequestDuration = "http.client.request.duration"
	MetricCallDuration              = "knit.client.call.duration"
	MetricCallAttempts              = "knit.client.call.attempts"
	MetricRetryWait                 = "knit.client.retry.wait"
)

// durationBuckets are the semantic conventions' advice for
// http.client.request.duration, extended for calls that wait to retry.
var durationBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60}

// ClientOption returns the option that instruments a knit client (given to
// knit.NewClient) or one call: a span per call and per HTTP attempt, and
// the client metrics listed in the package documentation. It installs a
// call hook and a middleware (option.WithCallHook, option.WithMiddleware);
// the SDK's own pooled transport is kept.
//
// Build it once per client: each ClientOption creates its instruments.
func ClientOption(opts ...Option) option.RequestOption {
	c := newClient(newConfig(opts))
	return option.WithOptions(option.WithCallHook(c.callHook), option.WithMiddleware(c.middleware))
}

type client struct {
	tracer     trace.Tracer
	prop       propagation.TextMapPropagator
	attemptDur metric.Float64Histogram
	callDur    metric.Float64Histogram
	attempts   metric.Int64Histogram
	retryWait  metric.Float64Histogram
}

func newClient(cfg config) *client {
	m := cfg.meter()
	c := &client{tracer: cfg.tracer(), prop: cfg.prop}
	var err error
	if c.attemptDur, err = m.Float64Histogram(MetricHTTPClientRequestDuration,
		metric.WithUnit("s"),
		metric.WithDescription("Duration of HTTP client requests."),
		metric.WithExplicitBucketBoundaries(durationBuckets[:14]...)); err != nil {
		otel.Handle(err)
	}
	if c.callDur, err = m.Float64Histogram(MetricCallDuration,
		metric.WithUnit("s"),
		metric.WithDescription("Duration of knit-go calls, retries and waits included."),
		metric.WithExplicitBucketBoundaries(durationBuckets...)); err != nil {
		otel.Handle(err)
	}
	if c.attempts, err = m.Int64Histogram(MetricCallAttempts,
		metric.WithUnit("{attempt}"),
		metric.WithDescription("HTTP attempts made by one knit-go call."),
		metric.WithExplicitBucketBoundaries(1, 2, 3, 4, 5, 10)); err != nil {
		otel.Handle(err)
	}
	if c.retryWait, err = m.Float64Histogram(MetricRetryWait,
		metric.WithUnit("s"),
		metric.WithDescription("Time one knit-go call spent waiting between attempts."),
		metric.WithExplicitBucketBoundaries(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)); err != nil {
		otel.Handle(err)
	}
	return c
}

// Span start options, built once: a variadic slice built per call would be
// allocated on every span start.
var (
	internalSpan = []trace.SpanStartOption{trace.WithSpanKind(trace.SpanKindInternal)}
	clientSpan   = []trace.SpanStartOption{trace.WithSpanKind(trace.SpanKindClient)}
)

// callHook starts the INTERNAL span of a call; its end function ends it and
// records the call metrics.
func (c *client) callHook(ctx context.Context, call hook.Call) (context.Context, func(hook.CallEnd)) {
	ctx, span := c.tracer.Start(ctx, call.Method, internalSpan...)
	if span.IsRecording() {
		span.SetAttributes(AttrMethod.String(call.Method), semconv.HTTPRequestMethodKey.String(call.HTTPMethod))
		if call.IntegrationID != "" {
			span.SetAttributes(AttrIntegrationID.String(call.IntegrationID))
		}
	} else if !c.callDur.Enabled(ctx) && !c.attempts.Enabled(ctx) && !c.retryWait.Enabled(ctx) {
		// Nothing to record at the end (no SDK installed, or sampled
		// out and metrics off); ctx still carries the span context.
		return ctx, nil
	}
	return ctx, func(e hook.CallEnd) { c.endCall(ctx, span, e) }
}

func (c *client) endCall(ctx context.Context, span trace.Span, e hook.CallEnd) {
	errType := errorType(e.Err)
	if span.IsRecording() {
		span.SetAttributes(AttrAttempts.Int(e.Attempts))
		if e.StatusCode != 0 {
			span.SetAttributes(semconv.HTTPResponseStatusCode(e.StatusCode))
		}
		if e.ExecutionID != "" {
			span.SetAttributes(AttrExecutionID.String(e.ExecutionID))
		}
		if e.RetryWait > 0 {
			span.SetAttributes(AttrRetryWait.Float64(e.RetryWait.Seconds()))
		}
		if errType != "" {
			span.SetAttributes(semconv.ErrorTypeKey.String(errType))
			span.SetStatus(codes.Error, callStatus(e.Err, errType))
		}
	}
	span.End()

	durOn, attOn, waitOn := c.callDur.Enabled(ctx), c.attempts.Enabled(ctx), e.RetryWait > 0 && c.retryWait.Enabled(ctx)
	if !durOn && !attOn && !waitOn {
		return
	}
	kv := make([]attribute.KeyValue, 0, 3)
	kv = append(kv, AttrMethod.String(e.Method), semconv.HTTPRequestMethodKey.String(e.HTTPMethod))
	if errType != "" {
		kv = append(kv, semconv.ErrorTypeKey.String(errType))
	}
	set := metric.WithAttributeSet(attribute.NewSet(kv...))
	if durOn {
		c.callDur.Record(ctx, e.Duration.Seconds(), set)
	}
	if attOn {
		c.attempts.Record(ctx, int64(e.Attempts), set)
	}
	if waitOn {
		c.retryWait.Record(ctx, e.RetryWait.Seconds(), set)
	}
}

// middleware wraps each HTTP attempt in a CLIENT span and records
// http.client.request.duration.
func (c *client) middleware(next http.RoundTripper) http.RoundTripper {
	return option.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		start := time.Now()
		ctx, span := c.tracer.Start(r.Context(), r.Method, clientSpan...)
		attempt, _ := hook.AttemptFromContext(r.Context())
		recording := span.IsRecording()
		if recording {
			span.SetAttributes(
				semconv.HTTPRequestMethodKey.String(r.Method),
				semconv.ServerAddress(r.URL.Hostname()),
				semconv.ServerPort(serverPort(r.URL)),
				semconv.URLFull(redactedURL(r.URL)),
			)
			if attempt.Method != "" {
				span.SetAttributes(AttrMethod.String(attempt.Method))
			}
			if attempt.Number > 1 {
				span.SetAttributes(semconv.HTTPRequestResendCount(attempt.Number - 1))
			}
		}
		switch {
		case c.prop != nil:
			r = r.Clone(ctx)
			c.prop.Inject(ctx, propagation.HeaderCarrier(r.Header))
		case recording:
			r = r.WithContext(ctx)
		}

		resp, err := next.RoundTrip(r)

		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		errType := ""
		switch {
		case err != nil:
			errType = attemptErrorType(err)
		case status >= 400:
			errType = strconv.Itoa(status)
		}
		if recording {
			if status != 0 {
				span.SetAttributes(semconv.HTTPResponseStatusCode(status))
			}
			if errType != "" {
				span.SetAttributes(semconv.ErrorTypeKey.String(errType))
				if err != nil {
					span.SetStatus(codes.Error, attemptStatus(err))
				} else {
					span.SetStatus(codes.Error, "")
				}
			}
		}
		span.End()

		if c.attemptDur.Enabled(ctx) {
			kv := make([]attribute.KeyValue, 0, 6)
			kv = append(kv,
				semconv.HTTPRequestMethodKey.String(r.Method),
				semconv.ServerAddress(r.URL.Hostname()),
				semconv.ServerPort(serverPort(r.URL)),
				semconv.URLScheme(r.URL.Scheme),
			)
			if status != 0 {
				kv = append(kv, semconv.HTTPResponseStatusCode(status))
			}
			if errType != "" {
				kv = append(kv, semconv.ErrorTypeKey.String(errType))
			}
			c.attemptDur.Record(ctx, time.Since(start).Seconds(), metric.WithAttributeSet(attribute.NewSet(kv...)))
		}
		return resp, err
	})
}
