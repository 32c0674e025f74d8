package knitpostgres_test

import (
	"context"
	"os"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	knitpostgres "github.com/knit-sdk/knit-go/postgres"
)

// EnvPostgresURL names the database the integration tests use.
const EnvPostgresURL = "KNIT_TEST_POSTGRES_URL"

// testURL returns the database URL, skipping the test when it is unset (and
// failing instead under CI=true, where .ci/run starts a server).
func testURL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv(EnvPostgresURL)
	if u == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is not set: CI must run the Postgres integration tests (eval \"$(bash .ci/services start)\")", EnvPostgresURL)
		}
		tb.Skipf("set %s=postgres://user@127.0.0.1:5432/db?sslmode=disable to run the Postgres integration tests (bash .ci/services start prints it)", EnvPostgresURL)
	}
	return u
}

// newPool returns a migrated pool on the test database.
func newPool(tb testing.TB, maxConns int32) *pgxpool.Pool {
	tb.Helper()
	cfg, err := pgxpool.ParseConfig(testURL(tb))
	require.NoError(tb, err)
	cfg.MaxConns = maxConns
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	require.NoError(tb, err)
	tb.Cleanup(pool.Close)
	require.NoError(tb, knitpostgres.Migrate(context.Background(), pool))
	return pool
}
