package bench_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/ats"
)

const allTotal = 50_000

// BenchmarkAll ranges over 50,000 jobs in pages of 100 (500 requests per
// op): in.ATS.Jobs.All against a hand-written paging loop. Target: time
// ≤ 0.90×.
func BenchmarkAll(b *testing.B) {
	ps := newPagedServer(b, allTotal)
	hc := sharedHTTPClient(b)
	ctx := context.Background()

	b.Run("variant=sdk", func(b *testing.B) {
		in := sdkClient(b, ps.srv, hc).Integration(benchIntegration)
		b.ReportAllocs()
		cpu := startCPU()
		for b.Loop() {
			n := 0
			for job, err := range in.ATS.Jobs.All(ctx, nil) {
				if err != nil {
					b.Fatal(err)
				}
				if job.Info.ID == "" {
					b.Fatal("job without ID")
				}
				n++
			}
			if n != allTotal {
				b.Fatalf("got %d jobs", n)
			}
		}
		cpu.report(b)
	})
	b.Run("variant=baseline", func(b *testing.B) {
		bl := &baseline{hc: hc, baseURL: ps.srv.URL + "/v1.0", key: benchKey}
		b.ReportAllocs()
		cpu := startCPU()
		for b.Loop() {
			n, token := 0, ""
			for {
				var env jobPageEnvelope
				if err := bl.listJobs(ctx, benchIntegration, token, &env); err != nil {
					b.Fatal(err)
				}
				for i := range env.Data.Jobs {
					if env.Data.Jobs[i].Info.ID == "" {
						b.Fatal("job without ID")
					}
					n++
				}
				if env.Data.NextPageToken == "" {
					break
				}
				token = env.Data.NextPageToken
			}
			if n != allTotal {
				b.Fatalf("got %d jobs", n)
			}
		}
		cpu.report(b)
	})
}

// liveHeap returns the bytes of live heap objects after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// TestAllMemoryFlat checks that Jobs.All keeps no record it has yielded:
// the live heap measured inside the loop after 50,000 jobs is within 2 MiB
// of the live heap after 1,000. Each of these jobs is about 1.5 KiB of JSON
// and more once decoded, so retaining them would add tens of MiB.
func TestAllMemoryFlat(t *testing.T) {
	// Not parallel: other tests' allocations would blur the heap numbers.
	if testing.Short() {
		t.Skip("ranges over 50,000 records")
	}
	ps := newPagedServer(t, allTotal)
	in := sdkClient(t, ps.srv, sharedHTTPClient(t)).Integration(benchIntegration)

	var at1k, at50k uint64
	n := 0
	var last ats.Job
	for job, err := range in.ATS.Jobs.All(context.Background(), nil) {
		require.NoError(t, err)
		n++
		switch n {
		case 1_000:
			at1k = liveHeap()
		case allTotal:
			at50k = liveHeap()
		}
		last = job
	}
	require.Equal(t, allTotal, n)
	assert.Equal(t, "job-99", last.Info.ID, "the last job of the last page")
	const bound = 2 << 20
	t.Logf("live heap after 1,000 jobs: %d KiB; after 50,000: %d KiB", at1k>>10, at50k>>10)
	assert.LessOrEqual(t, at50k, at1k+bound,
		"live heap grew by %d KiB between 1,000 and 50,000 records: the iterator retains records", (int64(at50k)-int64(at1k))>>10)
}
