package knitotel_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	metricnoop "go.opentelemetry.io/otel/metric/noop"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	tracenoop "go.opentelemetry.io/otel/trace/noop"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/knitotel"
	"github.com/knit-sdk/knit-go/option"
)

const benchKey = "sk_bench"

// memoryTransport answers every request with a one-job page from memory,
// so the benchmark measures client-side work only: no sockets or server
// goroutines hide the instrumentation's cost.
type memoryTransport struct{ body []byte }

func (m memoryTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode:    http.StatusOK,
		Header:        http.Header{"Content-Type": {"application/json"}, "X-Knit-Execution-Id": {"exec_1"}},
		Body:          io.NopCloser(bytes.NewReader(m.body)),
		ContentLength: int64(len(m.body)),
		Request:       r,
	}, nil
}

const oneJobPage = `{"success":true,"data":{"jobs":[{"info":{"id":"job-1","title":"Senior Backend Engineer",` +
	`"description":"<p>Build and run the services behind our hiring platform.</p>","createdAt":"2024-11-16T17:20:38Z",` +
	`"updatedAt":"2024-11-18T09:02:11Z","status":"OPEN"},"departments":[{"id":"d-1","name":"Engineering"}],` +
	`"offices":[{"id":"o1","name":"HQ"}],"stages":[{"id":"s1","text":"Application review"}]}],"nextPageToken":""}}`

// BenchmarkOverhead compares, in one run, the same call made by a plain
// client (variant=plain), by a client with ClientOption on no-op tracer and
// meter providers (variant=noop: what an application pays that installs the
// module but no OpenTelemetry SDK) and by one with the SDK recording spans
// and metrics in memory (variant=sdk, for information). The target is
// noop ≤ 1.05× plain.
func BenchmarkOverhead(b *testing.B) {
	hc := &http.Client{Transport: memoryTransport{body: []byte(oneJobPage)}}
	ctx := context.Background()
	base := []option.RequestOption{option.WithBaseURL("http://127.0.0.1:1/v1.0"), option.WithHTTPClient(hc)}

	sdkTP := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(tracetest.NewSpanRecorder()))
	sdkMP := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
	b.Cleanup(func() {
		_ = sdkTP.Shutdown(ctx)
		_ = sdkMP.Shutdown(ctx)
	})
	variants := []struct {
		name string
		opts []option.RequestOption
	}{
		{"plain", nil},
		{"noop", []option.RequestOption{knitotel.ClientOption(
			knitotel.WithTracerProvider(tracenoop.NewTracerProvider()),
			knitotel.WithMeterProvider(metricnoop.NewMeterProvider()))}},
		{"sdk", []option.RequestOption{knitotel.ClientOption(
			knitotel.WithTracerProvider(sdkTP), knitotel.WithMeterProvider(sdkMP))}},
	}
	for _, v := range variants {
		b.Run("variant="+v.name, func(b *testing.B) {
			call := newCall(b, append(base, v.opts...))
			b.ReportAllocs()
			for b.Loop() {
				call()
			}
		})
	}
}

// newCall returns one List call of a client built with opts.
func newCall(b *testing.B, opts []option.RequestOption) func() {
	b.Helper()
	c, err := knit.NewClient(benchKey, opts...)
	if err != nil {
		b.Fatal(err)
	}
	in := c.Integration("int_bench")
	ctx := context.Background()
	return func() {
		page, err := in.ATS.Jobs.List(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(page.Jobs) != 1 {
			b.Fatalf("got %d jobs", len(page.Jobs))
		}
	}
}

// BenchmarkOverheadPaired measures the noop/plain ratio on a busy machine:
// each op runs a block of plain calls and a block of calls with
// ClientOption on no-op providers back to back (alternating which goes
// first), so load from other processes hits both alike, and reports the
// median ratio of the pairs, by wall time (noop/plain) and by process CPU
// time (noop/plain-cpu). Run it with -benchtime 40x or more.
//
// The transport is in memory, the worst case: there is no network time to
// hide the instrumentation's cost. BenchmarkOverheadPairedLoopback measures
// the same pair over a loopback HTTP server, as a real call would run.
func BenchmarkOverheadPaired(b *testing.B) {
	hc := &http.Client{Transport: memoryTransport{body: []byte(oneJobPage)}}
	pairedOverhead(b, []option.RequestOption{option.WithBaseURL("http://127.0.0.1:1/v1.0"), option.WithHTTPClient(hc)})
}

// BenchmarkOverheadPairedLoopback is BenchmarkOverheadPaired over a loopback
// httptest server answering the same page, with the SDK's default client.
func BenchmarkOverheadPairedLoopback(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(oneJobPage))
	}))
	b.Cleanup(srv.Close)
	pairedOverhead(b, []option.RequestOption{option.WithBaseURL(srv.URL + "/v1.0")})
}

func pairedOverhead(b *testing.B, base []option.RequestOption) {
	b.Helper()
	plain := newCall(b, base)
	noop := newCall(b, append(base, knitotel.ClientOption(
		knitotel.WithTracerProvider(tracenoop.NewTracerProvider()),
		knitotel.WithMeterProvider(metricnoop.NewMeterProvider()))))
	const block = 500
	run := func(f func()) (wall, cpu time.Duration) {
		w0, c0 := time.Now(), processCPU()
		for range block {
			f()
		}
		return time.Since(w0), processCPU() - c0
	}
	var wallRatios, cpuRatios []float64
	var plainWall time.Duration
	i := 0
	for b.Loop() {
		var pw, pc, nw, nc time.Duration
		if i%2 == 0 {
			pw, pc = run(plain)
			nw, nc = run(noop)
		} else {
			nw, nc = run(noop)
			pw, pc = run(plain)
		}
		i++
		plainWall += pw
		wallRatios = append(wallRatios, float64(nw)/float64(pw))
		if pc > 0 {
			cpuRatios = append(cpuRatios, float64(nc)/float64(pc))
		}
	}
	b.ReportMetric(median(wallRatios), "noop/plain")
	b.ReportMetric(median(cpuRatios), "noop/plain-cpu")
	b.ReportMetric(float64(plainWall.Nanoseconds())/float64(i*block), "plain-ns/call")
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	return xs[len(xs)/2]
}
