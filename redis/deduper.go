package knitredis

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/knit-sdk/knit-go/webhook"
)

// DefaultKeyPrefix is the prefix of every key the Deduper writes, unless
// Config.KeyPrefix says otherwise.
const DefaultKeyPrefix = "knit:webhook:"

// Config configures New; the zero value means the defaults.
type Config struct {
	// KeyPrefix is prepended to every event ID (default DefaultKeyPrefix).
	// Replicas that share dedupe state must use the same prefix. In a
	// Cluster, a hash tag such as "{knit}:" puts every key on one shard;
	// without one, keys spread over the shards (each script touches one
	// key, so both work).
	KeyPrefix string
	// Lease is how long a claim is held unless renewed (default
	// webhook.DefaultLease). NewHandler renews it every third of the lease.
	Lease time.Duration
	// TTL is how long a processed event ID is kept (default
	// webhook.DefaultDedupeTTL, at least webhook.MinDedupeTTL).
	TTL time.Duration
	// WaitReplicas, when positive, makes Begin and Finish wait (Redis
	// WAIT), for at most WaitTimeout each, until that many replicas
	// acknowledged a new claim or a processed marker, so that a failover
	// to a replica (Sentinel, Cluster) forgets neither. A claim with fewer
	// acknowledgements is an error wrapping ErrNotReplicated (answered 500,
	// redelivered); a marker is written again, on whichever master the
	// client then finds, until enough replicas acknowledge it, for up to
	// the lease.
	WaitReplicas int
	// WaitTimeout bounds each WAIT (default DefaultWaitTimeout).
	WaitTimeout time.Duration
	// Logger receives New's warnings (a store accepted through an Allow…
	// option, a check that could not run; default slog.Default()).
	Logger *slog.Logger

	// New refuses a store that cannot keep processed events: a *redis.Ring
	// (ErrRing), a master without persistence (ErrNoPersistence) or with an
	// evicting maxmemory-policy (ErrEvictionPolicy). Each option below
	// accepts one of them for local development only, logging a warning;
	// never set them in production.

	// AllowVolatileStoreForDevelopment accepts a server without persistence.
	AllowVolatileStoreForDevelopment bool
	// AllowEvictingPolicyForDevelopment accepts an evicting maxmemory-policy.
	AllowEvictingPolicyForDevelopment bool
	// AllowRingForDevelopment accepts a *redis.Ring.
	AllowRingForDevelopment bool

	// SkipPolicyCheck accepts an evicting maxmemory-policy, like
	// AllowEvictingPolicyForDevelopment.
	//
	// Deprecated: use AllowEvictingPolicyForDevelopment, whose name says
	// what it risks.
	SkipPolicyCheck bool
}

// DefaultWaitTimeout bounds each WAIT of Config.WaitReplicas.
const DefaultWaitTimeout = time.Second

// Deduper is a webhook.Deduper and webhook.Renewer on Redis, shared by
// every replica that uses the same client target and key prefix. Each
// operation is one Lua script on one key, atomic on the server; leases and
// memory expire with PX, by the server's clock.
//
// A key holds "c:<token>" while claimed (expiring after the lease) and "d"
// once processed (expiring after the TTL).
type Deduper struct {
	rdb         redis.UniversalClient
	prefix      string
	lease       time.Duration
	ttl         time.Duration
	waitN       int
	waitTimeout time.Duration
}

var _ interface {
	webhook.Deduper
	webhook.Renewer
} = (*Deduper)(nil)

