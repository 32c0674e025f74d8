package knitredis_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/webhook"
	"github.com/knit-sdk/knit-go/webhook/webhooktest"

	knitredis "github.com/knit-sdk/knit-go/redis"
)

// EnvRedisURL names the server the integration tests use.
const EnvRedisURL = "KNIT_TEST_REDIS_URL"

// testURL returns the Redis URL, skipping the test when it is unset (and
// failing instead under CI=true, where .ci/run starts a server).
func testURL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv(EnvRedisURL)
	if u == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is not set: CI must run the Redis integration tests (eval \"$(bash .ci/services start)\")", EnvRedisURL)
		}
		tb.Skipf("set %s=redis://127.0.0.1:6379/0 to run the Redis integration tests (bash .ci/services start prints it)", EnvRedisURL)
	}
	return u
}

// newClient returns a UniversalClient on the test server.
func newClient(tb testing.TB) redis.UniversalClient {
	tb.Helper()
	opt, err := redis.ParseURL(testURL(tb))
	require.NoError(tb, err)
	rdb := redis.NewUniversalClient(&redis.UniversalOptions{
		Addrs: []string{opt.Addr}, DB: opt.DB, Username: opt.Username, Password: opt.Password,
		PoolSize: 64,
	})
	tb.Cleanup(func() { _ = rdb.Close() })
	require.NoError(tb, rdb.Ping(context.Background()).Err(), "redis at %s", opt.Addr)
	return rdb
}

func prefix() string { return webhooktest.ID("knittest") + ":" }

func TestConformance(t *testing.T) {
	t.Parallel()
	rdb := newClient(t)
	p := prefix()
	webhooktest.RunDeduper(t, func(_ *testing.T, cfg webhooktest.Config) (webhook.Deduper, error) {
		return knitredis.New(context.Background(), rdb, knitredis.Config{KeyPrefix: p, Lease: cfg.Lease, TTL: cfg.TTL})
	})
}

func TestReplicas(t *testing.T) {
	t.Parallel()
	rdb := newClient(t)
	p := prefix()
	webhooktest.RunReplicas(t, func(_ *testing.T, cfg webhooktest.Config) (webhook.Deduper, error) {
		// One client per replica, as separate processes would have.
		opt := rdb.(*redis.Client).Options()
		own := redis.NewClient(&redis.Options{Addr: opt.Addr, DB: opt.DB, Username: opt.Username, Password: opt.Password, PoolSize: 64})
		t.Cleanup(func() { _ = own.Close() })
		return knitredis.New(context.Background(), own, knitredis.Config{KeyPrefix: p, Lease: cfg.Lease, TTL: cfg.TTL})
	}, webhooktest.ReplicaConfig{})
}

// TestKeysAndMemory checks what a processed event leaves in Redis: one key
// under the prefix, "d", expiring after the TTL by the server's clock; and
// measures its memory (documented in doc.go).
func TestKeysAndMemory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rdb := newClient(t)
	d, err := knitredis.New(ctx, rdb, knitredis.Config{})
	require.NoError(t, err)
	// A 36-character event ID (Knit documents no format) under the default prefix.
	id := fmt.Sprintf("e_%s%08d", strings.ToLower(webhook.NewClaimToken()), 1)
	key := knitredis.DefaultKeyPrefix + id
	t.Cleanup(func() { rdb.Del(ctx, key) })

	cl, err := d.Begin(ctx, id)
	require.NoError(t, err)
	require.Equal(t, webhook.Claimed, cl.Status)
	assert.Equal(t, webhook.DefaultLease, cl.Lease)
	v, err := rdb.Get(ctx, key).Result()
	require.NoError(t, err)
	assert.Equal(t, "c:"+cl.Token, v)
	pttl, err := rdb.PTTL(ctx, key).Result()
	require.NoError(t, err)
	assert.InDelta(t, webhook.DefaultLease.Seconds(), pttl.Seconds(), 5, "the lease is the key's PX")

	require.NoError(t, d.Finish(ctx, id, cl.Token, true))
	v, err = rdb.Get(ctx, key).Result()
	require.NoError(t, err)
	assert.Equal(t, "d", v)
	pttl, err = rdb.PTTL(ctx, key).Result()
	require.NoError(t, err)
	assert.Greater(t, pttl, webhook.MinDedupeTTL)
	assert.LessOrEqual(t, pttl, webhook.DefaultDedupeTTL)

	mem, err := rdb.MemoryUsage(ctx, key).Result()
	require.NoError(t, err)
	t.Logf("MEMORY USAGE of one processed event (key %d bytes): %d bytes", len(key), mem)
	assert.LessOrEqual(t, mem, int64(136), "doc.go documents 120 bytes per event")
}

