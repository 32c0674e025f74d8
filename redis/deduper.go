package knitredis

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/knit-sdk/knit-go/webhook"
)

// DefaultKeyPrefix is the prefix of every key the Deduper writes, unless
// Config.KeyPrefix says otherwise.
const DefaultKeyPrefix = "knit:webhook:"

// ErrEvictionPolicy is returned by New when the server's maxmemory-policy
// may evict the Deduper's keys: Redis would then forget processed events
// under memory pressure, silently letting Knit's redeliveries through.
var ErrEvictionPolicy = errors.New("knitredis: maxmemory-policy may evict dedupe keys; set it to noeviction")

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
	// SkipPolicyCheck skips New's CONFIG GET maxmemory-policy check. New
	// already skips it where CONFIG is not allowed (managed services often
	// rename or forbid it); set this when the check is unwanted anyway.
	SkipPolicyCheck bool
}

// Deduper is a webhook.Deduper and webhook.Renewer on Redis, shared by
// every replica that uses the same client target and key prefix. Each
// operation is one Lua script on one key, atomic on the server; leases and
// memory expire with PX, by the server's clock.
//
// A key holds "c:<token>" while claimed (expiring after the lease) and "d"
// once processed (expiring after the TTL).
type Deduper struct {
	rdb    redis.UniversalClient
	prefix string
	lease  time.Duration
	ttl    time.Duration
}

var _ interface {
	webhook.Deduper
	webhook.Renewer
} = (*Deduper)(nil)

// New returns a Deduper on rdb (a *redis.Client, *redis.ClusterClient,
// *redis.Ring or a Sentinel failover client). It refuses a TTL shorter
// than webhook.MinDedupeTTL, and, where CONFIG GET is allowed, a server
// whose maxmemory-policy is not noeviction (ErrEvictionPolicy): every
// dedupe key has a TTL, so even the volatile-* policies may evict them.
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
	prefix := cfg.KeyPrefix
	if prefix == "" {
		prefix = DefaultKeyPrefix
	}
	if !cfg.SkipPolicyCheck {
		if err := checkPolicy(ctx, rdb); err != nil {
			return nil, err
		}
	}
	return &Deduper{rdb: rdb, prefix: prefix, lease: lease, ttl: ttl}, nil
}

// checkPolicy reads maxmemory-policy. A server that refuses CONFIG (an
// error reply such as "unknown command" or "NOPERM") is let through; a
// connection failure is not, since nothing else would work either.
func checkPolicy(ctx context.Context, rdb redis.UniversalClient) error {
	res, err := rdb.ConfigGet(ctx, "maxmemory-policy").Result()
	if err != nil {
		var rerr redis.Error
		if errors.As(err, &rerr) {
			return nil
		}
		return fmt.Errorf("knitredis: reading maxmemory-policy: %w", err)
	}
	policy, ok := res["maxmemory-policy"]
	if !ok || strings.EqualFold(policy, "noeviction") {
		return nil
	}
	return fmt.Errorf("%w (it is %q)", ErrEvictionPolicy, policy)
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
	n, err := finishScript.Run(ctx, d.rdb, []string{d.prefix + eventID}, token, ok, d.ttl.Milliseconds()).Int()
	if err != nil {
		return fmt.Errorf("knitredis: finish %q: %w", eventID, err)
	}
	if n != 1 {
		return fmt.Errorf("knitredis: finish %q: %w", eventID, webhook.ErrClaimLost)
	}
	return nil
}

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
