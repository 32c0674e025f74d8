package knitotel_test

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/knitotel"
	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/option"
	"github.com/knit-sdk/knit-go/webhook"
)

// methodJobList is the Knit method of ATS.Jobs.List.
const methodJobList = "ats.job.list"

// telemetry is an in-memory tracer and meter provider.
type telemetry struct {
	spans  *tracetest.SpanRecorder
	tp     *sdktrace.TracerProvider
	reader *sdkmetric.ManualReader
	mp     *sdkmetric.MeterProvider
}

func newTelemetry(t *testing.T) *telemetry {
	t.Helper()
	tel := &telemetry{spans: tracetest.NewSpanRecorder(), reader: sdkmetric.NewManualReader()}
	tel.tp = sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(tel.spans))
	tel.mp = sdkmetric.NewMeterProvider(sdkmetric.WithReader(tel.reader))
	t.Cleanup(func() {
		_ = tel.tp.Shutdown(context.Background())
		_ = tel.mp.Shutdown(context.Background())
	})
	return tel
}

func (tel *telemetry) opts(more ...knitotel.Option) []knitotel.Option {
	return append([]knitotel.Option{knitotel.WithTracerProvider(tel.tp), knitotel.WithMeterProvider(tel.mp)}, more...)
}

// ended returns the ended spans of the given kind.
func (tel *telemetry) ended(kind trace.SpanKind) []sdktrace.ReadOnlySpan {
	var out []sdktrace.ReadOnlySpan
	for _, s := range tel.spans.Ended() {
		if s.SpanKind() == kind {
			out = append(out, s)
		}
	}
	return out
}

func (tel *telemetry) metrics(t *testing.T) map[string]metricdata.Aggregation {
	t.Helper()
	var rm metricdata.ResourceMetrics
	require.NoError(t, tel.reader.Collect(context.Background(), &rm))
	out := map[string]metricdata.Aggregation{}
	for _, sm := range rm.ScopeMetrics {
		assert.Equal(t, knitotel.ScopeName, sm.Scope.Name)
		for _, m := range sm.Metrics {
			out[m.Name] = m.Data
		}
	}
	return out
}

func attrs(kvs []attribute.KeyValue) map[attribute.Key]attribute.Value {
	m := make(map[attribute.Key]attribute.Value, len(kvs))
	for _, kv := range kvs {
		m[kv.Key] = kv.Value
	}
	return m
}

func connect(t *testing.T, srv *knittest.Server, category knit.Category) string {
	t.Helper()
	id, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "acme", Category: category})
	require.NoError(t, err)
	return id
}

