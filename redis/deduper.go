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
	// WaitReplicas, when positive, makes Finish wait (Redis WAIT) until
	// that many replicas acknowledged an event's processed marker, for at
	// most WaitTimeout, so that a failover to a replica (Sentinel, Cluster)
	// cannot forget it. Fewer acknowledgements make Finish return an error
	// wrapping ErrNotReplicated, so that NewHandler retries it (after a
	// failover, on the new master).
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

	// Deprecated: use AllowEvictingPolicyForDevelopment, which says what it
	// risks; SkipPolicyCheck does the same.
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
	renewScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= 'c:' .. ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`)
)

// Begin implements webhook.Deduper.
func (d *Deduper) Begin(ctx context.Context, eventID string) (webhook.Claim, error) {
	tok := webhook.NewClaimToken()
	n, err := beginScript.Run(ctx, d.rdb, []string{d.prefix + eventID}, tok, d.lease.Milliseconds()).Int()
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

// finishAndWait marks the event processed and waits for d.waitN replicas,
// on one connection to the key's master: WAIT counts the writes of its own
// connection.
func (d *Deduper) finishAndWait(ctx context.Context, eventID, token string) error {
	key := d.prefix + eventID
	var master *redis.Client
	switch c := d.rdb.(type) {
	case *redis.ClusterClient:
		m, err := c.MasterForKey(ctx, key)
		if err != nil {
			return fmt.Errorf("knitredis: finish %q: %w", eventID, err)
		}
		master = m
	case *redis.Client:
		master = c
	default:
		return fmt.Errorf("knitredis: finish %q: WaitReplicas is not supported on %T", eventID, d.rdb)
	}
	conn := master.Conn()
	defer conn.Close()
	n, err := finishScript.Run(ctx, conn, []string{key}, token, "1", d.ttl.Milliseconds()).Int()
	if err != nil {
		return fmt.Errorf("knitredis: finish %q: %w", eventID, err)
	}
	if n != 1 {
		return fmt.Errorf("knitredis: finish %q: %w", eventID, webhook.ErrClaimLost)
	}
	acked, err := conn.Wait(ctx, d.waitN, d.waitTimeout).Result()
	switch {
	case err != nil:
		return fmt.Errorf("knitredis: finish %q: %w: %w", eventID, ErrNotReplicated, err)
	case acked < int64(d.waitN):
		return fmt.Errorf("knitredis: finish %q: %w (%d of %d replicas within %v)", eventID, ErrNotReplicated, acked, d.waitN, d.waitTimeout)
	}
	return nil
}

// ErrNotReplicated is returned by Finish, with Config.WaitReplicas, when
// fewer replicas than asked acknowledged the processed marker in time. The
// marker is on the master, where a failover may lose it; NewHandler
// retries Finish, which succeeds on a master that took over with the claim.
var ErrNotReplicated = errors.New("knitredis: processed marker not acknowledged by enough replicas")

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
