// Command replicas is one replica of a Knit webhook receiver that shares
// its dedupe state with the other replicas through Redis or Postgres: the
// program that the multi-process test in this directory starts three times
// and then faults (it kills replicas, restarts or fails over the store).
//
//	KNIT_API_KEY=... go run ./examples/replicas -store redis -redis 127.0.0.1:6379 -addr :8081
//	KNIT_API_KEY=... go run ./examples/replicas -store cluster -redis 127.0.0.1:7000,127.0.0.1:7001
//	KNIT_API_KEY=... go run ./examples/replicas -store sentinel -redis 127.0.0.1:26379 -master mymaster -wait-replicas 1
//	KNIT_API_KEY=... go run ./examples/replicas -store postgres -postgres postgres://...
//	KNIT_API_KEY=... go run ./examples/replicas -store inbox -postgres postgres://...
//
// Its effect is to record each event it processes: with a Deduper (redis,
// cluster, sentinel, postgres) one line per event appended to the -effects
// file, written before the handler records the event as processed; with the
// Postgres inbox one row in knit_replica_effects, in the inbox's
// transaction. The test counts them: an event with two effects ran twice.
//
// It prints "listening on http://ADDR/knit/webhook" once it serves, and
// shuts down gracefully on SIGINT or SIGTERM.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"

	knitpostgres "github.com/knit-sdk/knit-go/postgres"
	knitredis "github.com/knit-sdk/knit-go/redis"
	"github.com/knit-sdk/knit-go/webhook"
)

const webhookPath = "/knit/webhook"

type config struct {
	addr, store, redisAddrs, master, postgres, effects string
	lease, slow                                        time.Duration
	slowEvery, waitReplicas                            int
	allowVolatile                                      bool
}

