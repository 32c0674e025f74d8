package bench_test

import (
	"context"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
)

// parallelGoroutines is the number of goroutines sharing one client.
const parallelGoroutines = 64

// setParallelism makes RunParallel start parallelGoroutines goroutines
// whatever GOMAXPROCS is (it starts parallelism × GOMAXPROCS).
func setParallelism(b *testing.B) {
	p := parallelGoroutines / runtime.GOMAXPROCS(0)
	if p*runtime.GOMAXPROCS(0) != parallelGoroutines {
		b.Logf("GOMAXPROCS=%d does not divide %d; running %d goroutines", runtime.GOMAXPROCS(0), parallelGoroutines, max(p, 1)*runtime.GOMAXPROCS(0))
	}
	b.SetParallelism(max(p, 1))
}

// BenchmarkParallelGet runs 64 goroutines that share one client, each
// with its own Integration handle, and call a small GET (a page of one
// job). ns/op is the inverse of throughput. Target: SDK throughput ≥ 0.90×
// the baseline's, i.e. ns/op ≤ 1.11×.
func BenchmarkParallelGet(b *testing.B) {
	body := pageJSON(0, 1, "")
	srv := staticServer(b, body)
	hc := sharedHTTPClient(b)
	ctx := context.Background()

	b.Run("variant=sdk", func(b *testing.B) {
		client := sdkClient(b, srv, hc)
		var id atomic.Int64
		setParallelism(b)
		b.ReportAllocs()
		cpu := startCPU()
		b.RunParallel(func(pb *testing.PB) {
			in := client.Integration("int_" + strconv.FormatInt(id.Add(1), 10))
			for pb.Next() {
				page, err := in.ATS.Jobs.List(ctx, nil)
				if err != nil {
					b.Error(err)
					return
				}
				if len(page.Jobs) != 1 {
					b.Errorf("got %d jobs", len(page.Jobs))
					return
				}
			}
		})
		cpu.report(b)
	})
	b.Run("variant=baseline", func(b *testing.B) {
		bl := &baseline{hc: hc, baseURL: srv.URL + "/v1.0", key: benchKey}
		var id atomic.Int64
		setParallelism(b)
		b.ReportAllocs()
		cpu := startCPU()
		b.RunParallel(func(pb *testing.PB) {
			integ := "int_" + strconv.FormatInt(id.Add(1), 10)
			for pb.Next() {
				var env jobPageEnvelope
				if err := bl.listJobs(ctx, integ, "", &env); err != nil {
					b.Error(err)
					return
				}
				if len(env.Data.Jobs) != 1 {
					b.Errorf("got %d jobs", len(env.Data.Jobs))
					return
				}
			}
		})
		cpu.report(b)
	})
}
