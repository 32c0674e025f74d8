package knitpostgres_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/webhook"
	"github.com/knit-sdk/knit-go/webhook/webhooktest"

	knitpostgres "github.com/knit-sdk/knit-go/postgres"
)

// Steps of the inbox's claim batch at which faultDB fails.
const (
	noFault      = iota
	failInsert   // the batch's first Exec: the INSERT of the inbox row
	failSetLocal // its second Exec: SET LOCAL lock_timeout TO DEFAULT
	failClose    // BatchResults.Close, after both statements succeeded
)

// faultDB is a pool whose transactions' batches fail at one step (fault,
// one of the constants above). The statements still run on the real server
// and the failure replaces the result, so the connection stays in step and
// the transaction holds the inbox row, as it would if the server had failed
// after the write: only the handler's error handling keeps it uncommitted.
type faultDB struct {
	*pgxpool.Pool
	fault *atomic.Int32
}

func (db faultDB) Begin(ctx context.Context) (pgx.Tx, error) {
	tx, err := db.Pool.Begin(ctx)
	if err != nil {
		return nil, err
	}
	return faultTx{Tx: tx, fault: db.fault.Load()}, nil
}

type faultTx struct {
	pgx.Tx
	fault int32
}

func (tx faultTx) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	return &faultBatch{BatchResults: tx.Tx.SendBatch(ctx, b), fault: tx.fault}
}

// faultBatch reports each failure once, at its step, and not again from
// Close: pgx's own BatchResults repeats an error from Close, but the inbox
// must not count on it (a pgx.Tx may be any wrapper).
type faultBatch struct {
	pgx.BatchResults
	fault int32
	execs int32
}

var errInjected = errors.New("injected batch failure")

func (b *faultBatch) Exec() (pgconn.CommandTag, error) {
	tag, err := b.BatchResults.Exec()
	b.execs++
	if err == nil && b.execs == b.fault {
		return tag, errInjected
	}
	return tag, err
}

func (b *faultBatch) Close() error {
	err := b.BatchResults.Close()
	if err == nil && b.fault == failClose {
		return errInjected
	}
	return err
}

// syncBuffer is a bytes.Buffer safe for the handler's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestInboxBatchFailureCommitsNothing: when any step of the claim's batch
// fails (the INSERT, the SET LOCAL that restores lock_timeout, or Close), the
// delivery is answered 500 without calling the callback, and nothing is
// committed: a redelivery once the database is well processes the event.
func TestInboxBatchFailureCommitsNothing(t *testing.T) {
	t.Parallel()
	pool := newPool(t, 4)
	var fault atomic.Int32
	var calls atomic.Int32
	var logs syncBuffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	h, err := knitpostgres.NewInboxHandler(faultDB{Pool: pool, fault: &fault}, []string{inboxKey},
		func(context.Context, pgx.Tx, *webhook.Event) error {
			calls.Add(1)
			return nil
		}, knitpostgres.InboxConfig{Logger: logger}, webhook.WithLogger(logger))
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)

	for _, tc := range []struct {
		name  string
		fault int32
	}{
		{"insert", failInsert},
		{"set local", failSetLocal},
		{"close", failClose},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := webhooktest.ID("batch-fault-" + tc.name)
			fault.Store(tc.fault)
			assert.Equal(t, http.StatusInternalServerError, post(t, srv.URL, id))
			assert.Zero(t, calls.Load(), "the callback ran without a claimed row")
			assert.Equal(t, 0, countRows(t, pool, "knit_webhook_inbox", id), "the failed claim was committed")
			assert.Contains(t, logs.String(), errInjected.Error(), "the failure is logged")

			fault.Store(noFault)
			assert.Equal(t, http.StatusOK, post(t, srv.URL, id), "the redelivery processes the event")
			assert.EqualValues(t, 1, calls.Swap(0))
			assert.Equal(t, 1, countRows(t, pool, "knit_webhook_inbox", id))
		})
	}
}