func TestCallAndAttemptSpansUnderRateLimitAndFailure(t *testing.T) {
	t.Parallel()
	tel := newTelemetry(t)
	srv := knittest.NewServer(knittest.WithT(t), knittest.WithSeed(3))
	id := connect(t, srv, knit.CategoryATS)
	client, err := srv.Client(knitotel.ClientOption(tel.opts()...))
	require.NoError(t, err)

	srv.InjectRateLimit(1, 0)
	srv.FailNext(1, http.StatusServiceUnavailable)
	page, err := client.Integration(id).ATS.Jobs.List(context.Background(), nil)
	require.NoError(t, err)
	require.NotEmpty(t, page.Jobs)

	calls := tel.ended(trace.SpanKindInternal)
	require.Len(t, calls, 1)
	call := calls[0]
	assert.Equal(t, methodJobList, call.Name())
	ca := attrs(call.Attributes())
	assert.Equal(t, methodJobList, ca[knitotel.AttrMethod].AsString())
	assert.Equal(t, "GET", ca["http.request.method"].AsString())
	assert.Equal(t, id, ca[knitotel.AttrIntegrationID].AsString())
	assert.EqualValues(t, 3, ca[knitotel.AttrAttempts].AsInt64())
	assert.EqualValues(t, 200, ca["http.response.status_code"].AsInt64())
	assert.NotEmpty(t, ca[knitotel.AttrExecutionID].AsString())
	assert.Greater(t, ca[knitotel.AttrRetryWait].AsFloat64(), 0.0)
	assert.NotContains(t, ca, attribute.Key("error.type"))
	assert.Equal(t, codes.Unset, call.Status().Code)

	attempts := tel.ended(trace.SpanKindClient)
	require.Len(t, attempts, 3, "one CLIENT span per attempt")
	wantStatus := []int64{429, 503, 200}
	for i, a := range attempts {
		assert.Equal(t, "GET", a.Name())
		assert.Equal(t, call.SpanContext().SpanID(), a.Parent().SpanID(), "attempt %d is a child of the call span", i+1)
		assert.Equal(t, call.SpanContext().TraceID(), a.SpanContext().TraceID())
		aa := attrs(a.Attributes())
		assert.Equal(t, "GET", aa["http.request.method"].AsString())
		assert.Equal(t, "127.0.0.1", aa["server.address"].AsString())
		assert.Positive(t, aa["server.port"].AsInt64())
		assert.True(t, strings.HasSuffix(aa["url.full"].AsString(), "/v1.0/"+methodJobList), aa["url.full"].AsString())
		assert.Equal(t, wantStatus[i], aa["http.response.status_code"].AsInt64())
		assert.Equal(t, methodJobList, aa[knitotel.AttrMethod].AsString())
		if i == 0 {
			assert.NotContains(t, aa, attribute.Key("http.request.resend_count"), "the first attempt is no resend")
		} else {
			assert.EqualValues(t, i, aa["http.request.resend_count"].AsInt64())
		}
		if wantStatus[i] >= 400 {
			assert.Equal(t, "429 503"[4*i:4*i+3], aa["error.type"].AsString())
			assert.Equal(t, codes.Error, a.Status().Code)
		} else {
			assert.NotContains(t, aa, attribute.Key("error.type"))
		}
	}

	m := tel.metrics(t)
	att := m[knitotel.MetricCallAttempts].(metricdata.Histogram[int64])
	require.Len(t, att.DataPoints, 1)
	assert.EqualValues(t, 1, att.DataPoints[0].Count)
	assert.EqualValues(t, 3, att.DataPoints[0].Sum)
	req := m[knitotel.MetricHTTPClientRequestDuration].(metricdata.Histogram[float64])
	var n uint64
	for _, dp := range req.DataPoints {
		n += dp.Count
	}
	assert.EqualValues(t, 3, n, "one duration per attempt")
	wait := m[knitotel.MetricRetryWait].(metricdata.Histogram[float64])
	require.Len(t, wait.DataPoints, 1)
	assert.Positive(t, wait.DataPoints[0].Sum)
}

func TestFailedCallSpanAndMetrics(t *testing.T) {
	t.Parallel()
	tel := newTelemetry(t)
	srv := knittest.NewServer(knittest.WithT(t), knittest.WithSeed(3))
	id := connect(t, srv, knit.CategoryATS)
	client, err := srv.Client(knitotel.ClientOption(tel.opts()...))
	require.NoError(t, err)

	srv.FailNext(3, http.StatusInternalServerError)
	_, err = client.Integration(id).ATS.Jobs.List(context.Background(), nil)
	require.ErrorIs(t, err, knit.ErrServer)

	calls := tel.ended(trace.SpanKindInternal)
	require.Len(t, calls, 1)
	ca := attrs(calls[0].Attributes())
	assert.EqualValues(t, 3, ca[knitotel.AttrAttempts].AsInt64())
	assert.Equal(t, "server_error", ca["error.type"].AsString())
	assert.EqualValues(t, 500, ca["http.response.status_code"].AsInt64())
	assert.Equal(t, codes.Error, calls[0].Status().Code)
	assert.Equal(t, "500 Internal Server Error (server_error)", calls[0].Status().Description)
	assert.Contains(t, err.Error(), "Injected failure", "the message stays on the error")
	assert.Len(t, tel.ended(trace.SpanKindClient), 3)

	m := tel.metrics(t)
	dur := m[knitotel.MetricCallDuration].(metricdata.Histogram[float64])
	require.Len(t, dur.DataPoints, 1)
	da := dur.DataPoints[0].Attributes
	v, ok := da.Value("error.type")
	require.True(t, ok)
	assert.Equal(t, "server_error", v.AsString())
	v, _ = da.Value(knitotel.AttrMethod)
	assert.Equal(t, methodJobList, v.AsString())
}

