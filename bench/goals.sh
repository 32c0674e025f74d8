#!/usr/bin/env bash
# Runs the issue-21 goal benchmarks (bench/README.md) in alternating
# processes, SDK then baselines then baselines then SDK, ROUNDS times, so that
# each variant gets 2*ROUNDS samples without an order effect, and prints
# benchstat's comparison. GOTOOLCHAIN picks the Go version, e.g.
#   GOTOOLCHAIN=go1.27.3 bash bench/goals.sh > bench/results/goals-go1.27.txt
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS="${ROUNDS:-3}"
BENCHTIME="${BENCHTIME:-300ms}"
bin=$(mktemp)
trap 'rm -f "$bin"' EXIT
go test -c -o "$bin" .
go version >&2
# A -bench pattern has one part per level, so the benchmarks with a payload
# level and those without are run by two patterns.
run() {
	local flags=(-test.run '^$' -test.benchmem -test.benchtime "$BENCHTIME")
	"$bin" "${flags[@]}" -test.bench "^Benchmark(Page|WebhookRoute|WebhookTyped)\$/./variant=($1)\$"
	"$bin" "${flags[@]}" -test.bench "^Benchmark(WebhookEmployee|Handler64|ParallelGetDefaultClient)\$/variant=($1)\$"
}
out=$(mktemp)
for _ in $(seq "$ROUNDS"); do
	run sdk >>"$out"
	run 'baseline|unmarshal' >>"$out"
	run 'baseline|unmarshal' >>"$out"
	run sdk >>"$out"
done
cat "$out"
echo
benchstat -col '/variant@(baseline sdk unmarshal)' "$out"
rm -f "$out"
