package knitpostgres_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/webhook"

	knitpostgres "github.com/knit-sdk/knit-go/postgres"
)

// benchDelivery is one signed employee record.new, ready to post.
type benchDelivery struct {
	body       []byte
	sig, integ string
}

// employeeDeliveries builds n record.new events of the playground's
// employees, each a new (account, record) pair: account i/len(employees)
// of tag, record i%len(employees).
func employeeDeliveries(tb testing.TB, n int, tag string) []benchDelivery {
	tb.Helper()
	pg := knittest.NewServer()
	defer pg.Close()
	per := len(pg.Employees())
	bodies, err := pg.BuildEvents(knittest.EventParams{EventType: "record.new", DataType: "employee", Count: n, EventIDPrefix: tag + "_ev_"})
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]benchDelivery, n)
	for i, b := range bodies {
		out[i] = benchDelivery{body: b, sig: webhook.Sign(b, mirrorKey), integ: tag + "_" + strconv.Itoa(i/per)}
	}
	return out
}

// quiet discards the inbox's line about replication, which would split
// the benchmark's output lines.
var quiet = slog.New(slog.DiscardHandler)

// benchPool is a pool of 32 connections on the migrated test database.
func benchPool(b *testing.B) *pgxpool.Pool {
	b.Helper()
	return newPool(b, 32)
}

// handwritten is the receiver a team writes by hand with net/http,
// encoding/json and pgx: HMAC check, envelope decode, one transaction with
// a dedupe row and a last-write-wins upsert of the record's JSON. It has no
// ordering, no tombstones and no typed columns.
func handwritten(b *testing.B, pool *pgxpool.Pool) http.Handler {
	b.Helper()
	createRowTable(b, pool, "knit_bench_handwritten_employees")
	type envelope struct {
		EventID   string          `json:"eventId"`
		EventType string          `json:"eventType"`
		RecordID  string          `json:"recordId"`
		EventData json.RawMessage `json:"eventData"`
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 5<<20))
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		m := hmac.New(sha256.New, []byte(mirrorKey))
		m.Write(body)
		if !hmac.Equal([]byte(base64.RawURLEncoding.EncodeToString(m.Sum(nil))), []byte(r.Header.Get("X-Knit-Signature"))) {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		var ev envelope
		if err := json.Unmarshal(body, &ev); err != nil || ev.EventID == "" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		err = pgx.BeginFunc(r.Context(), pool, func(tx pgx.Tx) error {
			tag, err := tx.Exec(r.Context(), `INSERT INTO knit_webhook_inbox (event_id) VALUES ($1) ON CONFLICT DO NOTHING`, ev.EventID)
			if err != nil || tag.RowsAffected() == 0 {
				return err
			}
			_, err = tx.Exec(r.Context(), `INSERT INTO knit_bench_handwritten_employees VALUES ($1, $2, $3, $4)
ON CONFLICT (integration_id, record_id) DO UPDATE SET data = EXCLUDED.data, event_id = EXCLUDED.event_id`,
				r.Header.Get("X-Knit-Integration-Id"), ev.RecordID, ev.EventData, ev.EventID)
			return err
		})
		if err != nil {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

// createRowTable creates table for a receiver that keeps each record's JSON
// as one last-write-wins row.
func createRowTable(b *testing.B, pool *pgxpool.Pool, table string) {
	b.Helper()
	if _, err := pool.Exec(context.Background(), `CREATE TABLE IF NOT EXISTS `+table+` (
    integration_id text NOT NULL, record_id text NOT NULL, data jsonb NOT NULL, event_id text NOT NULL,
    PRIMARY KEY (integration_id, record_id))`); err != nil {
		b.Fatal(err)
	}
}

// receiver is one of the receivers the delivery benchmarks compare.
type receiver struct {
	name string
	new  func(b *testing.B, pool *pgxpool.Pool) http.Handler
}

// receivers are: the inbox with an empty callback; the inbox with a
// callback that writes the record's JSON as one last-write-wins row (the
// least a receiver that stores records does: no ordering, no tombstones,
// no typed columns); the mirror; and a hand-written net/http +
// encoding/json + pgx receiver that writes the same row.
func receivers() []receiver {
	return []receiver{
		{"inbox", func(b *testing.B, pool *pgxpool.Pool) http.Handler {
			h, err := knitpostgres.NewInboxHandler(pool, []string{mirrorKey},
				func(context.Context, pgx.Tx, *webhook.Event) error { return nil }, knitpostgres.InboxConfig{Logger: quiet})
			if err != nil {
				b.Fatal(err)
			}
			return h
		}},
		{"inbox+row", func(b *testing.B, pool *pgxpool.Pool) http.Handler {
			createRowTable(b, pool, "knit_bench_inbox_rows")
			h, err := knitpostgres.NewInboxHandler(pool, []string{mirrorKey},
				func(ctx context.Context, tx pgx.Tx, ev *webhook.Event) error {
					_, err := tx.Exec(ctx, `INSERT INTO knit_bench_inbox_rows VALUES ($1, $2, $3, $4)
ON CONFLICT (integration_id, record_id) DO UPDATE SET data = EXCLUDED.data, event_id = EXCLUDED.event_id`,
						ev.IntegrationID, ev.RecordID, ev.EventData, ev.EventID)
					return err
				}, knitpostgres.InboxConfig{Logger: quiet})
			if err != nil {
				b.Fatal(err)
			}
			return h
		}},
		{"mirror", func(b *testing.B, pool *pgxpool.Pool) http.Handler {
			m, err := knitpostgres.NewMirror(pool, knitpostgres.MirrorConfig{Logger: quiet})
			if err != nil {
				b.Fatal(err)
			}
			h, err := m.Handler([]string{mirrorKey})
			if err != nil {
				b.Fatal(err)
			}
			return h
		}},
		{"handwritten", handwritten},
	}
}

// BenchmarkMirrorDelivery delivers one new employee event per iteration
// from 64 goroutines to each of receivers. ns/op is wall time per delivery
// at that concurrency; events/s is its inverse.
func BenchmarkMirrorDelivery(b *testing.B) {
	benchDeliveries(b, func(b *testing.B, deliver func()) {
		b.SetParallelism(max(1, 64/runtime.GOMAXPROCS(0)))
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				deliver()
			}
		})
	})
}

