package knitpostgres

import (
	"context"
	_ "embed"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/knit-sdk/knit-go/webhook"
)

// Migration is the SQL of schema version 1: this package's webhook tables
// (knit_webhook_claims and knit_webhook_inbox); it is idempotent. The same
// text is migrations/001_knit_webhook.sql in this module, for migration
// tools.
//
//go:embed migrations/001_knit_webhook.sql
var Migration string

// DB is what this package needs of a database handle; *pgxpool.Pool has it.
// A single *pgx.Conn has it too but is not safe for concurrent use, so give
// handlers a pool.
type DB interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Begin(ctx context.Context) (pgx.Tx, error)
}

// migrateLock serialises concurrent Migrate calls (an advisory lock key):
// CREATE TABLE IF NOT EXISTS alone can fail when two sessions race.
const migrateLock = 0x6b6e6974 // "knit"

// Migrate brings db to the latest schema (Migrations: the webhook tables,
// then the mirror's), applying in one transaction the versions
// knit_schema_migrations does not list, under an advisory lock so that
// replicas starting at once can all call it. When the database is current
// it changes nothing and takes no table lock, so a replica that starts
// while others serve deliveries does not wait for their transactions.
func Migrate(ctx context.Context, db DB) error {
	if db == nil {
		return errNilDB
	}
	v, err := schemaVersion(ctx, db)
	if err != nil {
		return fmt.Errorf("knitpostgres: migrate: %w", err)
	}
	if v >= SchemaVersion {
		return nil
	}
	if err := migrate(ctx, db); err != nil {
		return fmt.Errorf("knitpostgres: migrate: %w", err)
	}
	return nil
}

// Prune deletes what is older than ttl (0 means webhook.DefaultDedupeTTL;
// less than webhook.MinDedupeTTL is refused): processed events and
// abandoned claims of the Deduper, and inbox rows. It returns how many rows
// it deleted. Run it periodically (daily is plenty) from one replica or a
// cron job; running it from several at once is safe.
func Prune(ctx context.Context, db DB, ttl time.Duration) (int64, error) {
	if db == nil {
		return 0, errNilDB
	}
	ttl, err := webhook.CheckTTL(ttl)
	if err != nil {
		return 0, err
	}
	ms := ttl.Milliseconds()
	claims, err := db.Exec(ctx, `DELETE FROM knit_webhook_claims
WHERE processed_at < now() - $1 * interval '1 millisecond'
   OR (processed_at IS NULL AND lease_until < now() - $1 * interval '1 millisecond')`, ms)
	if err != nil {
		return 0, fmt.Errorf("knitpostgres: prune claims: %w", err)
	}
	inbox, err := db.Exec(ctx, `DELETE FROM knit_webhook_inbox WHERE received_at < now() - $1 * interval '1 millisecond'`, ms)
	if err != nil {
		return claims.RowsAffected(), fmt.Errorf("knitpostgres: prune inbox: %w", err)
	}
	return claims.RowsAffected() + inbox.RowsAffected(), nil
}
