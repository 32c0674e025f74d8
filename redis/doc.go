// Package knitredis is a [webhook.Deduper] on Redis for Knit webhook
// receivers that run as several replicas: every replica's
// [webhook.NewHandler] shares one Redis, so a delivery is processed once
// whichever replica receives it.
//
//	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"}) // or NewClusterClient, NewFailoverClient
//	dedupe, err := knitredis.New(ctx, rdb, knitredis.Config{})
//	if err != nil {
//		return err // bad TTL, no persistence, an evicting maxmemory-policy, a Ring
//	}
//	http.Handle("/knit/webhook", webhook.NewHandler([]string{apiKey}, router.Handle,
//		webhook.WithDeduper(dedupe), webhook.WithCallbackTimeout(time.Minute)))
//
// # Guarantees
//
// At-least-once with fencing: a callback that succeeds is never run again
// for the same event within the TTL (5 days by default), two replicas never
// run it at the same time while a claim is live, and a failed callback is
// retried by Knit's redelivery. If a replica stalls past its claim's lease
// (30 seconds by default, renewed every 10 seconds while the callback
// runs), another replica may take the event over and run the callback
// again; the stalled replica's late Finish is refused
// ([webhook.ErrClaimLost]). Make callbacks idempotent, or use the Postgres
// module's transactional inbox for exactly-once database effects.
//
// # Redis configuration
//
// [New] refuses a store that would forget processed events, with the reason
// in the error, checking every master of a Cluster:
//
//   - no persistence (appendonly no and save ""): a restart forgets every
//     processed event (ErrNoPersistence). Run with appendonly yes and
//     appendfsync everysec; RDB snapshots alone are accepted with a
//     warning, since a restart forgets what came after the last one;
//   - a maxmemory-policy other than noeviction ([ErrEvictionPolicy]): every
//     dedupe key carries a TTL, so allkeys-* and volatile-* policies may
//     evict processed markers under memory pressure. Where CONFIG is
//     refused (managed services), the policy is read from INFO memory;
//   - a *redis.Ring (ErrRing): it moves a dead shard's keys to the others
//     and back, so markers vanish.
//
// AllowVolatileStoreForDevelopment, AllowEvictingPolicyForDevelopment and
// AllowRingForDevelopment accept each of them for local work, with a
// warning in the log.
//
// With replicas (Sentinel, Cluster), a marker acknowledged by the master
// just before a failover may not have reached the replica that takes over.
// Config.WaitReplicas makes Finish wait (WAIT) for that many replicas.
//
// NewHandler retries a Finish that fails while Redis restarts or fails over
// (see webhook.WithFinishRetry), so an outage shorter than the lease does
// not make a redelivery run the callback again.
//
// Memory: a processed event is one string key, prefix + eventId, holding
// "d" with a TTL. For a 36-character event ID under the default prefix
// (a 49-byte key) Redis 7 reports 120 bytes (MEMORY USAGE, measured by
// TestKeysAndMemory), so a million events a day kept 5 days take about
// 600 MB; a shorter prefix saves its length per key. A claim in progress
// holds "c:" and a 26-character token instead, for at most its lease.
//
// Module github.com/knit-sdk/knit-go/redis needs Go 1.26 or later, like
// the core module.
package knitredis
