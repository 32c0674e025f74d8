package dedupe_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"

	"github.com/knit-sdk/knit-go/webhook"
	"github.com/knit-sdk/knit-go/webhook/webhooktest"

	knitpostgres "github.com/knit-sdk/knit-go/postgres"
	knitredis "github.com/knit-sdk/knit-go/redis"
)

const key = "bench-key"

// env returns the named URL; without it the benchmark is skipped (failed
// under CI=true).
func env(b *testing.B, name string) string {
	b.Helper()
	u := os.Getenv(name)
	if u == "" {
		if os.Getenv("CI") == "true" {
			b.Fatalf("%s is not set (eval \"$(bash .ci/services start)\")", name)
		}
		b.Skipf("set %s to measure this store (bash .ci/services start prints it)", name)
	}
	return u
}

func noop(context.Context, *webhook.Event) error { return nil }

// baseline is the hand-written receiver: bounded read, HMAC, json.Unmarshal,
// 200. No dedupe.
func baseline() http.Handler {
	type envelope struct {
		EventID      string          `json:"eventId"`
		EventType    string          `json:"eventType"`
		SyncDataType string          `json:"syncDataType"`
		EventData    json.RawMessage `json:"eventData"`
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 5<<20))
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		m := hmac.New(sha256.New, []byte(key))
		m.Write(body)
		want := base64.RawURLEncoding.EncodeToString(m.Sum(nil))
		if !hmac.Equal([]byte(want), []byte(r.Header.Get("X-Knit-Signature"))) {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		var ev envelope
		if err := json.Unmarshal(body, &ev); err != nil || ev.EventID == "" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

// run delivers one new event per iteration to h (serially, or from
// GOMAXPROCS*4 goroutines with parallel) and reports deliveries/s.
func run(b *testing.B, h http.Handler, parallel bool) {
	b.Helper()
	prefix := webhooktest.ID("bench") + "-"
	var n atomic.Int64
	deliver := func() {
		id := prefix + strconv.FormatInt(n.Add(1), 10)
		req := httptest.NewRequest(http.MethodPost, "/", nil)
		payload := webhooktest.Event(id)
		signed, err := webhook.NewSignedRequest(context.Background(), "http://bench/", payload, key)
		if err != nil {
			b.Error(err)
			return
		}
		req.Body, req.Header = signed.Body, signed.Header
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Errorf("status %d: %s", w.Code, w.Body)
		}
	}
	b.ReportAllocs()
	if parallel {
		b.SetParallelism(4)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				deliver()
			}
		})
	} else {
		for b.Loop() {
			deliver()
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "deliveries/s")
}

func BenchmarkDelivery(b *testing.B) {
	stores := []struct {
		name string
		new  func(b *testing.B) http.Handler
	}{
		{"baseline-no-dedupe", func(*testing.B) http.Handler { return baseline() }},
		{"memory", func(b *testing.B) http.Handler {
			d, err := webhook.NewMemoryDeduper(webhook.MemoryDeduperConfig{})
			if err != nil {
				b.Fatal(err)
			}
			return webhook.NewHandler([]string{key}, noop, webhook.WithDeduper(d))
		}},
		{"redis", func(b *testing.B) http.Handler {
			opt, err := redis.ParseURL(env(b, "KNIT_TEST_REDIS_URL"))
			if err != nil {
				b.Fatal(err)
			}
			opt.PoolSize = 64
			rdb := redis.NewClient(opt)
			b.Cleanup(func() { _ = rdb.Close() })
			d, err := knitredis.New(context.Background(), rdb, knitredis.Config{KeyPrefix: webhooktest.ID("bench") + ":"})
			if err != nil {
				b.Fatal(err)
			}
			return webhook.NewHandler([]string{key}, noop, webhook.WithDeduper(d))
		}},
		{"postgres", func(b *testing.B) http.Handler {
			pool := pgPool(b)
			d, err := knitpostgres.New(context.Background(), pool, knitpostgres.Config{})
			if err != nil {
				b.Fatal(err)
			}
			return webhook.NewHandler([]string{key}, noop, webhook.WithDeduper(d))
		}},
		{"postgres-inbox", func(b *testing.B) http.Handler {
			h, err := knitpostgres.NewInboxHandler(pgPool(b), []string{key},
				func(context.Context, pgx.Tx, *webhook.Event) error { return nil }, knitpostgres.InboxConfig{})
			if err != nil {
				b.Fatal(err)
			}
			return h
		}},
	}
	for _, mode := range []string{"serial", "parallel"} {
		for _, s := range stores {
			b.Run(mode+"/"+s.name, func(b *testing.B) { run(b, s.new(b), mode == "parallel") })
		}
	}
}

func pgPool(b *testing.B) *pgxpool.Pool {
	b.Helper()
	cfg, err := pgxpool.ParseConfig(env(b, "KNIT_TEST_POSTGRES_URL"))
	if err != nil {
		b.Fatal(err)
	}
	cfg.MaxConns = 32
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(pool.Close)
	if err := knitpostgres.Migrate(context.Background(), pool); err != nil {
		b.Fatal(err)
	}
	return pool
}
