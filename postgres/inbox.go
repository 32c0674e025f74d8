package knitpostgres

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/knit-sdk/knit-go/webhook"
)

// InboxFunc processes one event inside tx, the transaction that also
// records the event in the inbox. Write with tx only: the writes and the
// inbox row commit together, or not at all. Do not commit or roll back tx.
type InboxFunc func(ctx context.Context, tx pgx.Tx, ev *webhook.Event) error

// DefaultLockWait is how long a delivery waits for a concurrent delivery
// of the same event to commit or roll back before it is answered 409.
const DefaultLockWait = 2 * time.Second

// InboxConfig configures NewInboxHandler; the zero value means the
// defaults.
type InboxConfig struct {
	// LockWait: see DefaultLockWait (at least 1ms).
	LockWait time.Duration
	// RequireSynchronousReplication makes NewInboxHandler refuse a
	// database whose commits are not synchronously replicated
	// (ErrNoSynchronousStandby): a failover to an asynchronous standby may
	// lose events already answered 200. Without it, NewInboxHandler logs
	// that once, at Info level.
	RequireSynchronousReplication bool
	// Logger receives NewInboxHandler's line about replication (default
	// slog.Default()).
	Logger *slog.Logger
}

// checkTimeout bounds NewInboxHandler's check of the database.
const checkTimeout = 10 * time.Second

// lockNotAvailable is Postgres' SQLSTATE for a lock_timeout.
const lockNotAvailable = "55P03"

// NewInboxHandler returns a webhook receiver whose database effects happen
// exactly once: for each verified event it begins a transaction, inserts
// the event ID into knit_webhook_inbox, calls fn with the transaction and
// commits. It answers like webhook.NewHandler (405, 413, 401, 400; 500 when
// fn fails or panics, after a rollback), and:
//
//   - 200 only after the commit succeeded;
//   - 200 without calling fn when the event's row was already committed
//     (a duplicate);
//   - 409 when a concurrent delivery of the same event still holds the row
//     after LockWait: Knit redelivers later, and if that transaction rolled
//     back (its callback failed, its replica crashed) the redelivery
//     processes the event.
//
// opts are webhook.NewHandler's options (WithLogger, WithCallbackTimeout,
// WithMaxBodyBytes, ...); a WithDeduper among them is overridden, since
// the inbox row is the dedupe. It returns an error for a nil db or fn, for
// keys webhook.NewCheckedHandler refuses (none but blank ones such as "\n":
// webhook.ErrNoKeys; whitespace inside: webhook.ErrInvalidKey), and for a
// standby (ErrStandby), which it asks the database (within 10 seconds). When
// commits are not synchronously replicated it logs what a failover can lose,
// or refuses with InboxConfig.RequireSynchronousReplication.
func NewInboxHandler(db DB, keys []string, fn InboxFunc, cfg InboxConfig, opts ...webhook.HandlerOption) (http.Handler, error) {
	if fn == nil {
		return nil, errors.New("knitpostgres: nil InboxFunc")
	}
	return newInboxHandler(db, keys, fn, nil, cfg, opts...)
}

// newInboxHandler is NewInboxHandler with an optional claimWork instead of
// (or besides) fn.
func newInboxHandler(db DB, keys []string, fn InboxFunc, work claimWork, cfg InboxConfig, opts ...webhook.HandlerOption) (http.Handler, error) {
	if db == nil {
		return nil, errNilDB
	}
	wait := cfg.LockWait
	switch {
	case wait == 0:
		wait = DefaultLockWait
	case wait < time.Millisecond:
		return nil, fmt.Errorf("knitpostgres: LockWait %v is shorter than 1ms", wait)
	}
	in := &inbox{db: db, fn: fn, work: work, lockTimeout: fmt.Sprintf("%dms", wait.Milliseconds())}
	all := append(append([]webhook.HandlerOption(nil), opts...), webhook.WithDeduper(nil))
	// NewCheckedHandler refuses what NewHandler would answer 500 to on
	// every delivery: no key, or only blank ones ("\n", "  ").
	h, err := webhook.NewCheckedHandler(keys, in.handle, all...)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), checkTimeout)
	defer cancel()
	if err := checkPrimary(ctx, db, cfg.RequireSynchronousReplication, cfg.Logger); err != nil {
		return nil, err
	}
	return h, nil
}