// New returns a Deduper on rdb: a *redis.Client, a Sentinel failover
// client (redis.NewFailoverClient) or a *redis.ClusterClient. It refuses a
// TTL shorter than webhook.MinDedupeTTL, and a store that would forget
// processed events: a *redis.Ring (ErrRing), or any master (every master of
// a Cluster) with neither an append-only file nor RDB snapshots
// (ErrNoPersistence) or whose maxmemory-policy is not noeviction
// (ErrEvictionPolicy; every dedupe key has a TTL, so the volatile-*
// policies evict them too). Where CONFIG is refused, as on many managed
// services, it reads the policy and the append-only file from INFO, and
// logs what it cannot confirm. RDB snapshots alone are accepted with a
// warning: a restart forgets what was processed since the last one.
func New(ctx context.Context, rdb redis.UniversalClient, cfg Config) (*Deduper, error) {
	if rdb == nil {
		return nil, errors.New("knitredis: nil redis client")
	}
	ttl, err := webhook.CheckTTL(cfg.TTL)
	if err != nil {
		return nil, err
	}
	lease, err := webhook.CheckLease(cfg.Lease)
	if err != nil {
		return nil, err
	}
	switch {
	case cfg.WaitReplicas < 0:
		return nil, fmt.Errorf("knitredis: WaitReplicas %d is negative", cfg.WaitReplicas)
	case cfg.WaitTimeout < 0:
		return nil, fmt.Errorf("knitredis: WaitTimeout %v is negative", cfg.WaitTimeout)
	case cfg.WaitTimeout == 0:
		cfg.WaitTimeout = DefaultWaitTimeout
	}
	if _, ok := rdb.(*redis.Ring); ok && cfg.WaitReplicas > 0 {
		return nil, errors.New("knitredis: WaitReplicas needs a single node, Sentinel or Cluster, not a *redis.Ring")
	}
	prefix := cfg.KeyPrefix
	if prefix == "" {
		prefix = DefaultKeyPrefix
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	if err := checkStore(ctx, rdb, cfg, log); err != nil {
		return nil, err
	}
	return &Deduper{rdb: rdb, prefix: prefix, lease: lease, ttl: ttl, waitN: cfg.WaitReplicas, waitTimeout: cfg.WaitTimeout}, nil
}

// The scripts return 1 for Claimed, 2 for Processed, 3 for InProgress
// (begin) and 1 for done, 0 for a lost claim (finish, renew).
var (
	beginScript = redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if not v then
  redis.call('SET', KEYS[1], 'c:' .. ARGV[1], 'PX', ARGV[2])
  return 1
end
if v == 'd' then return 2 end
return 3
`)
	finishScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= 'c:' .. ARGV[1] then return 0 end
if ARGV[2] == '1' then
  redis.call('SET', KEYS[1], 'd', 'PX', ARGV[3])
else
  redis.call('DEL', KEYS[1])
end
return 1
`)
	// repairScript writes the processed marker of a claim whose finish
	// was not acknowledged by the replicas: 1 when written, 2 when it is
	// there already, 0 when another delivery holds the event.
	repairScript = redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if v == 'd' then return 2 end
if v and v ~= 'c:' .. ARGV[1] then return 0 end
redis.call('SET', KEYS[1], 'd', 'PX', ARGV[2])
return 1
`)
	renewScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= 'c:' .. ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`)
)

// Begin implements webhook.Deduper.
func (d *Deduper) Begin(ctx context.Context, eventID string) (webhook.Claim, error) {
	tok := webhook.NewClaimToken()
	var n int
	var err error
	if d.waitN > 0 {
		// A claim that a failover forgets would let another delivery run
		// the callback at once: it must reach the replicas too.
		n, err = d.runAndWait(ctx, beginScript, d.prefix+eventID, func(n int) bool { return n == 1 }, tok, d.lease.Milliseconds())
	} else {
		n, err = beginScript.Run(ctx, d.rdb, []string{d.prefix + eventID}, tok, d.lease.Milliseconds()).Int()
	}
	if err != nil {
		return webhook.Claim{}, fmt.Errorf("knitredis: begin %q: %w", eventID, err)
	}
	switch n {
	case 1:
		return webhook.Claim{Status: webhook.Claimed, Token: tok, Lease: d.lease}, nil
	case 2:
		return webhook.Claim{Status: webhook.Processed}, nil
	case 3:
		return webhook.Claim{Status: webhook.InProgress}, nil
	}
	return webhook.Claim{}, fmt.Errorf("knitredis: begin %q: unexpected script result %d", eventID, n)
}

