package knitpostgres_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/webhook"

	knitpostgres "github.com/knit-sdk/knit-go/postgres"
)

// gatedDB is a pool whose transactions begin only once the gate is open,
// and which counts them: while the first deliveries' transactions wait,
// the next ones queue up for a group.
type gatedDB struct {
	*pgxpool.Pool
	gate    chan struct{}
	open    func()        // opens the gate (again: no effect)
	waiting *atomic.Int32 // transactions at the gate
	begins  *atomic.Int32
}

func (db gatedDB) Begin(ctx context.Context) (pgx.Tx, error) {
	db.waiting.Add(1)
	defer db.waiting.Add(-1)
	select {
	case <-db.gate:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	db.begins.Add(1)
	return db.Pool.Begin(ctx)
}

// gatedMirror returns a mirror on pool behind a closed gate, and its URL.
func gatedMirror(t *testing.T, pool *pgxpool.Pool, opts ...webhook.HandlerOption) (*knitpostgres.Mirror, string, gatedDB) {
	t.Helper()
	return gatedMirrorLogging(t, pool, quiet, opts...)
}

// gatedMirrorLogging is gatedMirror with the mirror's log going to log.
func gatedMirrorLogging(t *testing.T, pool *pgxpool.Pool, log *slog.Logger, opts ...webhook.HandlerOption) (*knitpostgres.Mirror, string, gatedDB) {
	t.Helper()
	gate := make(chan struct{})
	db := gatedDB{Pool: pool, gate: gate, open: sync.OnceFunc(func() { close(gate) }),
		waiting: new(atomic.Int32), begins: new(atomic.Int32)}
	m, err := knitpostgres.NewMirror(db, knitpostgres.MirrorConfig{Logger: log, Inbox: knitpostgres.InboxConfig{Logger: quiet}})
	require.NoError(t, err)
	h, err := m.Handler([]string{mirrorKey}, opts...)
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	t.Cleanup(db.open) // first, when a test failed with the gate closed
	return m, srv.URL, db
}

// waitFor waits until cond holds, failing the test after 10 seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	if !assert.Eventually(t, cond, 10*time.Second, time.Millisecond) {
		t.Fatalf("still waiting for %s", what)
	}
}

// fillGate delivers the first four events one by one: each finds a group
// slot free and leads a group of its own to the gate, so that the next
// deliveries queue for the groups that follow.
func fillGate(t *testing.T, db gatedDB, url, integ string, events []testEvent, codes []int, wg *sync.WaitGroup) {
	t.Helper()
	for i := range 4 {
		deliverAll(t, url, integ, events[i:i+1], codes[i:i+1], wg)
		waitFor(t, fmt.Sprintf("%d groups at the gate", i+1), func() bool { return db.waiting.Load() == int32(i+1) })
	}
}

// groupEvent is record.new of employee E<i> of integ, first named first;
// at is its triggeredAt (0 leaves it out).
func groupEvent(integ string, i int, first string, at int64) testEvent {
	return testEvent{ID: fmt.Sprintf("ev_%d_%s", i, integ), Type: "record.new", DataType: "employee",
		Record: fmt.Sprintf("E%d", i), Run: "sr_1", At: at, Data: employeeData(first, "ACTIVE")}
}

// queueBehindGate delivers events concurrently: the first four lead the
// groups held at the gate (fillGate), the rest queue behind them.
func queueBehindGate(t *testing.T, m *knitpostgres.Mirror, db gatedDB, url, integ string, events []testEvent, codes []int, wg *sync.WaitGroup) {
	t.Helper()
	fillGate(t, db, url, integ, events, codes, wg)
	deliverAll(t, url, integ, events[4:], codes[4:], wg)
	waitQueued(t, m, len(events)-4)
}

// waitQueued waits until n of m's deliveries wait for a group.
func waitQueued(t *testing.T, m *knitpostgres.Mirror, n int) {
	t.Helper()
	waitFor(t, fmt.Sprintf("%d queued deliveries", n), func() bool { return knitpostgres.QueuedEvents(m) == n })
}