func TestURLFullRedactsQueryValues(t *testing.T) {
	t.Parallel()
	tel := newTelemetry(t)
	srv := knittest.NewServer(knittest.WithT(t), knittest.WithSeed(3), knittest.WithPageSize(5))
	id := connect(t, srv, knit.CategoryATS)
	client, err := srv.Client(knitotel.ClientOption(tel.opts()...))
	require.NoError(t, err)

	n := 0
	for _, err := range client.Integration(id).ATS.Jobs.All(context.Background(), nil) {
		require.NoError(t, err)
		n++
	}
	require.Greater(t, n, 5, "more than one page")
	var tokens []string
	for _, r := range srv.RequestsFor(methodJobList) {
		if tok := r.Query["pageToken"]; len(tok) > 0 {
			tokens = append(tokens, tok[0])
		}
	}
	require.NotEmpty(t, tokens)
	redacted := 0
	for _, a := range tel.ended(trace.SpanKindClient) {
		full := attrs(a.Attributes())["url.full"].AsString()
		for _, tok := range tokens {
			assert.NotContains(t, full, tok)
		}
		if strings.Contains(full, "pageToken=REDACTED") {
			redacted++
		}
	}
	assert.Equal(t, len(tokens), redacted)
}

func TestNoTraceContextSentUnlessOptedIn(t *testing.T) {
	t.Parallel()
	tel := newTelemetry(t)
	srv := knittest.NewServer(knittest.WithT(t), knittest.WithSeed(3))
	id := connect(t, srv, knit.CategoryATS)

	plain, err := srv.Client(knitotel.ClientOption(tel.opts()...))
	require.NoError(t, err)
	_, err = plain.Integration(id).ATS.Jobs.List(context.Background(), nil)
	require.NoError(t, err)
	for _, r := range srv.Requests() {
		assert.Empty(t, r.Header.Get("Traceparent"), "trace context sent without WithPropagator")
	}

	srv.ResetRequests()
	propagating, err := srv.Client(knitotel.ClientOption(tel.opts(knitotel.WithPropagator(propagation.TraceContext{}))...))
	require.NoError(t, err)
	_, err = propagating.Integration(id).ATS.Jobs.List(context.Background(), nil)
	require.NoError(t, err)
	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	attempts := tel.ended(trace.SpanKindClient)
	last := attempts[len(attempts)-1]
	assert.Equal(t, "00-"+last.SpanContext().TraceID().String()+"-"+last.SpanContext().SpanID().String()+"-01",
		reqs[0].Header.Get("Traceparent"), "the CLIENT span is the remote parent")
}

func TestNoIntegrationIDOnAnyMetric(t *testing.T) {
	t.Parallel()
	tel := newTelemetry(t)
	srv := knittest.NewServer(knittest.WithT(t), knittest.WithSeed(3))
	atsID := connect(t, srv, knit.CategoryATS)
	hrisID := connect(t, srv, knit.CategoryHRIS)
	client, err := srv.Client(knitotel.ClientOption(tel.opts()...))
	require.NoError(t, err)
	ctx := context.Background()

	srv.InjectRateLimit(1, 0)
	_, err = client.Integration(atsID).ATS.Jobs.List(ctx, nil)
	require.NoError(t, err)
	_, err = client.Integration(hrisID).HRIS.Leave.Balances(ctx, "no-such-employee", nil)
	require.Error(t, err)
	_, err = client.Integrations.List(ctx, "acme")
	require.NoError(t, err)

	// And a webhook delivery through the same meter provider.
	h := webhook.NewHandler([]string{srv.APIKey()}, func(context.Context, *webhook.Event) error { return nil },
		knitotel.WebhookOption(tel.opts()...))
	deliver(t, h, employeeEvent("e_m", hrisID), srv.APIKey())

	forbidden := map[string]bool{atsID: true, hrisID: true, "acme": true}
	m := tel.metrics(t)
	for _, name := range []string{knitotel.MetricHTTPClientRequestDuration, knitotel.MetricCallDuration, knitotel.MetricCallAttempts,
		knitotel.MetricRetryWait, knitotel.MetricWebhookDeliveries, knitotel.MetricWebhookDeliveryDuration, knitotel.MetricWebhookCallbackDuration} {
		require.Contains(t, m, name)
	}
	for name, data := range m {
		for _, set := range attributeSets(t, data) {
			for _, kv := range set.ToSlice() {
				assert.NotEqual(t, knitotel.AttrIntegrationID, kv.Key, "metric %s", name)
				assert.NotEqual(t, knitotel.AttrExecutionID, kv.Key, "metric %s", name)
				assert.NotEqual(t, attribute.Key("url.full"), kv.Key, "metric %s", name)
				assert.False(t, forbidden[kv.Value.Emit()], "metric %s carries %s=%s", name, kv.Key, kv.Value.Emit())
			}
		}
	}
}

