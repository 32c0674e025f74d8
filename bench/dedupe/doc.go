// Package dedupe measures what deduplication costs a webhook delivery: one
// handler with the in-memory Deduper, the Redis Deduper, the Postgres
// Deduper and the Postgres transactional inbox, against a hand-written
// net/http + crypto/hmac + encoding/json handler without dedupe, in the
// same run.
//
//	eval "$(bash .ci/services start)"
//	cd bench/dedupe && GOWORK=off go test -run '^$' -bench . -benchtime 3000x -count 3
//
// It is its own module (it needs both adapters); it holds no code but its
// benchmarks.
package dedupe
