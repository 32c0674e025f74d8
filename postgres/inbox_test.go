package knitpostgres_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/webhook"
	"github.com/knit-sdk/knit-go/webhook/webhooktest"

	knitpostgres "github.com/knit-sdk/knit-go/postgres"
)

const inboxKey = "inbox-test-key"

// effectsTable creates the receiver's own table for one test: no unique
// constraint, so a duplicate effect would show as a second row.
func effectsTable(t *testing.T, pool *pgxpool.Pool) string {
	t.Helper()
	name := "knit_test_effects_" + strings.ToLower(webhook.NewClaimToken())[:10]
	_, err := pool.Exec(context.Background(), "CREATE TABLE "+name+" (event_id text NOT NULL, replica int NOT NULL)")
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = pool.Exec(context.Background(), "DROP TABLE "+name) })
	return name
}

func countRows(t *testing.T, pool *pgxpool.Pool, table, eventID string) int {
	t.Helper()
	var n int
	require.NoError(t, pool.QueryRow(context.Background(), "SELECT count(*) FROM "+table+" WHERE event_id = $1", eventID).Scan(&n))
	return n
}

func post(t *testing.T, url, id string) int {
	t.Helper()
	code, err := postStatus(url, id)
	require.NoError(t, err)
	return code
}

// postStatus delivers event id to url; it asserts nothing, so goroutines
// may call it.
func postStatus(url, id string) (int, error) {
	req, err := webhook.NewSignedRequest(context.Background(), url, webhooktest.Event(id), inboxKey)
	if err != nil {
		return 0, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	_ = resp.Body.Close()
	return resp.StatusCode, nil
}

func TestInboxExactlyOnceAndStatuses(t *testing.T) {
	t.Parallel()
	pool := newPool(t, 10)
	table := effectsTable(t, pool)
	var calls, fail atomic.Int32
	h, err := knitpostgres.NewInboxHandler(pool, []string{inboxKey}, func(ctx context.Context, tx pgx.Tx, ev *webhook.Event) error {
		calls.Add(1)
		if _, err := tx.Exec(ctx, "INSERT INTO "+table+" VALUES ($1, 0)", ev.EventID); err != nil {
			return err
		}
		if fail.Load() > 0 {
			fail.Add(-1)
			return errors.New("fails after writing")
		}
		return nil
	}, knitpostgres.InboxConfig{}, webhook.WithDeduper(brokenDeduper{}))
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)

	id := webhooktest.ID("once")
	fail.Store(1)
	assert.Equal(t, http.StatusInternalServerError, post(t, srv.URL, id))
	assert.Equal(t, 0, countRows(t, pool, table, id), "the failed callback's write was rolled back")
	assert.Equal(t, http.StatusOK, post(t, srv.URL, id), "the redelivery succeeds")
	assert.Equal(t, http.StatusOK, post(t, srv.URL, id), "a duplicate")
	assert.EqualValues(t, 2, calls.Load(), "the duplicate did not reach the callback")
	assert.Equal(t, 1, countRows(t, pool, table, id))

	req, err := http.NewRequest(http.MethodGet, srv.URL, nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
	wrong, err := webhook.NewSignedRequest(context.Background(), srv.URL, webhooktest.Event(id), "other-key")
	require.NoError(t, err)
	resp, err = http.DefaultClient.Do(wrong)
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
}

// brokenDeduper fails every call: NewInboxHandler must override it.
type brokenDeduper struct{}

func (brokenDeduper) Begin(context.Context, string) (webhook.Claim, error) {
	return webhook.Claim{}, errors.New("must not be used")
}

func (brokenDeduper) Finish(context.Context, string, string, bool) error {
	return errors.New("must not be used")
}

// TestInboxConcurrentDeliveryWaitsThen409: while one delivery holds the
// event's row, a second one waits LockWait and is answered 409; once the
// first commits, a redelivery is a duplicate.
func TestInboxConcurrentDeliveryWaitsThen409(t *testing.T) {
	t.Parallel()
	pool := newPool(t, 10)
	table := effectsTable(t, pool)
	started, release := make(chan struct{}), make(chan struct{})
	var calls atomic.Int32
	h, err := knitpostgres.NewInboxHandler(pool, []string{inboxKey}, func(ctx context.Context, tx pgx.Tx, ev *webhook.Event) error {
		if calls.Add(1) == 1 {
			close(started)
			<-release
		}
		_, err := tx.Exec(ctx, "INSERT INTO "+table+" VALUES ($1, 0)", ev.EventID)
		return err
	}, knitpostgres.InboxConfig{LockWait: 300 * time.Millisecond})
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)

	id := webhooktest.ID("wait")
	first := make(chan int)
	go func() {
		code, _ := postStatus(srv.URL, id) // 0 on a transport error
		first <- code
	}()
	<-started
	start := time.Now()
	assert.Equal(t, http.StatusConflict, post(t, srv.URL, id))
	assert.GreaterOrEqual(t, time.Since(start), 300*time.Millisecond, "it waited LockWait")
	close(release)
	assert.Equal(t, http.StatusOK, <-first)
	assert.Equal(t, http.StatusOK, post(t, srv.URL, id))
	assert.EqualValues(t, 1, calls.Load())
	assert.Equal(t, 1, countRows(t, pool, table, id))
}