func attributeSets(t *testing.T, data metricdata.Aggregation) []attribute.Set {
	t.Helper()
	var out []attribute.Set
	switch d := data.(type) {
	case metricdata.Histogram[float64]:
		for _, dp := range d.DataPoints {
			out = append(out, dp.Attributes)
		}
	case metricdata.Histogram[int64]:
		for _, dp := range d.DataPoints {
			out = append(out, dp.Attributes)
		}
	case metricdata.Sum[int64]:
		for _, dp := range d.DataPoints {
			out = append(out, dp.Attributes)
		}
	default:
		t.Fatalf("unexpected aggregation %T", data)
	}
	return out
}

func employeeEvent(eventID, integrationID string) []byte {
	_ = integrationID
	return []byte(`{"eventId":"` + eventID + `","eventType":"record.new","syncType":"initial_sync",` +
		`"syncDataType":"` + hris.DataTypeEmployee + `","syncJobId":"sj_1","syncRunId":"sr_1","recordId":"emp_1",` +
		`"eventData":{"profile":{"id":"emp_1","firstName":"Ada","lastName":"Lovelace"}}}`)
}

func deliver(t *testing.T, h http.Handler, payload []byte, key string) int {
	t.Helper()
	req, err := webhook.NewSignedRequest(context.Background(), "http://receiver.example/knit", payload, key)
	require.NoError(t, err)
	req.Header.Set(webhook.HeaderIntegrationID, "int_hook")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w.Code
}