func main() {
	var c config
	flag.StringVar(&c.addr, "addr", "127.0.0.1:8080", "listen address")
	flag.StringVar(&c.store, "store", "redis", "redis, cluster, sentinel, postgres (Deduper) or inbox (Postgres transactional inbox)")
	flag.StringVar(&c.redisAddrs, "redis", "127.0.0.1:6379", "Redis addresses, comma-separated (sentinel: the Sentinels)")
	flag.StringVar(&c.master, "master", "mymaster", "Sentinel master name")
	flag.StringVar(&c.postgres, "postgres", "", "Postgres URL")
	flag.StringVar(&c.effects, "effects", "effects.log", "file the Deduper stores append processed event IDs to")
	flag.DurationVar(&c.lease, "lease", webhook.DefaultLease, "dedupe claim lease")
	flag.IntVar(&c.slowEvery, "slow-every", 0, "make the callback of every N-th event (by the number ending its ID) slow")
	flag.DurationVar(&c.slow, "slow", 0, "how long a slow callback takes")
	flag.IntVar(&c.waitReplicas, "wait-replicas", 0, "Redis: WAIT for this many replicas after marking an event processed")
	flag.BoolVar(&c.allowVolatile, "allow-volatile-store-for-development", false,
		"Redis: accept a server without persistence (a restart then forgets processed events)")
	flag.Parse()
	key := os.Getenv("KNIT_API_KEY")
	if key == "" {
		fmt.Fprintln(os.Stderr, "replicas: set KNIT_API_KEY")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, c, key); err != nil {
		fmt.Fprintln(os.Stderr, "replicas:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, c config, key string) error {
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	h, closeStore, err := newHandler(ctx, c, key, log)
	if err != nil {
		return err
	}
	defer closeStore()
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", c.addr)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle(webhookPath, h)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute}
	fmt.Printf("listening on http://%s%s\n", ln.Addr(), webhookPath)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

// newHandler builds the webhook handler on the chosen store.
func newHandler(ctx context.Context, c config, key string, log *slog.Logger) (http.Handler, func(), error) {
	opts := []webhook.HandlerOption{webhook.WithLogger(log)}
	slow := func(ev *webhook.Event) {
		if c.slowEvery > 0 && endsWithMultiple(ev.EventID, c.slowEvery) {
			time.Sleep(c.slow) // renewed meanwhile: the claim holds
		}
	}
	if c.store == "inbox" || c.store == "postgres" {
		pool, err := pgxpool.New(ctx, c.postgres)
		if err != nil {
			return nil, nil, err
		}
		if err := knitpostgres.Migrate(ctx, pool); err != nil {
			pool.Close()
			return nil, nil, err
		}
		if c.store == "inbox" {
			h, err := knitpostgres.NewInboxHandler(pool, []string{key}, func(ctx context.Context, tx pgx.Tx, ev *webhook.Event) error {
				slow(ev)
				_, err := tx.Exec(ctx, `INSERT INTO knit_replica_effects (event_id) VALUES ($1)`, ev.EventID)
				return err
			}, knitpostgres.InboxConfig{Logger: log}, opts...)
			if err == nil {
				_, err = pool.Exec(ctx, `CREATE TABLE IF NOT EXISTS knit_replica_effects (event_id text NOT NULL)`)
			}
			if err != nil {
				pool.Close()
				return nil, nil, err
			}
			return h, pool.Close, nil
		}
		d, err := knitpostgres.New(ctx, pool, knitpostgres.Config{Lease: c.lease, Logger: log})
		if err != nil {
			pool.Close()
			return nil, nil, err
		}
		return withEffects(c.effects, key, slow, append(opts, webhook.WithDeduper(d)), pool.Close)
	}
	addrs := strings.Split(c.redisAddrs, ",")
	var rdb redis.UniversalClient
	switch c.store {
	case "redis":
		rdb = redis.NewClient(&redis.Options{Addr: addrs[0], PoolSize: 64})
	case "cluster":
		rdb = redis.NewClusterClient(&redis.ClusterOptions{Addrs: addrs, PoolSize: 64})
	case "sentinel":
		rdb = redis.NewFailoverClient(&redis.FailoverOptions{MasterName: c.master, SentinelAddrs: addrs, PoolSize: 64})
	default:
		return nil, nil, fmt.Errorf("unknown -store %q", c.store)
	}
	d, err := knitredis.New(ctx, rdb, knitredis.Config{Lease: c.lease, WaitReplicas: c.waitReplicas, Logger: log,
		AllowVolatileStoreForDevelopment: c.allowVolatile})
	if err != nil {
		_ = rdb.Close()
		return nil, nil, err
	}
	return withEffects(c.effects, key, slow, append(opts, webhook.WithDeduper(d)), func() { _ = rdb.Close() })
}

// withEffects is the handler of a Deduper store: its effect is a line
// appended to the effects file, one write per event (it survives kill -9).
func withEffects(path, key string, slow func(*webhook.Event), opts []webhook.HandlerOption, closeStore func()) (http.Handler, func(), error) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		closeStore()
		return nil, nil, err
	}
	var mu sync.Mutex
	h, err := webhook.NewCheckedHandler([]string{key}, func(_ context.Context, ev *webhook.Event) error {
		slow(ev)
		mu.Lock()
		defer mu.Unlock()
		_, err := f.WriteString(ev.EventID + "\n")
		return err
	}, opts...)
	if err != nil {
		_ = f.Close()
		closeStore()
		return nil, nil, err
	}
	return h, func() { _ = f.Close(); closeStore() }, nil
}

// endsWithMultiple reports whether the decimal number ending id is a
// multiple of n.
func endsWithMultiple(id string, n int) bool {
	i := len(id)
	for i > 0 && id[i-1] >= '0' && id[i-1] <= '9' {
		i--
	}
	v := 0
	for _, r := range id[i:] {
		v = v*10 + int(r-'0')
		if v > 1<<40 {
			return false
		}
	}
	return i < len(id) && v%n == 0
}