// BenchmarkMirrorDeliveryOneSender is BenchmarkMirrorDelivery with one
// delivery at a time: each delivery's latency, when the mirror has no
// concurrent deliveries to group.
func BenchmarkMirrorDeliveryOneSender(b *testing.B) {
	benchDeliveries(b, func(b *testing.B, deliver func()) {
		for range b.N {
			deliver()
		}
	})
}

// benchDeliveries has run call deliver b.N times for each of receivers.
func benchDeliveries(b *testing.B, run func(b *testing.B, deliver func())) {
	for _, r := range receivers() {
		b.Run(r.name, func(b *testing.B) {
			pool := benchPool(b)
			h := r.new(b, pool)
			events := employeeDeliveries(b, b.N, uniqueIntegration("bench"))
			var next atomic.Int64
			b.ReportAllocs()
			b.ResetTimer()
			run(b, func() {
				d := events[next.Add(1)-1]
				req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(d.body))
				req.Header.Set("X-Knit-Signature", d.sig)
				req.Header.Set("X-Knit-Integration-Id", d.integ)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Errorf("status %d: %s", w.Code, w.Body)
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// BenchmarkMirrorTableSize loads 10,000 of the playground's employees (each
// a full record of every model, as an initial sync sends it) into a fresh
// schema and reports the employees table's size with its indexes and TOAST.
func BenchmarkMirrorTableSize(b *testing.B) {
	const employees = 10000
	ctx := context.Background()
	admin := newPool(b, 2)
	events := employeeDeliveries(b, employees, uniqueIntegration("size"))
	for b.Loop() {
		schema := uniqueIntegration("knit_size")
		if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
			b.Fatal(err)
		}
		cfg, err := pgxpool.ParseConfig(testURL(b))
		if err != nil {
			b.Fatal(err)
		}
		cfg.ConnConfig.RuntimeParams["search_path"] = schema
		pool, err := pgxpool.NewWithConfig(ctx, cfg)
		if err != nil {
			b.Fatal(err)
		}
		if err := knitpostgres.Migrate(ctx, pool); err != nil {
			b.Fatal(err)
		}
		m, err := knitpostgres.NewMirror(pool, knitpostgres.MirrorConfig{})
		if err != nil {
			b.Fatal(err)
		}
		// Eight loaders, 250 events per transaction, through Mirror.Apply.
		var jsonBytes, next atomic.Int64
		load := func() error {
			for {
				start := int(next.Add(250)) - 250
				if start >= employees {
					return nil
				}
				err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
					for _, d := range events[start:min(start+250, employees)] {
						ev, err := webhook.Parse(d.body)
						if err != nil {
							return err
						}
						ev.IntegrationID = d.integ
						jsonBytes.Add(int64(len(ev.EventData)))
						if err := m.Apply(ctx, tx, ev); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					return err
				}
			}
		}
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for range 8 {
			wg.Go(func() {
				errs <- load()
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				b.Fatal(err)
			}
		}
		var rows, total, heap int64
		if err := pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM knit_mirror_employees),
    pg_total_relation_size('knit_mirror_employees'), pg_relation_size('knit_mirror_employees')`).Scan(&rows, &total, &heap); err != nil {
			b.Fatal(err)
		}
		pool.Close()
		if _, err := admin.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			b.Fatal(err)
		}
		if rows != employees {
			b.Fatalf("%d rows, want %d", rows, employees)
		}
		b.ReportMetric(float64(total)/(1<<20), "MB/10k-employees")
		b.ReportMetric(float64(total)/employees, "bytes/employee")
		b.ReportMetric(float64(jsonBytes.Load())/employees, "json-bytes/employee")
		b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
	}
}