// deliverAll posts each event concurrently and returns their statuses.
func deliverAll(t *testing.T, url, integ string, events []testEvent, codes []int, wg *sync.WaitGroup) {
	for i, e := range events {
		body := e.body(t)
		wg.Go(func() {
			code, err := deliver(context.Background(), url, integ, body)
			if err != nil {
				code = -1
			}
			codes[i] = code
		})
	}
}

// TestMirrorGroupCommit: deliveries that arrive while earlier ones are
// being applied are applied together, in far fewer transactions than
// events, and each is answered 200 with its row written.
func TestMirrorGroupCommit(t *testing.T) {
	t.Parallel()
	const n = 40
	pool := newPool(t, 8)
	m, url, db := gatedMirror(t, pool)
	integ := uniqueIntegration("group")
	events := make([]testEvent, n)
	for i := range events {
		events[i] = groupEvent(integ, i, fmt.Sprintf("N%d", i), time.Now().UnixMilli())
	}
	codes := make([]int, n)
	var wg sync.WaitGroup
	queueBehindGate(t, m, db, url, integ, events, codes, &wg)
	db.open()
	wg.Wait()
	for i, code := range codes {
		assert.Equal(t, http.StatusOK, code, events[i].ID)
	}
	for i := range events {
		row, ok := readEmployee(t, pool, integ, events[i].Record)
		if assert.True(t, ok, events[i].Record) {
			assert.Equal(t, fmt.Sprintf("N%d", i), row.FirstName)
		}
	}
	// The four at the gate, then groups of 32 and 4.
	assert.LessOrEqual(t, db.begins.Load(), int32(6), "%d transactions for %d events", db.begins.Load(), n)
}