// TestInboxCrashedReplicaRollsBack: a replica whose connection dies in the
// middle of the transaction (its backend is terminated, as when the
// process or the network dies) leaves nothing behind, and a concurrent
// delivery waiting on the row then processes the event; a panicking
// callback rolls back too.
func TestInboxCrashedReplicaRollsBack(t *testing.T) {
	t.Parallel()
	pool := newPool(t, 10)
	table := effectsTable(t, pool)
	id := webhooktest.ID("crash")
	pid := make(chan uint32, 1)
	crash := make(chan struct{})
	var calls atomic.Int32
	h, err := knitpostgres.NewInboxHandler(pool, []string{inboxKey}, func(ctx context.Context, tx pgx.Tx, ev *webhook.Event) error {
		if _, err := tx.Exec(ctx, "INSERT INTO "+table+" VALUES ($1, 0)", ev.EventID); err != nil {
			return err
		}
		switch calls.Add(1) {
		case 1: // the replica that crashes mid-transaction
			pid <- tx.Conn().PgConn().PID()
			<-crash
			_, err := tx.Exec(ctx, "SELECT 1")
			return err
		case 2:
			panic("callback panics after writing")
		}
		return nil
	}, knitpostgres.InboxConfig{LockWait: 10 * time.Second})
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)

	results := make(chan int, 2)
	deliver := func() {
		code, _ := postStatus(srv.URL, id) // 0 on a transport error
		results <- code
	}
	go deliver()
	victim := <-pid
	go deliver() // waits on the row lock
	time.Sleep(200 * time.Millisecond)
	_, err = pool.Exec(context.Background(), "SELECT pg_terminate_backend($1)", victim)
	require.NoError(t, err)
	close(crash)
	got := []int{<-results, <-results}
	assert.ElementsMatch(t, []int{http.StatusInternalServerError, http.StatusInternalServerError}, got,
		"the crashed delivery fails, the waiting one then panics")
	assert.Equal(t, 0, countRows(t, pool, table, id))
	assert.Equal(t, http.StatusOK, post(t, srv.URL, id), "the redelivery succeeds")
	assert.Equal(t, 1, countRows(t, pool, table, id))
	assert.EqualValues(t, 3, calls.Load())
}

func TestInboxRefusesBadConfig(t *testing.T) {
	t.Parallel()
	fn := func(context.Context, pgx.Tx, *webhook.Event) error { return nil }
	_, err := knitpostgres.NewInboxHandler(nil, []string{"k"}, fn, knitpostgres.InboxConfig{})
	require.ErrorContains(t, err, "nil database")
	pool, err := pgxpool.New(context.Background(), "postgres://127.0.0.1:1/none")
	require.NoError(t, err) // lazily connected: no server needed
	t.Cleanup(pool.Close)
	_, err = knitpostgres.NewInboxHandler(pool, []string{"k"}, nil, knitpostgres.InboxConfig{})
	require.ErrorContains(t, err, "nil InboxFunc")
	// Blank keys would make every delivery a 500: refused here, as
	// webhook.NewCheckedHandler refuses them.
	for _, keys := range [][]string{{"", ""}, {"\n"}, {"  "}, {"\t", " "}} {
		_, err = knitpostgres.NewInboxHandler(pool, keys, fn, knitpostgres.InboxConfig{})
		require.ErrorIs(t, err, webhook.ErrNoKeys, "keys %q", keys)
	}
	_, err = knitpostgres.NewInboxHandler(pool, []string{"key with spaces"}, fn, knitpostgres.InboxConfig{})
	require.ErrorIs(t, err, webhook.ErrInvalidKey)
	_, err = knitpostgres.NewInboxHandler(pool, []string{"k"}, fn, knitpostgres.InboxConfig{LockWait: time.Microsecond})
	require.ErrorContains(t, err, "LockWait")
}

// TestInboxShortestLockWait: 1ms, the shortest LockWait, is accepted.
func TestInboxShortestLockWait(t *testing.T) {
	t.Parallel()
	pool := newPool(t, 2)
	h, err := knitpostgres.NewInboxHandler(pool, []string{inboxKey}, func(context.Context, pgx.Tx, *webhook.Event) error { return nil },
		knitpostgres.InboxConfig{LockWait: time.Millisecond})
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	assert.Equal(t, http.StatusOK, post(t, srv.URL, webhooktest.ID("lockwait-1ms")))
}