type inbox struct {
	db          DB
	fn          InboxFunc // nil: work does everything
	work        claimWork // nil: fn does everything
	lockTimeout string
}

// claimWork is an event's own writes sent in the round trip that claims
// it, so they cost no round trip of their own. Its statements run after
// the inbox row is inserted, or found committed by an earlier delivery:
// then the transaction is rolled back, so they change nothing.
type claimWork func(ctx context.Context, ev *webhook.Event) (*claimed, error)

// claimed is the part of an event's work that rides in the claim's batch.
type claimed struct {
	// queue adds the statements to the claim's batch.
	queue func(b *pgx.Batch)
	// read reads their results, in order.
	read func(br pgx.BatchResults) error
	// after, if set, runs in the transaction once the batch is closed,
	// when this transaction inserted the inbox row.
	after func(ctx context.Context, tx pgx.Tx) error
	// grouped, if set, is tried first: it applies the event with those of
	// concurrent deliveries, in a transaction of their own (see grouper),
	// and reports false when the event must be applied alone instead.
	grouped func(ctx context.Context) (bool, error)
}

func (in *inbox) handle(ctx context.Context, ev *webhook.Event) error {
	var work *claimed
	if in.work != nil {
		var err error
		if work, err = in.work(ctx, ev); err != nil {
			return err
		}
		if work != nil && work.grouped != nil {
			if done, err := work.grouped(ctx); done {
				return err
			}
		}
	}
	tx, err := in.db.Begin(ctx)
	if err != nil {
		return fmt.Errorf("knitpostgres: inbox %q: begin: %w", ev.EventID, err)
	}
	committed := false
	defer func() {
		// Whichever way fn ended (error, panic, Goexit), nothing is kept.
		if !committed {
			_ = tx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	inserted, err := in.claim(ctx, tx, ev.EventID, work)
	if err != nil || !inserted {
		return err // a duplicate is nil: answered 200
	}
	if work != nil && work.after != nil {
		if err := work.after(ctx, tx); err != nil {
			return err
		}
	}
	if in.fn != nil {
		if err := in.fn(ctx, tx, ev); err != nil {
			return err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("knitpostgres: inbox %q: commit: %w", ev.EventID, err)
	}
	committed = true
	return nil
}

// claim inserts the event's inbox row within the lock wait, then runs
// work's statements in the same round trip. It reports false when the row
// was already committed. lock_timeout is set first, on its own: preparing
// the INSERT already takes a lock on the table (which a concurrent CREATE
// INDEX can hold up), and that wait must be bounded too.
func (in *inbox) claim(ctx context.Context, tx pgx.Tx, eventID string, work *claimed) (bool, error) {
	_, err := tx.Exec(ctx, `SELECT set_config('lock_timeout', $1, true)`, in.lockTimeout)
	var (
		tag     pgconn.CommandTag
		workErr error
	)
	if err == nil {
		b := &pgx.Batch{}
		b.Queue(`INSERT INTO knit_webhook_inbox (event_id) VALUES ($1) ON CONFLICT (event_id) DO NOTHING`, eventID)
		b.Queue(`SET LOCAL lock_timeout TO DEFAULT`)
		if work != nil {
			work.queue(b)
		}
		br := tx.SendBatch(ctx, b)
		tag, err = br.Exec()
		if err == nil {
			_, err = br.Exec()
		}
		if err == nil && work != nil {
			workErr = work.read(br)
		}
		if cerr := br.Close(); err == nil && workErr == nil {
			err = cerr
		}
	}
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr) && pgErr.Code == lockNotAvailable:
		return false, fmt.Errorf("knitpostgres: inbox %q: %w", eventID, webhook.ErrInProgress)
	case err != nil:
		return false, fmt.Errorf("knitpostgres: inbox %q: %w", eventID, err)
	case workErr != nil:
		return false, workErr
	}
	return tag.RowsAffected() == 1, nil
}