// TestMirrorGroupFailureAppliesEachAlone: when one event of a group fails
// (here a constraint of the user's refuses its row), the group is rolled
// back and each event is applied alone: that one is answered 500 and
// written nowhere, every other is answered 200 and written, and one of a
// deactivated account is logged as not mirrored, as when applied alone.
func TestMirrorGroupFailureAppliesEachAlone(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := schemaPool(t)
	require.NoError(t, knitpostgres.Migrate(ctx, pool))
	_, err := pool.Exec(ctx, `ALTER TABLE knit_mirror_employees ADD CONSTRAINT knit_test_no_ada CHECK (first_name <> 'Ada')`)
	require.NoError(t, err)
	var logs syncBuffer
	m, url, db := gatedMirrorLogging(t, pool, slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	integ := uniqueIntegration("groupfail")
	off := uniqueIntegration("groupoff")
	ungated, err := knitpostgres.NewMirror(pool, knitpostgres.MirrorConfig{})
	require.NoError(t, err)
	_, err = ungated.Deactivate(ctx, off)
	require.NoError(t, err)
	event := func(i int, first string) testEvent { return groupEvent(integ, i, first, time.Now().UnixMilli()) }
	var good []testEvent
	for i := range 12 {
		good = append(good, event(i, fmt.Sprintf("N%d", i)))
	}
	codes := make([]int, len(good)+2)
	var wg sync.WaitGroup
	queueBehindGate(t, m, db, url, integ, good, codes[:len(good)], &wg)
	deactivated := event(98, "Dee")
	deliverAll(t, url, off, []testEvent{deactivated}, codes[len(good)+1:], &wg)
	waitQueued(t, m, len(good)-4+1)
	// Ada arrives last and queues behind eight good events and the
	// deactivated account's: they form one group once the gate opens.
	ada := event(99, "Ada")
	deliverAll(t, url, integ, []testEvent{ada}, codes[len(good):len(good)+1], &wg)
	waitQueued(t, m, len(good)-4+2)
	db.open()
	wg.Wait()
	for i, e := range good {
		assert.Equal(t, http.StatusOK, codes[i], e.ID)
		row, ok := readEmployee(t, pool, integ, e.Record)
		if assert.True(t, ok, e.Record) {
			assert.Equal(t, fmt.Sprintf("N%d", i), row.FirstName)
		}
	}
	assert.Equal(t, http.StatusInternalServerError, codes[len(good)])
	_, ok := readEmployee(t, pool, integ, ada.Record)
	assert.False(t, ok)
	var inbox int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM knit_webhook_inbox WHERE event_id = $1`, ada.ID).Scan(&inbox))
	assert.Zero(t, inbox, "the failed event's inbox row was committed")
	assert.Equal(t, http.StatusOK, codes[len(good)+1])
	assert.Contains(t, logs.String(), `"msg":"knit mirror: account deactivated; event not mirrored","eventId":"`+deactivated.ID+`"`)
	// The debug line says why the group was rolled back.
	assert.Regexp(t, `"msg":"knit mirror: group of events rolled back; applying each alone","events":10,"error":"event `+ada.ID+`: [^\n]*knit_test_no_ada`, logs.String())
}

// TestMirrorGroupLockWait: a group waits for a lock at most 100ms, or the
// inbox's LockWait when that is shorter.
func TestMirrorGroupLockWait(t *testing.T) {
	t.Parallel()
	pool := newPool(t, 1)
	for wait, want := range map[time.Duration]string{0: "100ms", 5 * time.Millisecond: "5ms", time.Second: "100ms", time.Millisecond: "1ms"} {
		m, err := knitpostgres.NewMirror(pool, knitpostgres.MirrorConfig{Inbox: knitpostgres.InboxConfig{LockWait: wait}})
		require.NoError(t, err)
		assert.Equal(t, want, knitpostgres.GroupLockTimeout(m), "LockWait %v", wait)
	}
}

// TestMirrorGroupDuplicates: every event delivered twice at once, the
// copies in one group or in groups in flight together: each delivery is
// answered 200 and each event applied once.
func TestMirrorGroupDuplicates(t *testing.T) {
	t.Parallel()
	const n = 20
	pool := newPool(t, 8)
	m, url, db := gatedMirror(t, pool)
	integ := uniqueIntegration("groupdup")
	var events []testEvent
	for i := range n {
		events = append(events, groupEvent(integ, i, fmt.Sprintf("N%d", i), 0))
	}
	events = append(events, events...)
	codes := make([]int, len(events))
	var wg sync.WaitGroup
	queueBehindGate(t, m, db, url, integ, events, codes, &wg)
	db.open()
	wg.Wait()
	for i, code := range codes {
		assert.Equal(t, http.StatusOK, code, events[i].ID)
	}
	var rows, inbox int
	ctx := context.Background()
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM knit_mirror_employees WHERE integration_id = $1`, integ).Scan(&rows))
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM knit_webhook_inbox WHERE event_id LIKE '%' || $1`, integ).Scan(&inbox))
	assert.Equal(t, n, rows)
	assert.Equal(t, n, inbox)
}

// TestMirrorGroupWaitTimesOut: a delivery whose callback time runs out
// while it waits for a group is answered with an error and never applied
// (Knit redelivers it), whether it was still queued or already in a group.
func TestMirrorGroupWaitTimesOut(t *testing.T) {
	t.Parallel()
	const n = 10
	pool := newPool(t, 8)
	m, url, db := gatedMirror(t, pool, webhook.WithCallbackTimeout(2*time.Second))
	integ := uniqueIntegration("groupwait")
	var events []testEvent
	for i := range n {
		events = append(events, groupEvent(integ, i, "N", time.Now().UnixMilli()))
	}
	codes := make([]int, n)
	var wg sync.WaitGroup
	queueBehindGate(t, m, db, url, integ, events, codes, &wg)
	wg.Wait() // every callback timed out
	assert.Zero(t, knitpostgres.QueuedEvents(m), "a timed-out delivery stayed queued")
	for i, code := range codes {
		assert.NotEqual(t, http.StatusOK, code, events[i].ID)
	}
	db.open()
	var rows int
	ctx := context.Background()
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM knit_mirror_employees WHERE integration_id = $1`, integ).Scan(&rows))
	assert.Zero(t, rows)
	// The redeliveries are applied.
	deliverAll(t, url, integ, events, codes, &wg)
	wg.Wait()
	for i, code := range codes {
		assert.Equal(t, http.StatusOK, code, events[i].ID)
	}
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM knit_mirror_employees WHERE integration_id = $1`, integ).Scan(&rows))
	assert.Equal(t, n, rows)
}