func TestWebhookDeliverySpansAndMetrics(t *testing.T) {
	t.Parallel()
	tel := newTelemetry(t)
	const key = "whsec-key"
	tracer := tel.tp.Tracer("app")
	var mu sync.Mutex
	parents := map[string]trace.SpanContext{}
	fn := func(ctx context.Context, ev *webhook.Event) error {
		_, span := tracer.Start(ctx, "store "+ev.EventID)
		defer span.End()
		mu.Lock()
		parents[ev.EventID] = trace.SpanContextFromContext(ctx)
		mu.Unlock()
		time.Sleep(time.Millisecond)
		if ev.EventID == "e_fail" {
			return errors.New("database is down")
		}
		return nil
	}
	h := webhook.NewHandler([]string{key}, fn, knitotel.WebhookOption(tel.opts()...))

	assert.Equal(t, http.StatusOK, deliver(t, h, employeeEvent("e_ok", ""), key))
	assert.Equal(t, http.StatusOK, deliver(t, h, employeeEvent("e_ok", ""), key), "duplicate")
	assert.Equal(t, http.StatusUnauthorized, deliver(t, h, employeeEvent("e_forged", ""), "attacker"))
	assert.Equal(t, http.StatusInternalServerError, deliver(t, h, employeeEvent("e_fail", ""), key))

	var deliveries []sdktrace.ReadOnlySpan
	children := map[string]sdktrace.ReadOnlySpan{}
	for _, s := range tel.spans.Ended() {
		if strings.HasPrefix(s.Name(), knitotel.SpanNameWebhook) {
			deliveries = append(deliveries, s)
		} else {
			children[s.Name()] = s
		}
	}
	require.Len(t, deliveries, 4)
	outcomes := []string{"processed", "duplicate", "signature_rejected", "callback_failed"}
	for i, d := range deliveries {
		da := attrs(d.Attributes())
		assert.Equal(t, trace.SpanKindServer, d.SpanKind())
		assert.Equal(t, outcomes[i], da[knitotel.AttrOutcome].AsString())
		if outcomes[i] == "signature_rejected" {
			assert.Equal(t, knitotel.SpanNameWebhook, d.Name(), "no event, no event type")
			assert.NotContains(t, da, knitotel.AttrEventID)
			assert.EqualValues(t, 401, da["http.response.status_code"].AsInt64())
			assert.Equal(t, codes.Unset, d.Status().Code, "a 4xx answer is the sender's problem")
			continue
		}
		assert.Equal(t, "knit.webhook record.new", d.Name())
		assert.Equal(t, "record.new", da[knitotel.AttrEventType].AsString())
		assert.Equal(t, hris.DataTypeEmployee, da[knitotel.AttrDataType].AsString())
		assert.Equal(t, "sr_1", da[knitotel.AttrSyncRunID].AsString())
		assert.Equal(t, "sj_1", da[knitotel.AttrSyncJobID].AsString())
		assert.Equal(t, "int_hook", da[knitotel.AttrIntegrationID].AsString())
	}
	fail := attrs(deliveries[3].Attributes())
	assert.Equal(t, "callback_failed", fail["error.type"].AsString())
	assert.Equal(t, codes.Error, deliveries[3].Status().Code)
	assert.Contains(t, deliveries[3].Status().Description, "database is down")

	// The callback ran under the delivery span: its span is a child.
	for i, id := range []string{"e_ok", "e_fail"} {
		d := deliveries[3*i] // e_ok is the first delivery, e_fail the fourth
		assert.Equal(t, d.SpanContext().SpanID(), parents[id].SpanID())
		child := children["store "+id]
		require.NotNil(t, child)
		assert.Equal(t, d.SpanContext().SpanID(), child.Parent().SpanID())
	}

	m := tel.metrics(t)
	counts := map[string]int64{}
	for _, dp := range m[knitotel.MetricWebhookDeliveries].(metricdata.Sum[int64]).DataPoints {
		o, _ := dp.Attributes.Value(knitotel.AttrOutcome)
		counts[o.AsString()] += dp.Value
		if o.AsString() != "signature_rejected" {
			et, _ := dp.Attributes.Value(knitotel.AttrEventType)
			dt, _ := dp.Attributes.Value(knitotel.AttrDataType)
			assert.Equal(t, "record.new", et.AsString())
			assert.Equal(t, hris.DataTypeEmployee, dt.AsString())
		}
	}
	assert.Equal(t, map[string]int64{"processed": 1, "duplicate": 1, "signature_rejected": 1, "callback_failed": 1}, counts)
	var callbacks uint64
	for _, dp := range m[knitotel.MetricWebhookCallbackDuration].(metricdata.Histogram[float64]).DataPoints {
		callbacks += dp.Count
		assert.GreaterOrEqual(t, dp.Sum, 0.001)
	}
	assert.EqualValues(t, 2, callbacks, "the callback ran for e_ok once and e_fail once")
}

func TestWebhookSpanUnderServerSpanIsInternal(t *testing.T) {
	t.Parallel()
	tel := newTelemetry(t)
	const key = "whsec-key"
	h := webhook.NewHandler([]string{key}, func(context.Context, *webhook.Event) error { return nil }, knitotel.WebhookOption(tel.opts()...))
	server := func(w http.ResponseWriter, r *http.Request) {
		ctx, span := tel.tp.Tracer("otelhttp-like").Start(r.Context(), "POST /knit", trace.WithSpanKind(trace.SpanKindServer))
		defer span.End()
		h.ServeHTTP(w, r.WithContext(ctx))
	}
	assert.Equal(t, http.StatusOK, deliver(t, http.HandlerFunc(server), employeeEvent("e_1", ""), key))
	var d sdktrace.ReadOnlySpan
	for _, s := range tel.spans.Ended() {
		if strings.HasPrefix(s.Name(), knitotel.SpanNameWebhook) {
			d = s
		}
	}
	require.NotNil(t, d)
	assert.Equal(t, trace.SpanKindInternal, d.SpanKind())
	assert.True(t, d.Parent().IsValid())
}