// TestInboxReplicas: three inbox handlers on three servers share one
// database; 5,000 events are delivered three times at once to different
// replicas, some callbacks fail once after writing, some transactions of
// one replica die mid-way, and one replica stalls holding the row past the
// others' lock wait. Every event's row exists exactly once.
func TestInboxReplicas(t *testing.T) {
	t.Parallel()
	const events, failEvery, crashEvery, stallEvery = 5000, 10, 500, 250
	const lockWait = 500 * time.Millisecond
	pool := newPool(t, 10)
	table := effectsTable(t, pool)
	prefix := webhooktest.ID("inbox") + "-"
	var calls, failures, crashes, stalls atomic.Int64
	attempts := make([]atomic.Int32, events)
	urls := make([]string, 3)
	for r := range urls {
		own := newPool(t, 20)
		h, err := knitpostgres.NewInboxHandler(own, []string{inboxKey}, func(ctx context.Context, tx pgx.Tx, ev *webhook.Event) error {
			calls.Add(1)
			i, err := strconv.Atoi(strings.TrimPrefix(ev.EventID, prefix))
			if err != nil || i < 0 || i >= events {
				return fmt.Errorf("unexpected event %q", ev.EventID)
			}
			if _, err := tx.Exec(ctx, "INSERT INTO "+table+" VALUES ($1, $2)", ev.EventID, r); err != nil {
				return err
			}
			n := attempts[i].Add(1)
			switch {
			case n == 1 && i%failEvery == 1:
				failures.Add(1)
				return errors.New("fails once, after writing")
			case n == 1 && i%crashEvery == 3:
				crashes.Add(1)
				// The connection dies mid-transaction.
				_, err := tx.Exec(ctx, "SELECT pg_terminate_backend(pg_backend_pid())")
				if err == nil {
					return errors.New("pg_terminate_backend did not end the session")
				}
				return err
			case r == 2 && i%stallEvery == 0:
				stalls.Add(1)
				time.Sleep(2 * lockWait)
			}
			return nil
		}, knitpostgres.InboxConfig{LockWait: lockWait})
		require.NoError(t, err)
		srv := httptest.NewServer(h)
		t.Cleanup(srv.Close)
		urls[r] = srv.URL
	}
	payloads := make([][]byte, events)
	for i := range payloads {
		payloads[i] = webhooktest.Event(prefix + strconv.Itoa(i))
	}
	fs, err := webhooktest.Fleet{URLs: urls, Key: inboxKey, Copies: 3}.Deliver(context.Background(), payloads)
	require.NoError(t, err)

	var rows, distinct, inboxRows int
	require.NoError(t, pool.QueryRow(context.Background(),
		"SELECT count(*), count(DISTINCT event_id) FROM "+table).Scan(&rows, &distinct))
	require.NoError(t, pool.QueryRow(context.Background(),
		"SELECT count(*) FROM knit_webhook_inbox WHERE event_id LIKE $1", prefix+"%").Scan(&inboxRows))
	t.Logf("TestInboxReplicas: %s; callbacks %d (failed once %d, crashed %d, stalled %d); effect rows %d for %d distinct events; inbox rows %d",
		fs, calls.Load(), failures.Load(), crashes.Load(), stalls.Load(), rows, distinct, inboxRows)
	assert.Zero(t, fs.Lost, "copies that never got 200")
	assert.Equal(t, events, distinct, "every event has its row")
	assert.Equal(t, events, rows, "exactly once: no event has two rows")
	assert.Equal(t, events, inboxRows)
	assert.Positive(t, failures.Load())
	assert.Positive(t, crashes.Load())
	assert.Positive(t, stalls.Load())
	assert.Positive(t, fs.Status[http.StatusConflict], "some deliveries waited and got 409")
}

// TestPoisonEventIDsAnswered400: an eventId holding NUL (Postgres text
// refuses it) or 3,000 characters long (over the index row limit) made the
// Deduper and the inbox answer 500 on every delivery, so Knit retried for 4
// days and dropped the event. The handler refuses such IDs with 400 before
// any row is written (webhook.Parse documents the rule).
func TestPoisonEventIDsAnswered400(t *testing.T) {
	t.Parallel()
	pool := newPool(t, 4)
	d, err := knitpostgres.New(context.Background(), pool, knitpostgres.Config{})
	require.NoError(t, err)
	var calls atomic.Int32
	deduped := webhook.NewHandler([]string{inboxKey}, func(context.Context, *webhook.Event) error {
		calls.Add(1)
		return nil
	}, webhook.WithDeduper(d))
	inbox, err := knitpostgres.NewInboxHandler(pool, []string{inboxKey}, func(context.Context, pgx.Tx, *webhook.Event) error {
		calls.Add(1)
		return nil
	}, knitpostgres.InboxConfig{})
	require.NoError(t, err)
	for name, h := range map[string]http.Handler{"deduper": deduped, "inbox": inbox} {
		for _, rawID := range []string{`ev_\u0000x`, strings.Repeat("p", 3000)} {
			payload := []byte(`{"eventId":"` + rawID + `","eventType":"record.new","syncDataType":"employee","eventData":{}}`)
			for range 2 { // a redelivery gets the same answer
				req, err := webhook.NewSignedRequest(context.Background(), "http://receiver.test/knit", payload, inboxKey)
				require.NoError(t, err)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				assert.Equal(t, http.StatusBadRequest, w.Code, "%s, eventId %.20q", name, rawID)
			}
		}
	}
	assert.Zero(t, calls.Load())
}
