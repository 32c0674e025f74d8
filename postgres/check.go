package knitpostgres

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
)

// Errors of New and NewInboxHandler for a database that cannot keep their
// promise.
var (
	// ErrStandby: the database is a standby (a read replica or a reader
	// endpoint; pg_is_in_recovery() is true), where every write fails.
	// Point the pool at the primary (the writer endpoint).
	ErrStandby = errors.New("knitpostgres: the database is a standby (pg_is_in_recovery() is true), where every write fails; " +
		"connect to the primary (the writer endpoint)")
	// ErrNoSynchronousStandby: RequireSynchronousReplication is set but
	// commits are not synchronously replicated (synchronous_standby_names
	// is empty, or synchronous_commit is off or local).
	ErrNoSynchronousStandby = errors.New("knitpostgres: commits are not synchronously replicated " +
		"(RequireSynchronousReplication): set synchronous_standby_names, with synchronous_commit on, remote_write or remote_apply")
)

// asyncWarning is logged at construction when commits are not
// synchronously replicated.
const asyncWarning = "knitpostgres: commits are not synchronously replicated: if this database fails over to an " +
	"asynchronous standby, the commits of the last moments before the crash are gone, so events already answered 200 " +
	"are lost (inbox) or processed again (Deduper); set synchronous_standby_names, and RequireSynchronousReplication to insist"

// checkPrimary refuses a standby, and a database whose commits are not
// synchronously replicated when requireSync is set; otherwise it logs the
// latter once at Info level.
func checkPrimary(ctx context.Context, db DB, requireSync bool, log *slog.Logger) error {
	var standby bool
	var names, commit string
	err := db.QueryRow(ctx, `SELECT pg_is_in_recovery(), current_setting('synchronous_standby_names'), current_setting('synchronous_commit')`).
		Scan(&standby, &names, &commit)
	if err != nil {
		return fmt.Errorf("knitpostgres: checking the database: %w", err)
	}
	if standby {
		return ErrStandby
	}
	if names != "" && commit != "off" && commit != "local" {
		return nil
	}
	if requireSync {
		return fmt.Errorf("%w (synchronous_standby_names %q, synchronous_commit %q)", ErrNoSynchronousStandby, names, commit)
	}
	if log == nil {
		log = slog.Default()
	}
	log.LogAttrs(ctx, slog.LevelInfo, asyncWarning,
		slog.String("synchronous_standby_names", names), slog.String("synchronous_commit", commit))
	return nil
}