func TestPerCallOption(t *testing.T) {
	t.Parallel()
	tel := newTelemetry(t)
	srv := knittest.NewServer(knittest.WithT(t), knittest.WithSeed(3))
	id := connect(t, srv, knit.CategoryATS)
	client, err := srv.Client()
	require.NoError(t, err)
	in := client.Integration(id)
	_, err = in.ATS.Jobs.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Empty(t, tel.spans.Ended())
	_, err = in.ATS.Jobs.List(context.Background(), nil, knitotel.ClientOption(tel.opts()...))
	require.NoError(t, err)
	assert.Len(t, tel.ended(trace.SpanKindInternal), 1)
	assert.Len(t, tel.ended(trace.SpanKindClient), 1)
}

// everything returns the text of every ended span (name, attributes, events
// and their attributes, status) and of every metric data point's attributes.
func (tel *telemetry) everything(t *testing.T) []string {
	t.Helper()
	var out []string
	kvText := func(kvs []attribute.KeyValue) {
		for _, kv := range kvs {
			out = append(out, string(kv.Key)+"="+kv.Value.Emit())
		}
	}
	for _, s := range tel.spans.Ended() {
		out = append(out, s.Name(), s.Status().Description)
		kvText(s.Attributes())
		for _, ev := range s.Events() {
			out = append(out, ev.Name)
			kvText(ev.Attributes)
		}
	}
	var rm metricdata.ResourceMetrics
	require.NoError(t, tel.reader.Collect(context.Background(), &rm))
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			switch d := m.Data.(type) {
			case metricdata.Histogram[float64]:
				for _, dp := range d.DataPoints {
					kvText(dp.Attributes.ToSlice())
				}
			case metricdata.Histogram[int64]:
				for _, dp := range d.DataPoints {
					kvText(dp.Attributes.ToSlice())
				}
			case metricdata.Sum[int64]:
				for _, dp := range d.DataPoints {
					kvText(dp.Attributes.ToSlice())
				}
			}
		}
	}
	return out
}

