package bench_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/option"
)

// memoryTransport answers every request in memory with body: no sockets,
// no server goroutines, so what remains is the client's own work.
type memoryTransport struct{ body []byte }

func (m memoryTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Header.Get("Authorization") != "Bearer "+benchKey || r.Header.Get("X-Knit-Integration-Id") == "" {
		return &http.Response{StatusCode: http.StatusUnauthorized, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
	}
	return &http.Response{
		StatusCode:    http.StatusOK,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(bytes.NewReader(m.body)),
		ContentLength: int64(len(m.body)),
		Request:       r,
	}, nil
}

// BenchmarkOverhead isolates the SDK's fixed cost per call: a page of one
// job from an in-memory http.RoundTripper, so no network or server time
// hides it. It has no target; it says how much the SDK's plumbing (retry
// client, envelope, error mapping) costs per call in absolute terms.
func BenchmarkOverhead(b *testing.B) {
	body := pageJSON(0, 1, "")
	hc := &http.Client{Transport: memoryTransport{body: body}}
	ctx := context.Background()

	b.Run("variant=sdk", func(b *testing.B) {
		c, err := knit.NewClient(benchKey, option.WithBaseURL("http://127.0.0.1:1/v1.0"), option.WithHTTPClient(hc))
		if err != nil {
			b.Fatal(err)
		}
		in := c.Integration(benchIntegration)
		b.ReportAllocs()
		cpu := startCPU()
		for b.Loop() {
			page, err := in.ATS.Jobs.List(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			if len(page.Jobs) != 1 {
				b.Fatalf("got %d jobs", len(page.Jobs))
			}
		}
		cpu.report(b)
	})
	b.Run("variant=baseline", func(b *testing.B) {
		bl := &baseline{hc: hc, baseURL: "http://127.0.0.1:1/v1.0", key: benchKey}
		b.ReportAllocs()
		cpu := startCPU()
		for b.Loop() {
			var env jobPageEnvelope
			if err := bl.listJobs(ctx, benchIntegration, "", &env); err != nil {
				b.Fatal(err)
			}
			if len(env.Data.Jobs) != 1 {
				b.Fatalf("got %d jobs", len(env.Data.Jobs))
			}
		}
		cpu.report(b)
	})
}
