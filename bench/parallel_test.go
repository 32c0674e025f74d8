package bench_test

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/option"
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
// job). ns/op is the inverse of throughput. Both variants use the same tuned
// *http.Client; BenchmarkParallelGetDefaultClient is the default-options
// case.
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

// BenchmarkParallelGetDefaultClient is BenchmarkParallelGet with the SDK
// built from default options (no option.WithHTTPClient) against the
// baseline on a hand-tuned transport (sharedHTTPClient). Besides ns/op it
// reports new-conns/1k-calls: connections the server saw opened per 1,000
// calls after a warm-up in which each goroutine made one call. Targets: SDK throughput ≥ 1.2× the baseline's (ns/op ≤ 0.83×),
// and a handful of new connections per 1,000 calls.
func BenchmarkParallelGetDefaultClient(b *testing.B) {
	body := pageJSON(0, 1, "")
	srv, conns := countingServer(b, body)
	ctx := context.Background()

	run := func(b *testing.B, get func(integ string) error) {
		// Warm up: one call from each of the goroutines at once opens the
		// connections any pool needs; what is counted is the churn after.
		var wg sync.WaitGroup
		for range parallelGoroutines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := get("int_warmup"); err != nil {
					b.Error(err)
				}
			}()
		}
		wg.Wait()
		var id atomic.Int64
		setParallelism(b)
		b.ReportAllocs()
		start := conns.Load()
		b.ResetTimer()
		cpu := startCPU()
		b.RunParallel(func(pb *testing.PB) {
			integ := "int_" + strconv.FormatInt(id.Add(1), 10)
			for pb.Next() {
				if err := get(integ); err != nil {
					b.Error(err)
					return
				}
			}
		})
		cpu.report(b)
		b.ReportMetric(float64(conns.Load()-start)*1000/float64(b.N), "new-conns/1k-calls")
	}
	b.Run("variant=sdk", func(b *testing.B) {
		client, err := knit.NewClient(benchKey, option.WithBaseURL(srv.URL+"/v1.0"))
		if err != nil {
			b.Fatal(err)
		}
		run(b, func(integ string) error {
			page, err := client.Integration(integ).ATS.Jobs.List(ctx, nil)
			if err == nil && len(page.Jobs) != 1 {
				err = fmt.Errorf("got %d jobs", len(page.Jobs))
			}
			return err
		})
	})
	b.Run("variant=baseline", func(b *testing.B) {
		bl := &baseline{hc: sharedHTTPClient(b), baseURL: srv.URL + "/v1.0", key: benchKey}
		run(b, func(integ string) error {
			var env jobPageEnvelope
			err := bl.listJobs(ctx, integ, "", &env)
			if err == nil && len(env.Data.Jobs) != 1 {
				err = fmt.Errorf("got %d jobs", len(env.Data.Jobs))
			}
			return err
		})
	})
}
