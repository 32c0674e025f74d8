package knitredis_test

import (
	"context"
	"fmt"
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

// TestEvictionPolicy: New refuses a server that may evict dedupe keys, and
// lets through a server that refuses CONFIG GET. It changes the server's
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

	// A user without the CONFIG command (as on managed services) is let through.
	user := "knit-noconfig-" + strings.ToLower(webhook.NewClaimToken())[:8]
	require.NoError(t, rdb.Do(ctx, "ACL", "SETUSER", user, "on", ">pw", "~*", "+@all", "-config").Err())
	t.Cleanup(func() { rdb.Do(ctx, "ACL", "DELUSER", user) })
	opt := rdb.(*redis.Client).Options()
	limited := redis.NewClient(&redis.Options{Addr: opt.Addr, DB: opt.DB, Username: user, Password: "pw"})
	t.Cleanup(func() { _ = limited.Close() })
	require.Error(t, limited.ConfigGet(ctx, "maxmemory-policy").Err(), "the ACL forbids CONFIG")
	d, err := knitredis.New(ctx, limited, knitredis.Config{KeyPrefix: prefix()})
	require.NoError(t, err)
	cl, err := d.Begin(ctx, "e1")
	require.NoError(t, err)
	assert.Equal(t, webhook.Claimed, cl.Status)

	require.NoError(t, rdb.ConfigSet(ctx, "maxmemory-policy", "noeviction").Err())
	_, err = knitredis.New(ctx, rdb, knitredis.Config{})
	require.NoError(t, err)
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
	// An unreachable server fails the policy check loudly.
	_, err = knitredis.New(ctx, rdb, knitredis.Config{})
	require.ErrorContains(t, err, "maxmemory-policy")
}

// TestStoreErrors: a closed client's errors are returned, wrapped with the
// event ID, and are not ErrClaimLost.
func TestStoreErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialTimeout: 100 * time.Millisecond})
	t.Cleanup(func() { _ = rdb.Close() })
	d, err := knitredis.New(ctx, rdb, knitredis.Config{SkipPolicyCheck: true})
	require.NoError(t, err)
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
