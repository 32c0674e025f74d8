package knitpostgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/webhook"
	"github.com/knit-sdk/knit-go/webhook/webhooktest"

	knitpostgres "github.com/knit-sdk/knit-go/postgres"
)

func TestConformance(t *testing.T) {
	t.Parallel()
	pool := newPool(t, 80)
	webhooktest.RunDeduper(t, func(_ *testing.T, cfg webhooktest.Config) (webhook.Deduper, error) {
		return knitpostgres.New(context.Background(), pool, knitpostgres.Config{Lease: cfg.Lease, TTL: cfg.TTL})
	})
}

func TestReplicas(t *testing.T) {
	t.Parallel()
	webhooktest.RunReplicas(t, func(t *testing.T, cfg webhooktest.Config) (webhook.Deduper, error) {
		return knitpostgres.New(context.Background(), newPool(t, 20), knitpostgres.Config{Lease: cfg.Lease, TTL: cfg.TTL})
	}, webhooktest.ReplicaConfig{})
}

func TestMigrateIsIdempotentAndConcurrent(t *testing.T) {
	t.Parallel()
	pool := newPool(t, 8)
	errs := make(chan error, 6)
	for range cap(errs) {
		go func() { errs <- knitpostgres.Migrate(context.Background(), pool) }()
	}
	for range cap(errs) {
		require.NoError(t, <-errs)
	}
	assert.Contains(t, knitpostgres.Migration, "CREATE TABLE IF NOT EXISTS knit_webhook_claims")
	require.ErrorContains(t, knitpostgres.Migrate(context.Background(), nil), "nil database")
}

func TestNewChecksTableAndConfig(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, err := knitpostgres.New(ctx, nil, knitpostgres.Config{})
	require.ErrorContains(t, err, "nil database")

	pool := newPool(t, 2)
	_, err = knitpostgres.New(ctx, pool, knitpostgres.Config{TTL: 72 * time.Hour})
	require.ErrorContains(t, err, "4-day")
	_, err = knitpostgres.New(ctx, pool, knitpostgres.Config{Lease: -1})
	require.Error(t, err)

	// A database without the table (here: a search_path that hides it).
	cfg, err := pgxpool.ParseConfig(testURL(t))
	require.NoError(t, err)
	cfg.ConnConfig.RuntimeParams["search_path"] = "knit_no_such_schema"
	bare, err := pgxpool.NewWithConfig(ctx, cfg)
	require.NoError(t, err)
	t.Cleanup(bare.Close)
	_, err = knitpostgres.New(ctx, bare, knitpostgres.Config{})
	require.ErrorContains(t, err, "run knitpostgres.Migrate")
}

// TestTimesAreTheDatabases: leases and processed times are computed by
// now() in the database, and Prune removes only what is older than the TTL.
func TestTimesAreTheDatabases(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := newPool(t, 4)
	d, err := knitpostgres.New(ctx, pool, knitpostgres.Config{Lease: 45 * time.Second})
	require.NoError(t, err)
	id := webhooktest.ID("times")
	cl, err := d.Begin(ctx, id)
	require.NoError(t, err)
	var lease time.Duration
	require.NoError(t, pool.QueryRow(ctx,
		`SELECT extract(epoch FROM lease_until - now()) * 1e9 FROM knit_webhook_claims WHERE event_id = $1`, id).Scan(&lease))
	assert.InDelta(t, (45 * time.Second).Seconds(), lease.Seconds(), 5)
	require.NoError(t, d.Finish(ctx, id, cl.Token, true))

	// Age the row past the TTL, and another one not quite.
	old, recent := webhooktest.ID("old"), webhooktest.ID("recent")
	for id, age := range map[string]time.Duration{old: webhook.DefaultDedupeTTL + time.Hour, recent: webhook.DefaultDedupeTTL - time.Hour} {
		cl, err := d.Begin(ctx, id)
		require.NoError(t, err)
		require.NoError(t, d.Finish(ctx, id, cl.Token, true))
		_, err = pool.Exec(ctx, `UPDATE knit_webhook_claims SET processed_at = now() - $2 * interval '1 millisecond' WHERE event_id = $1`,
			id, age.Milliseconds())
		require.NoError(t, err)
	}
	st, err := d.Begin(ctx, recent)
	require.NoError(t, err)
	assert.Equal(t, webhook.Processed, st.Status, "within the TTL")
	st, err = d.Begin(ctx, old)
	require.NoError(t, err)
	assert.Equal(t, webhook.Claimed, st.Status, "past the TTL the event is new again")
	require.NoError(t, d.Finish(ctx, old, st.Token, true))
	_, err = pool.Exec(ctx, `UPDATE knit_webhook_claims SET processed_at = now() - interval '6 days' WHERE event_id = $1`, old)
	require.NoError(t, err)

	_, err = knitpostgres.Prune(ctx, pool, 24*time.Hour)
	require.ErrorContains(t, err, "4-day")
	n, err := knitpostgres.Prune(ctx, pool, 0)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, n, int64(1))
	var left []string
	rows, err := pool.Query(ctx, `SELECT event_id FROM knit_webhook_claims WHERE event_id = ANY($1)`, []string{old, recent, id})
	require.NoError(t, err)
	for rows.Next() {
		var s string
		require.NoError(t, rows.Scan(&s))
		left = append(left, s)
	}
	require.NoError(t, rows.Err())
	assert.ElementsMatch(t, []string{recent, id}, left, "Prune removed only the old row")
}

func TestStoreErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := newPool(t, 2)
	d, err := knitpostgres.New(ctx, pool, knitpostgres.Config{})
	require.NoError(t, err)
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = d.Begin(canceled, "e1")
	require.ErrorIs(t, err, context.Canceled)
	err = d.Finish(canceled, "e1", "tok", true)
	require.ErrorIs(t, err, context.Canceled)
	require.NotErrorIs(t, err, webhook.ErrClaimLost)
	require.ErrorIs(t, d.Renew(canceled, "e1", "tok"), context.Canceled)
}