// TestNoQueryValueKeyOrHeaderInTelemetry: whatever the failure (a reset
// connection, a redirect, a page echoing the key across the excerpt cut, a
// callback error quoting the key), no span, span event, metric or SDK log
// line carries a query value, the API key (or a beginning of it) or a
// response header value.
func TestNoQueryValueKeyOrHeaderInTelemetry(t *testing.T) {
	t.Parallel()
	const (
		apiKey    = "sk_live_TELEMETRY_SECRET_0123"
		pageToken = "tok-QUERY-SECRET"
		headerVal = "HEADER-SECRET"
	)
	forbidden := []string{pageToken, headerVal, "LOCATION-SECRET", apiKey[:6]}
	for _, tc := range []struct {
		name  string
		serve http.HandlerFunc
	}{
		{"connection reset", func(w http.ResponseWriter, _ *http.Request) {
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				_ = conn.Close()
			}
		}},
		{"redirect with a query", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Debug", headerVal)
			http.Redirect(w, r, "https://elsewhere.example/login?token=LOCATION-SECRET", http.StatusFound)
		}},
		{"HTML echoing the key across the excerpt cut", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("X-Debug", headerVal)
			_, _ = w.Write([]byte("<p>" + strings.Repeat("x", 112) + apiKey + "</p>"))
		}},
		{"error message echoing the key", func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"success":false,"error":{"msg":"bad key ` + apiKey + `"}}`))
		}},
		// Knit's own message is free text a server can fill with what the
		// request held: it stays on the returned error, out of telemetry.
		{"error message echoing a query value", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"success":false,"error":{"msg":"no page ` + r.URL.Query().Get("pageToken") + `"}}`))
		}},
		{"success:false echoing a query value", func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte(`{"success":false,"msg":"no page ` + r.URL.Query().Get("pageToken") + `"}`))
		}},
		{"malformed body echoing a query value", func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte(`{"success":true,"data":{"jobs":[` + r.URL.Query().Get("pageToken")))
		}},
		{"a status line echoing a query value", func(w http.ResponseWriter, r *http.Request) {
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				_, _ = conn.Write([]byte("HTTP/1.1 " + r.URL.Query().Get("pageToken") + " OK\r\n\r\n"))
				_ = conn.Close()
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(tc.serve)
			t.Cleanup(srv.Close)
			tel := newTelemetry(t)
			var logs strings.Builder
			var mu sync.Mutex
			logger := slog.New(slog.NewTextHandler(lockedWriter{&mu, &logs}, &slog.HandlerOptions{Level: slog.LevelDebug}))
			client, err := knit.NewClient(apiKey, option.WithBaseURL(srv.URL+"/v1.0"), option.WithMaxRetries(1),
				option.WithRetryWait(time.Millisecond, time.Millisecond), option.WithLogger(logger),
				knitotel.ClientOption(tel.opts()...))
			require.NoError(t, err)
			_, err = client.Integration("int_1").ATS.Jobs.List(context.Background(), &ats.JobListParams{PageToken: pageToken})
			require.Error(t, err)
			require.NotEmpty(t, tel.spans.Ended())
			for _, s := range tel.spans.Ended() {
				if s.Status().Code == codes.Error && s.SpanKind() == trace.SpanKindInternal {
					assert.NotEmpty(t, attrs(s.Attributes())["error.type"].AsString())
				}
			}
			mu.Lock()
			texts := append(tel.everything(t), logs.String())
			mu.Unlock()
			for _, text := range texts {
				for _, f := range forbidden {
					assert.NotContains(t, text, f)
				}
			}
		})
	}

	t.Run("delivery span of a callback error quoting the key", func(t *testing.T) {
		t.Parallel()
		tel := newTelemetry(t)
		h := webhook.NewHandler([]string{apiKey}, func(context.Context, *webhook.Event) error {
			return errors.New("upstream said: invalid key " + apiKey)
		}, knitotel.WebhookOption(tel.opts()...))
		assert.Equal(t, http.StatusInternalServerError, deliver(t, h, employeeEvent("e_1", ""), apiKey))
		spans := tel.spans.Ended()
		require.Len(t, spans, 1)
		assert.Contains(t, spans[0].Status().Description, "invalid key [REDACTED API KEY]")
		for _, text := range tel.everything(t) {
			assert.NotContains(t, text, apiKey[:6])
		}
	})
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *strings.Builder
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// TestFailedSpanStatusDescriptions: a span's status says what failed in
// the SDK's own words: a refused connection keeps its text (made on this
// machine) without the URL, a Knit refusal gives its HTTP status and class.
func TestFailedSpanStatusDescriptions(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	closed := ln.Addr().String()
	require.NoError(t, ln.Close())
	refusing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`{"success":false,"error":{"msg":"app not connected for jane@example.com"}}`))
	}))
	t.Cleanup(refusing.Close)

	for base, want := range map[string]struct{ call, attempt string }{
		"http://" + closed: {"transport", "connection refused"},
		refusing.URL:       {"403 Forbidden (forbidden)", ""},
	} {
		tel := newTelemetry(t)
		client, err := knit.NewClient("k", option.WithBaseURL(base+"/v1.0"), option.WithMaxRetries(0),
			knitotel.ClientOption(tel.opts()...))
		require.NoError(t, err)
		_, err = client.Integration("int_1").ATS.Jobs.List(context.Background(), &ats.JobListParams{PageToken: "tok"})
		require.Error(t, err)
		calls, attempts := tel.ended(trace.SpanKindInternal), tel.ended(trace.SpanKindClient)
		require.Len(t, calls, 1)
		require.Len(t, attempts, 1)
		assert.Equal(t, want.call, calls[0].Status().Description, base)
		assert.Equal(t, codes.Error, attempts[0].Status().Code, base)
		if want.attempt != "" {
			assert.Contains(t, attempts[0].Status().Description, want.attempt, base)
			assert.NotContains(t, attempts[0].Status().Description, "tok", "no URL in it")
		}
		assert.NotContains(t, calls[0].Status().Description, "jane@", "Knit's message stays on the error")
	}
}