// Finish implements webhook.Deduper.
func (d *Deduper) Finish(ctx context.Context, eventID, token string, success bool) error {
	ok := "0"
	if success {
		ok = "1"
	}
	if success && d.waitN > 0 {
		return d.finishAndWait(ctx, eventID, token)
	}
	n, err := finishScript.Run(ctx, d.rdb, []string{d.prefix + eventID}, token, ok, d.ttl.Milliseconds()).Int()
	if err != nil {
		return fmt.Errorf("knitredis: finish %q: %w", eventID, err)
	}
	if n != 1 {
		return fmt.Errorf("knitredis: finish %q: %w", eventID, webhook.ErrClaimLost)
	}
	return nil
}

// finishAndWait marks the event processed and waits for d.waitN replicas.
// When fewer acknowledge it (a failover is under way), it writes the marker
// again on whichever master the client finds, for up to a lease: the
// marker of a claim it held is its own to restore.
func (d *Deduper) finishAndWait(ctx context.Context, eventID, token string) error {
	key := d.prefix + eventID
	wrote := func(n int) bool { return n == 1 }
	n, err := d.runAndWait(ctx, finishScript, key, wrote, token, "1", d.ttl.Milliseconds())
	if err == nil && n != 1 {
		return fmt.Errorf("knitredis: finish %q: %w", eventID, webhook.ErrClaimLost)
	}
	if !errors.Is(err, ErrNotReplicated) {
		if err != nil {
			return fmt.Errorf("knitredis: finish %q: %w", eventID, err)
		}
		return nil
	}
	deadline := time.Now().Add(d.lease)
	for time.Now().Before(deadline) {
		select {
		case <-ctx.Done():
			return fmt.Errorf("knitredis: finish %q: %w", eventID, ctx.Err())
		case <-time.After(repairDelay):
		}
		n, err = d.runAndWait(ctx, repairScript, key, func(n int) bool { return n >= 1 }, token, d.ttl.Milliseconds())
		switch {
		case err == nil && n == 0:
			return fmt.Errorf("knitredis: finish %q: %w", eventID, webhook.ErrClaimLost)
		case err == nil:
			return nil
		}
	}
	return fmt.Errorf("knitredis: finish %q: %w", eventID, err)
}

// repairDelay is the pause between finishAndWait's attempts.
const repairDelay = 100 * time.Millisecond

// runAndWait runs script on one connection to key's master (WAIT counts
// the writes of its own connection) and, when wrote says the script wrote,
// waits for d.waitN replicas; fewer is ErrNotReplicated.
func (d *Deduper) runAndWait(ctx context.Context, script *redis.Script, key string, wrote func(int) bool, args ...any) (int, error) {
	var master *redis.Client
	switch c := d.rdb.(type) {
	case *redis.ClusterClient:
		m, err := c.MasterForKey(ctx, key)
		if err != nil {
			return 0, err
		}
		master = m
	case *redis.Client:
		master = c
	default:
		return 0, fmt.Errorf("WaitReplicas is not supported on %T", d.rdb)
	}
	conn := master.Conn()
	defer conn.Close()
	n, err := script.Run(ctx, conn, []string{key}, args...).Int()
	if err != nil || !wrote(n) {
		return n, err
	}
	acked, err := conn.Wait(ctx, d.waitN, d.waitTimeout).Result()
	switch {
	case err != nil:
		return n, fmt.Errorf("%w: %w", ErrNotReplicated, err)
	case acked < int64(d.waitN):
		return n, fmt.Errorf("%w (%d of %d replicas within %v)", ErrNotReplicated, acked, d.waitN, d.waitTimeout)
	}
	return n, nil
}

// ErrNotReplicated is returned, with Config.WaitReplicas, by Begin when
// fewer replicas than asked acknowledged the new claim in time, and by
// Finish when they did not acknowledge the processed marker within the
// lease. The write is on the master, where a failover may lose it.
var ErrNotReplicated = errors.New("knitredis: not acknowledged by enough replicas")

// Renew implements webhook.Renewer.
func (d *Deduper) Renew(ctx context.Context, eventID, token string) error {
	n, err := renewScript.Run(ctx, d.rdb, []string{d.prefix + eventID}, token, d.lease.Milliseconds()).Int()
	if err != nil {
		return fmt.Errorf("knitredis: renew %q: %w", eventID, err)
	}
	if n != 1 {
		return fmt.Errorf("knitredis: renew %q: %w", eventID, webhook.ErrClaimLost)
	}
	return nil
}