// TestEvictionPolicy: New refuses a server that may evict dedupe keys, also
// when CONFIG is refused (through INFO memory). It changes the server's
// policy, so it does not run in parallel (and restores it).
func TestEvictionPolicy(t *testing.T) {
	ctx := context.Background()
	rdb := newClient(t)
	orig, err := rdb.ConfigGet(ctx, "maxmemory-policy").Result()
	require.NoError(t, err)
	t.Cleanup(func() { rdb.ConfigSet(ctx, "maxmemory-policy", orig["maxmemory-policy"]) })

	for _, policy := range []string{"allkeys-lru", "volatile-ttl", "volatile-lru"} {
		require.NoError(t, rdb.ConfigSet(ctx, "maxmemory-policy", policy).Err())
		d, err := knitredis.New(ctx, rdb, knitredis.Config{})
		require.ErrorIs(t, err, knitredis.ErrEvictionPolicy, policy)
		assert.Contains(t, err.Error(), policy)
		assert.Nil(t, d)
		_, err = knitredis.New(ctx, rdb, knitredis.Config{SkipPolicyCheck: true})
		require.NoError(t, err, "SkipPolicyCheck")
	}

	// A user without the CONFIG command (as on managed services): the
	// policy is read from INFO memory, so an evicting one is still refused.
	user := "knit-noconfig-" + strings.ToLower(webhook.NewClaimToken())[:8]
	require.NoError(t, rdb.Do(ctx, "ACL", "SETUSER", user, "on", ">pw", "~*", "+@all", "-config").Err())
	t.Cleanup(func() { rdb.Do(ctx, "ACL", "DELUSER", user) })
	opt := rdb.(*redis.Client).Options()
	limited := redis.NewClient(&redis.Options{Addr: opt.Addr, DB: opt.DB, Username: user, Password: "pw"})
	t.Cleanup(func() { _ = limited.Close() })
	require.Error(t, limited.ConfigGet(ctx, "maxmemory-policy").Err(), "the ACL forbids CONFIG")
	_, err = knitredis.New(ctx, limited, knitredis.Config{KeyPrefix: prefix()})
	require.ErrorIs(t, err, knitredis.ErrEvictionPolicy, "read through INFO memory")
	assert.Contains(t, err.Error(), "volatile-lru")

	require.NoError(t, rdb.ConfigSet(ctx, "maxmemory-policy", "noeviction").Err())
	d, err := knitredis.New(ctx, limited, knitredis.Config{KeyPrefix: prefix()})
	require.NoError(t, err, "noeviction and an append-only file, both read through INFO")
	cl, err := d.Begin(ctx, "e1")
	require.NoError(t, err)
	assert.Equal(t, webhook.Claimed, cl.Status)
	_, err = knitredis.New(ctx, rdb, knitredis.Config{})
	require.NoError(t, err)
}

// TestPersistence: New refuses a server with neither an append-only file
// nor RDB snapshots, accepts RDB alone with a warning, and accepts no
// persistence only through AllowVolatileStoreForDevelopment, loudly. It
// changes the server's configuration, so it does not run in parallel.
func TestPersistence(t *testing.T) {
	ctx := context.Background()
	rdb := newClient(t)
	orig, err := rdb.ConfigGet(ctx, "*").Result()
	require.NoError(t, err)
	require.Equal(t, "yes", orig["appendonly"], "the test server runs with an append-only file (.ci/services)")
	t.Cleanup(func() {
		rdb.ConfigSet(ctx, "save", orig["save"])
		rdb.ConfigSet(ctx, "appendonly", orig["appendonly"])
	})
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))

	require.NoError(t, rdb.ConfigSet(ctx, "appendonly", "no").Err())
	require.NoError(t, rdb.ConfigSet(ctx, "save", "").Err())
	_, err = knitredis.New(ctx, rdb, knitredis.Config{Logger: logger})
	require.ErrorIs(t, err, knitredis.ErrNoPersistence)
	assert.Contains(t, err.Error(), rdb.(*redis.Client).Options().Addr)
	_, err = knitredis.New(ctx, rdb, knitredis.Config{Logger: logger, AllowVolatileStoreForDevelopment: true})
	require.NoError(t, err)
	assert.Contains(t, logs.String(), "AllowVolatileStoreForDevelopment")
	assert.Contains(t, logs.String(), "level=WARN")

	logs.Reset()
	require.NoError(t, rdb.ConfigSet(ctx, "save", "3600 1").Err())
	_, err = knitredis.New(ctx, rdb, knitredis.Config{Logger: logger})
	require.NoError(t, err)
	assert.Contains(t, logs.String(), "RDB snapshots only")
}

