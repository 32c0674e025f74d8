package knitredis

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/redis/go-redis/v9"
)

// Errors of New for a store that cannot keep the Deduper's promise: that
// an event recorded as processed stays recorded for the TTL.
var (
	// ErrEvictionPolicy: a master's maxmemory-policy may evict dedupe keys
	// (every allkeys-* and volatile-* policy: every dedupe key has a TTL).
	// Redis would forget processed events under memory pressure, silently
	// letting Knit's redeliveries through. Set noeviction.
	ErrEvictionPolicy = errors.New("knitredis: maxmemory-policy may evict dedupe keys; set it to noeviction")
	// ErrNoPersistence: a master has neither an append-only file nor RDB
	// snapshots, so a restart forgets every processed event and Knit's
	// redeliveries run their callbacks again. Set appendonly yes (with
	// appendfsync everysec or always).
	ErrNoPersistence = errors.New("knitredis: redis keeps no persistence (appendonly no, save \"\"): " +
		"a restart forgets every processed event; set appendonly yes")
	// ErrRing: a *redis.Ring moves a dead shard's keys to the other shards
	// and back when it returns, so processed markers vanish and claims are
	// held twice. Use a single node, Sentinel or Cluster.
	ErrRing = errors.New("knitredis: *redis.Ring remaps keys when a shard goes down, so processed events are forgotten; " +
		"use a single node, Sentinel (NewFailoverClient) or Cluster")
)

// checkStore refuses (or, where the Config allows it, logs at Warn level)
// a store that cannot keep processed markers: a Ring, and any master
// without persistence or with an evicting policy. In a Cluster every master
// is checked.
func checkStore(ctx context.Context, rdb redis.UniversalClient, cfg Config, log *slog.Logger) error {
	if _, ok := rdb.(*redis.Ring); ok {
		if !cfg.AllowRingForDevelopment {
			return ErrRing
		}
		log.LogAttrs(ctx, slog.LevelWarn, "knitredis: AllowRingForDevelopment: "+ErrRing.Error())
		return nil
	}
	check := func(ctx context.Context, c redis.Cmdable, addr string) error {
		return checkNode(ctx, c, addr, cfg, log)
	}
	if cc, ok := rdb.(*redis.ClusterClient); ok {
		return cc.ForEachMaster(ctx, func(ctx context.Context, c *redis.Client) error {
			return check(ctx, c, c.Options().Addr)
		})
	}
	addr := ""
	if c, ok := rdb.(*redis.Client); ok {
		addr = c.Options().Addr
	}
	return check(ctx, rdb, addr)
}

// checkNode checks one master's eviction policy and persistence, through
// CONFIG GET or, where CONFIG is refused (managed services often rename or
// forbid it), INFO.
func checkNode(ctx context.Context, c redis.Cmdable, addr string, cfg Config, log *slog.Logger) error {
	at := ""
	if addr != "" {
		at = " at " + addr
	}
	conf, err := c.ConfigGet(ctx, "*").Result()
	var rerr redis.Error
	switch {
	case err != nil && !errors.As(err, &rerr):
		return fmt.Errorf("knitredis: checking the server%s: %w", at, err)
	case err != nil:
		conf = nil // CONFIG refused: read what INFO tells
	}
	var info map[string]string
	_, hasPolicy := conf["maxmemory-policy"]
	_, hasAOF := conf["appendonly"]
	if !hasPolicy || !hasAOF {
		// CONFIG refused, or a proxy that answers only some parameters.
		text, ierr := c.Info(ctx, "memory", "persistence").Result()
		switch {
		case ierr == nil:
			info = parseInfo(text)
		case !errors.As(ierr, &rerr):
			return fmt.Errorf("knitredis: checking the server%s: %w", at, ierr)
		}
	}

	// The eviction policy.
	policy, known := conf["maxmemory-policy"]
	if !known {
		policy, known = info["maxmemory_policy"]
	}
	allowEvict := cfg.AllowEvictingPolicyForDevelopment || cfg.SkipPolicyCheck
	switch {
	case !known:
		log.LogAttrs(ctx, slog.LevelWarn, "knitredis: cannot read maxmemory-policy (CONFIG and INFO refused); "+
			"make sure it is noeviction, or processed events may be forgotten", slog.String("addr", addr))
	case !strings.EqualFold(policy, "noeviction") && allowEvict:
		log.LogAttrs(ctx, slog.LevelWarn, "knitredis: AllowEvictingPolicyForDevelopment: "+ErrEvictionPolicy.Error(),
			slog.String("addr", addr), slog.String("maxmemory_policy", policy))
	case !strings.EqualFold(policy, "noeviction"):
		return fmt.Errorf("%w (it is %q%s)", ErrEvictionPolicy, policy, at)
	}

	// Persistence.
	var aof, rdb bool
	switch {
	case hasAOF:
		aof = strings.EqualFold(conf["appendonly"], "yes")
		rdb = strings.TrimSpace(conf["save"]) != ""
	case info["aof_enabled"] == "1":
		aof = true
	default:
		// INFO does not show the RDB schedule: warn, do not refuse.
		log.LogAttrs(ctx, slog.LevelWarn, "knitredis: cannot confirm persistence (CONFIG refused, no append-only file "+
			"reported by INFO): without it a restart forgets processed events", slog.String("addr", addr))
		return nil
	}
	switch {
	case aof:
	case rdb:
		log.LogAttrs(ctx, slog.LevelWarn, "knitredis: redis persists with RDB snapshots only: a restart forgets the events "+
			"processed since the last snapshot; set appendonly yes", slog.String("addr", addr), slog.String("save", conf["save"]))
	case cfg.AllowVolatileStoreForDevelopment:
		log.LogAttrs(ctx, slog.LevelWarn, "knitredis: AllowVolatileStoreForDevelopment: "+ErrNoPersistence.Error(),
			slog.String("addr", addr))
	default:
		if at != "" {
			return fmt.Errorf("%w (server%s)", ErrNoPersistence, at)
		}
		return ErrNoPersistence
	}
	return nil
}

// parseInfo reads the "key:value" lines of an INFO reply.
func parseInfo(text string) map[string]string {
	m := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), ":")
		if ok && !strings.HasPrefix(k, "#") {
			m[k] = v
		}
	}
	return m
}
