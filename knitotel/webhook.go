package knitotel

import (
	"context"
	"net/http"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.39.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/knit-sdk/knit-go/webhook"
)

// Metric names of WebhookOption.
const (
	MetricWebhookDeliveries       = "knit.webhook.deliveries"
	MetricWebhookDeliveryDuration = "knit.webhook.delivery.duration"
	MetricWebhookCallbackDuration = "knit.webhook.callback.duration"
)

var serverSpan = []trace.SpanStartOption{trace.WithSpanKind(trace.SpanKindServer)}

// SpanNameWebhook is the name of a delivery's span before its event is
// known; once it is, the event type is appended ("knit.webhook record.new").
const SpanNameWebhook = "knit.webhook"

// WebhookOption returns the option that instruments webhook.NewHandler: a
// span per delivery that parents the callback's spans, and the webhook
// metrics listed in the package documentation. It installs a
// webhook.WithDeliveryHook.
func WebhookOption(opts ...Option) webhook.HandlerOption {
	return webhook.WithDeliveryHook(newReceiver(newConfig(opts)).hook)
}

type receiver struct {
	tracer      trace.Tracer
	deliveries  metric.Int64Counter
	deliveryDur metric.Float64Histogram
	callbackDur metric.Float64Histogram
}

func newReceiver(cfg config) *receiver {
	m := cfg.meter()
	r := &receiver{tracer: cfg.tracer()}
	var err error
	if r.deliveries, err = m.Int64Counter(MetricWebhookDeliveries,
		metric.WithUnit("{delivery}"),
		metric.WithDescription("Knit webhook deliveries received, by outcome.")); err != nil {
		otel.Handle(err)
	}
	if r.deliveryDur, err = m.Float64Histogram(MetricWebhookDeliveryDuration,
		metric.WithUnit("s"),
		metric.WithDescription("Time from a webhook delivery's arrival to its answer."),
		metric.WithExplicitBucketBoundaries(durationBuckets...)); err != nil {
		otel.Handle(err)
	}
	if r.callbackDur, err = m.Float64Histogram(MetricWebhookCallbackDuration,
		metric.WithUnit("s"),
		metric.WithDescription("Time the webhook callback ran for one delivery."),
		metric.WithExplicitBucketBoundaries(durationBuckets...)); err != nil {
		otel.Handle(err)
	}
	return r
}

func (rc *receiver) hook(ctx context.Context, _ *http.Request) (context.Context, func(webhook.DeliveryEnd)) {
	kind := serverSpan
	if trace.SpanContextFromContext(ctx).IsValid() {
		// Under an HTTP server span (otelhttp): do not claim to be one.
		kind = internalSpan
	}
	ctx, span := rc.tracer.Start(ctx, SpanNameWebhook, kind...)
	return ctx, func(e webhook.DeliveryEnd) { rc.end(ctx, span, e) }
}

func (rc *receiver) end(ctx context.Context, span trace.Span, e webhook.DeliveryEnd) {
	if span.IsRecording() {
		span.SetAttributes(AttrOutcome.String(string(e.Outcome)), semconv.HTTPResponseStatusCode(e.StatusCode))
		if ev := e.Event; ev != nil {
			span.SetName(SpanNameWebhook + " " + string(ev.EventType))
			span.SetAttributes(AttrEventID.String(ev.EventID), AttrEventType.String(string(ev.EventType)))
			if ev.SyncDataType != "" {
				span.SetAttributes(AttrDataType.String(ev.SyncDataType))
			}
			if ev.SyncJobID != "" {
				span.SetAttributes(AttrSyncJobID.String(ev.SyncJobID))
			}
			if ev.SyncRunID != "" {
				span.SetAttributes(AttrSyncRunID.String(ev.SyncRunID))
			}
			if ev.IntegrationID != "" {
				span.SetAttributes(AttrIntegrationID.String(ev.IntegrationID))
			}
		}
		if e.StatusCode >= http.StatusInternalServerError {
			span.SetAttributes(semconv.ErrorTypeKey.String(string(e.Outcome)))
			desc := string(e.Outcome)
			if e.Err != nil {
				desc = e.Err.Error()
			}
			span.SetStatus(codes.Error, desc)
		}
	}
	span.End()

	cntOn, durOn := rc.deliveries.Enabled(ctx), rc.deliveryDur.Enabled(ctx)
	cbOn := e.CallbackDuration > 0 && rc.callbackDur.Enabled(ctx)
	if !cntOn && !durOn && !cbOn {
		return
	}
	// Event and data types come from verified payloads only (the event is
	// nil before the signature check), so a forger cannot mint series.
	kv := make([]attribute.KeyValue, 0, 3)
	kv = append(kv, AttrOutcome.String(string(e.Outcome)))
	if ev := e.Event; ev != nil {
		kv = append(kv, AttrEventType.String(string(ev.EventType)))
		if ev.SyncDataType != "" {
			kv = append(kv, AttrDataType.String(ev.SyncDataType))
		}
	}
	set := metric.WithAttributeSet(attribute.NewSet(kv...))
	if cntOn {
		rc.deliveries.Add(ctx, 1, set)
	}
	if durOn {
		rc.deliveryDur.Record(ctx, e.Duration.Seconds(), set)
	}
	if cbOn {
		rc.callbackDur.Record(ctx, e.CallbackDuration.Seconds(), set)
	}
}