// TestRing: a Ring remaps a dead shard's keys, so New refuses it before it
// contacts any shard, unless AllowRingForDevelopment says otherwise.
func TestRing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ring := redis.NewRing(&redis.RingOptions{Addrs: map[string]string{"a": "127.0.0.1:1", "b": "127.0.0.1:2"}})
	t.Cleanup(func() { _ = ring.Close() })
	_, err := knitredis.New(ctx, ring, knitredis.Config{})
	require.ErrorIs(t, err, knitredis.ErrRing)
	var logs bytes.Buffer
	d, err := knitredis.New(ctx, ring, knitredis.Config{AllowRingForDevelopment: true, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	require.NoError(t, err)
	assert.NotNil(t, d)
	assert.Contains(t, logs.String(), "AllowRingForDevelopment")
	_, err = knitredis.New(ctx, ring, knitredis.Config{AllowRingForDevelopment: true, WaitReplicas: 1})
	require.ErrorContains(t, err, "WaitReplicas")
}

// TestWaitShortfall: with WaitReplicas on a server without replicas, Begin
// claims on the master but says the replicas did not acknowledge it
// (ErrNotReplicated, answered 500); Finish marks the event processed,
// writes the marker again for a lease, then says the same.
func TestWaitShortfall(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rdb := newClient(t)
	p := prefix()
	const lease = 300 * time.Millisecond
	d, err := knitredis.New(ctx, rdb, knitredis.Config{KeyPrefix: p, Lease: lease, WaitReplicas: 1, WaitTimeout: 20 * time.Millisecond})
	require.NoError(t, err)
	_, err = d.Begin(ctx, "e1")
	require.ErrorIs(t, err, knitredis.ErrNotReplicated)
	assert.Contains(t, err.Error(), "0 of 1 replicas")

	plain, err := knitredis.New(ctx, rdb, knitredis.Config{KeyPrefix: p, Lease: lease})
	require.NoError(t, err)
	cl, err := plain.Begin(ctx, "e2")
	require.NoError(t, err)
	start := time.Now()
	err = d.Finish(ctx, "e2", cl.Token, true)
	require.ErrorIs(t, err, knitredis.ErrNotReplicated)
	assert.GreaterOrEqual(t, time.Since(start), lease, "the marker is written again for a lease")
	cl, err = plain.Begin(ctx, "e2")
	require.NoError(t, err)
	assert.Equal(t, webhook.Processed, cl.Status)
	_, err = knitredis.New(ctx, rdb, knitredis.Config{WaitReplicas: -1})
	require.ErrorContains(t, err, "negative")
}

func TestNewRefusesBadConfig(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, err := knitredis.New(ctx, nil, knitredis.Config{})
	require.ErrorContains(t, err, "nil redis client")
	// Checked before the server is contacted: no server needed.
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialTimeout: 100 * time.Millisecond})
	t.Cleanup(func() { _ = rdb.Close() })
	_, err = knitredis.New(ctx, rdb, knitredis.Config{TTL: time.Hour})
	require.ErrorContains(t, err, "4-day")
	_, err = knitredis.New(ctx, rdb, knitredis.Config{Lease: -time.Second})
	require.Error(t, err)
	// An unreachable server fails the checks loudly.
	_, err = knitredis.New(ctx, rdb, knitredis.Config{})
	require.ErrorContains(t, err, "checking the server at 127.0.0.1:1")
}

// TestStoreErrors: a closed client's errors are returned, wrapped with the
// event ID, and are not ErrClaimLost.
func TestStoreErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	opt := newClient(t).(*redis.Client).Options()
	rdb := redis.NewClient(&redis.Options{Addr: opt.Addr, DB: opt.DB, Username: opt.Username, Password: opt.Password})
	d, err := knitredis.New(ctx, rdb, knitredis.Config{})
	require.NoError(t, err)
	require.NoError(t, rdb.Close())
	_, err = d.Begin(ctx, "e1")
	require.ErrorContains(t, err, `begin "e1"`)
	err = d.Finish(ctx, "e1", "tok", true)
	require.ErrorContains(t, err, `finish "e1"`)
	require.NotErrorIs(t, err, webhook.ErrClaimLost)
	err = d.Renew(ctx, "e1", "tok")
	require.ErrorContains(t, err, `renew "e1"`)
	require.NotErrorIs(t, err, webhook.ErrClaimLost)
}

func ExampleNew() {
	ctx := context.Background()
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	defer rdb.Close()
	// The TTL is checked before Redis is contacted.
	_, err := knitredis.New(ctx, rdb, knitredis.Config{TTL: 24 * time.Hour})
	fmt.Println(err)
	// Output: webhook: dedupe TTL 24h0m0s is shorter than Knit's 4-day retry window (minimum 96h0m0s)
}
