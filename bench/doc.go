// Package bench holds no code of its own: its tests measure the SDK against a
// hand-written baseline, so the cost of the SDK's plumbing (request building,
// retries, envelope decoding, error mapping, paging) is a number, not a
// guess.
//
// Every benchmark has two variants, named variant=sdk and variant=baseline.
// Both talk to the same loopback httptest server, send the same URL and
// headers (Authorization: Bearer, X-Knit-Integration-Id, Accept,
// User-Agent) and decode the same {"success","data"} envelope. The baseline
// is what a careful user would write with net/http and encoding/json alone:
// it decodes the response stream with json.Decoder into its own types
// (dates as strings, raw sections as json.RawMessage), not into the SDK's
// models. The ratio sdk/baseline is what counts, not the absolute times,
// which depend on the machine.
//
//   - BenchmarkPage: one page of 100 ATS jobs with in.ATS.Jobs.List, on
//     four bodies: ASCII-only text, realistic text (non-ASCII names,
//     descriptions with newlines, quotes and escapes), 8 KiB descriptions,
//     and an unusual body (a case-variant and an escaped key). A third
//     variant, unmarshal, reads the body whole and calls json.Unmarshal.
//     Targets (CPU): ≤ 0.4× baseline on realistic and desc8k, ≤ 1.1×
//     unmarshal on unusual, allocations ≤ 1.0× baseline.
//   - BenchmarkAll: in.ATS.Jobs.All over 50,000 jobs in pages of 100 against
//     a hand-written paging loop. Target: time ≤ 0.90×.
//     TestAllMemoryFlat checks that the iterator retains no records: the live
//     heap after 50,000 records is within 2 MiB of that after 1,000.
//   - BenchmarkParallelGet: 64 goroutines share one client (both variants on
//     the same tuned *http.Client), each with its own Integration handle, and
//     call a small GET.
//   - BenchmarkParallelGetDefaultClient: the same with the SDK built from
//     default options (no option.WithHTTPClient) against the baseline on a
//     tuned transport; it also reports new-conns/1k-calls. Targets:
//     throughput ≥ 1.2× (ns/op ≤ 0.83×), a handful of new connections per
//     1,000 calls.
//   - BenchmarkWebhookRoute: verify and parse (route only) a typical 3 KiB
//     employee event, a leave-heavy one, a custom-field-heavy one and a 64
//     KiB ats_jobs event, against crypto/hmac and json.Unmarshal with
//     eventData kept raw. Target (CPU): ≤ 0.6×. Verification alone
//     allocates O(1) (TestVerifyAllocsConstant).
//   - BenchmarkWebhookTyped: the same employee events, plus Employee(),
//     against one json.Unmarshal into the baseline's typed envelope.
//     Targets (CPU): ≤ 0.6× (typical, leave-heavy), ≤ 0.5× (custom-heavy).
//   - BenchmarkHandler64: webhook.NewHandler without dedupe, routing the
//     typical event, at 64 concurrent deliveries, against a hand-written
//     handler. Target: throughput ≥ 1.2×.
//   - BenchmarkWebhookEmployee: verify, parse and Event.Employee() of a 64
//     KiB employee event against a hand-written verify and one
//     json.Unmarshal into its own typed envelope (ASCII-only text).
//   - BenchmarkOverhead: a one-job page from an in-memory RoundTripper, so
//     only the client's own work is timed; no target, it shows the SDK's
//     fixed cost per call.
//
// Every benchmark also reports cpu-ns/op, the process's CPU time per op,
// which other processes on a shared machine disturb less than wall time.
//
// Run the benchmarks ten times and compare the variants with benchstat:
//
//	go test -run '^$' -bench . -benchmem -count 10 ./bench/ | tee bench.txt
//	go run golang.org/x/perf/cmd/benchstat@latest -col '/variant@(baseline sdk)' bench.txt
//
// Run in one process, the variants showed an order effect (the one running
// second was up to 30% off, either way), so bench/README.md runs them in
// alternating processes instead; its numbers come from those runs.
//
// The memory and allocation tests run with the rest of the suite
// (go test ./bench/). bench/README.md records the measured ratios, the
// machine and the exact commands.
package bench
