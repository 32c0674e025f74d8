package knitpostgres

import (
	"context"
	_ "embed"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// MirrorMigration is the SQL of schema version 2: the mirror's tables (see
// Mirror and the package documentation). It is idempotent, and needs
// Migration (version 1) first. The same text is
// migrations/002_knit_mirror.sql in this module, for migration tools.
//
//go:embed migrations/002_knit_mirror.sql
var MirrorMigration string

// SchemaMigration is one version of this package's schema.
type SchemaMigration struct {
	// Version counts from 1; Migrate applies versions in order.
	Version int
	// Name is the file name under migrations/ in this module.
	Name string
	// SQL is the file's text; it is idempotent.
	SQL string
}

// Migrations lists this package's schema versions in order: Migrate applies
// those a database lacks and records each in knit_schema_migrations. To use
// your own migration tool instead, apply their SQL in this order.
func Migrations() []SchemaMigration {
	return []SchemaMigration{
		{Version: 1, Name: "001_knit_webhook.sql", SQL: Migration},
		{Version: 2, Name: "002_knit_mirror.sql", SQL: MirrorMigration},
	}
}

// SchemaVersion is the latest version in Migrations.
const SchemaVersion = 2

// schemaVersion returns the highest version recorded in
// knit_schema_migrations, 0 when the table does not exist.
func schemaVersion(ctx context.Context, db DB) (int, error) {
	var exists bool
	if err := db.QueryRow(ctx, `SELECT to_regclass('knit_schema_migrations') IS NOT NULL`).Scan(&exists); err != nil || !exists {
		return 0, err
	}
	var v int
	err := db.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM knit_schema_migrations`).Scan(&v)
	return v, err
}

// CheckSchema reports an error unless db has every version of Migrations,
// for readiness checks: a replica whose database was not migrated should not
// take deliveries.
func CheckSchema(ctx context.Context, db DB) error {
	if db == nil {
		return errNilDB
	}
	v, err := schemaVersion(ctx, db)
	if err != nil {
		return fmt.Errorf("knitpostgres: schema version: %w", err)
	}
	if v < SchemaVersion {
		return fmt.Errorf("knitpostgres: the database has schema version %d, this package needs %d: run Migrate (knit mirror migrate)", v, SchemaVersion)
	}
	return nil
}

// migrate applies the versions db lacks in one transaction, under the
// advisory lock, recording each.
func migrate(ctx context.Context, db DB) error {
	tx, err := db.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrateLock)); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS knit_schema_migrations (
    version    int PRIMARY KEY,
    name       text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
)`); err != nil {
		return err
	}
	var have int
	if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM knit_schema_migrations`).Scan(&have); err != nil {
		return err
	}
	for _, m := range Migrations() {
		if m.Version <= have {
			continue
		}
		// Without arguments pgx sends the text as one simple query, so a
		// file of several statements runs as it is.
		if _, err := tx.Exec(ctx, m.SQL, pgx.QueryExecModeSimpleProtocol); err != nil {
			return fmt.Errorf("%s: %w", m.Name, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO knit_schema_migrations (version, name) VALUES ($1, $2)`, m.Version, m.Name); err != nil {
			return fmt.Errorf("%s: %w", m.Name, err)
		}
	}
	return tx.Commit(ctx)
}
