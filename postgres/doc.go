// Package knitpostgres puts Knit webhook deduplication in PostgreSQL, for
// receivers that run as several replicas, and mirrors synced data into
// tables. It offers three things:
//
//   - [Deduper], a [webhook.Deduper] for [webhook.NewHandler]: the same
//     at-least-once-with-fencing contract as the Redis module, on the
//     knit_webhook_claims table.
//   - [NewInboxHandler], a transactional inbox: the event's inbox row and your
//     own writes commit in one transaction, so database effects happen
//     exactly once, whichever replica receives which copy of an event.
//
// Create the tables once with [Migrate] (idempotent, safe from several
// replicas at once) or apply [Migration] (migrations/001_knit_webhook.sql)
// with your own tool, and run [Prune] daily.
//
// # Deduper
//
//	pool, err := pgxpool.New(ctx, os.Getenv("DATABASE_URL"))
//	if err != nil {
//		return err
//	}
//	if err := knitpostgres.Migrate(ctx, pool); err != nil {
//		return err
//	}
//	dedupe, err := knitpostgres.New(ctx, pool, knitpostgres.Config{})
//	if err != nil {
//		return err
//	}
//	http.Handle("/knit/webhook", webhook.NewHandler([]string{apiKey}, router.Handle,
//		webhook.WithDeduper(dedupe)))
//
// A claim is a row with a token and a lease (30 seconds by default, renewed
// by NewHandler every 10 seconds while the callback runs), computed with
// the database's now(); a late Finish from a replica whose lease passed
// changes nothing ([webhook.ErrClaimLost]). Each operation is one statement.
//
// # Transactional inbox
//
//	inbox, err := knitpostgres.NewInboxHandler(pool, []string{apiKey},
//		func(ctx context.Context, tx pgx.Tx, ev *webhook.Event) error {
//			emp, err := ev.Employee()
//			if err != nil {
//				return err
//			}
//			_, err = tx.Exec(ctx, `INSERT INTO employees (id, first_name) VALUES ($1, $2)
//				ON CONFLICT (id) DO UPDATE SET first_name = EXCLUDED.first_name`, emp.ID(), emp.Profile.FirstName)
//			return err
//		}, knitpostgres.InboxConfig{})
//
// The handler answers 200 only after the commit, and 200 without calling
// you when the event's row is already committed. A concurrent delivery of
// the same event waits up to [InboxConfig.LockWait] (2 seconds by default)
// for the first transaction and is answered 409 if it is still open; if
// that transaction rolls back (its callback failed or panicked, its
// replica crashed or lost its connection) a redelivery processes the
// event. Effects outside the database (e-mails, API calls) are not covered:
// write them to an outbox table in the same transaction instead.
//
// # Mirror
//
//	mirror, err := knitpostgres.NewMirror(pool, knitpostgres.MirrorConfig{})
//	if err != nil {
//		return err
//	}
//	h, err := mirror.Handler([]string{apiKey})
//	if err != nil {
//		return err
//	}
//	http.Handle("/knit/webhook", h)
//
// Each record is a row keyed by (integration_id, record_id) with the
// record as Knit sent it (data, JSONB), typed columns holding what the
// SDK's record decoder reads from it (hris.DecodeEmployee, ats.DecodeJob,
// ...: names, e-mails, statuses, departments, dates as timestamptz, amounts
// as numeric), deleted_at, and the sync job, run and event that last wrote
// it. A record the SDK cannot decode keeps its row and data with NULL typed
// columns, and the mirror logs a warning.
// An event writes only if it is newer than the row's last event (see
// [Mirror] for the ordering key and its ties), so redeliveries in any order
// converge on the same rows. knit_mirror_sync_runs records the sync-run
// events: [Mirror.InitialSyncComplete] answers "is my initial sync of this
// account complete?". [Mirror.Deactivate] stops an account and, if
// configured, purges its rows. migrations/002_knit_mirror.sql documents
// every table and column. [Mirror.Handler] commits the events of
// concurrent deliveries together, so under load a delivery costs about what
// the inbox alone costs (README, "Mirror").
//
// # Replication
//
// [New] and NewInboxHandler refuse a standby (ErrStandby): a read replica or
// a reader endpoint, where every write would fail. When commits are not
// synchronously replicated they log, once, what a failover to an
// asynchronous standby can lose: the commits of its last moments, so
// events already answered 200 are lost (the inbox) or processed again (the
// Deduper). Set synchronous_standby_names (with synchronous_commit on,
// remote_write or remote_apply), and RequireSynchronousReplication to
// refuse a database without it. NewHandler retries a Finish that fails
// while Postgres restarts (see webhook.WithFinishRetry).
//
// Module github.com/knit-sdk/knit-go/postgres needs Go 1.26 or later, like
// the core module.
package knitpostgres
