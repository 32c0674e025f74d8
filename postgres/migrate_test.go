package knitpostgres_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/webhook"

	knitpostgres "github.com/knit-sdk/knit-go/postgres"
)

// migrateLockKey is the advisory lock key Migrate takes ("knit").
const migrateLockKey = 0x6b6e6974

// schemaPool returns a pool whose tables live in a new, empty schema of the
// test database (its search_path), dropped when the test ends: a database
// of its own, as far as this package's unqualified table names go.
func schemaPool(t *testing.T) *pgxpool.Pool {
	t.Helper()
	ctx := context.Background()
	admin := newPool(t, 1)
	schema := "knit_test_" + strings.ToLower(webhook.NewClaimToken())[:10]
	_, err := admin.Exec(ctx, "CREATE SCHEMA "+schema)
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = admin.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE") })
	cfg, err := pgxpool.ParseConfig(testURL(t))
	require.NoError(t, err)
	cfg.MaxConns = 2
	cfg.ConnConfig.RuntimeParams["search_path"] = schema
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return pool
}

// TestMigrateFreshDatabase: Migrate creates every version's tables in a
// database that has none; on a current database it returns at once, even
// while another Migrate holds the lock, so a starting replica never waits.
func TestMigrateFreshDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := schemaPool(t)
	require.ErrorContains(t, knitpostgres.CheckSchema(ctx, pool), "schema version 0")
	require.NoError(t, knitpostgres.Migrate(ctx, pool))
	require.NoError(t, knitpostgres.CheckSchema(ctx, pool))
	for _, table := range []string{"knit_webhook_claims", "knit_webhook_inbox", "knit_schema_migrations"} {
		var exists bool
		require.NoError(t, pool.QueryRow(ctx, "SELECT to_regclass($1) IS NOT NULL", table).Scan(&exists))
		assert.True(t, exists, table)
	}
	var versions int
	require.NoError(t, pool.QueryRow(ctx, "SELECT count(*) FROM knit_schema_migrations").Scan(&versions))
	assert.Equal(t, knitpostgres.SchemaVersion, versions)

	// Another session holds Migrate's lock (a replica migrating).
	other, err := pool.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = other.Rollback(ctx) }()
	_, err = other.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(migrateLockKey))
	require.NoError(t, err)
	quick, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	require.NoError(t, knitpostgres.Migrate(quick, pool), "a current database is not migrated again")
	require.NoError(t, other.Rollback(ctx))
}

// TestPruneCountsEveryTable: Prune returns the rows it deleted from the
// claims and the inbox together.
func TestPruneCountsEveryTable(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := schemaPool(t)
	require.NoError(t, knitpostgres.Migrate(ctx, pool))
	old := "now() - interval '10 days'"
	_, err := pool.Exec(ctx, `INSERT INTO knit_webhook_claims (event_id, processed_at) VALUES
    ('done-old', `+old+`), ('done-new', now())`)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `INSERT INTO knit_webhook_claims (event_id, token, lease_until) VALUES
    ('abandoned-old', 't1', `+old+`), ('live', 't2', now() + interval '1 minute')`)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `INSERT INTO knit_webhook_inbox (event_id, received_at) VALUES
    ('inbox-old-1', `+old+`), ('inbox-old-2', `+old+`), ('inbox-old-3', `+old+`), ('inbox-new', now())`)
	require.NoError(t, err)

	n, err := knitpostgres.Prune(ctx, pool, 0)
	require.NoError(t, err)
	assert.EqualValues(t, 5, n, "2 claims and 3 inbox rows")
	var claims, inbox int
	require.NoError(t, pool.QueryRow(ctx, "SELECT (SELECT count(*) FROM knit_webhook_claims), (SELECT count(*) FROM knit_webhook_inbox)").
		Scan(&claims, &inbox))
	assert.Equal(t, 2, claims)
	assert.Equal(t, 1, inbox)
}
