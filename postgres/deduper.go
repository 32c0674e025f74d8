package knitpostgres

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/knit-sdk/knit-go/webhook"
)

var errNilDB = errors.New("knitpostgres: nil database")

// Config configures New; the zero value means the defaults.
type Config struct {
	// Lease is how long a claim is held unless renewed (default
	// webhook.DefaultLease). NewHandler renews it every third of the lease.
	Lease time.Duration
	// TTL is how long a processed event ID counts as processed (default
	// webhook.DefaultDedupeTTL, at least webhook.MinDedupeTTL). Prune with
	// the same TTL deletes older rows.
	TTL time.Duration
	// RequireSynchronousReplication makes New refuse a database whose
	// commits are not synchronously replicated (ErrNoSynchronousStandby):
	// a failover to an asynchronous standby may forget processed events.
	// Without it, New logs that once, at Info level.
	RequireSynchronousReplication bool
	// Logger receives New's line about replication (default
	// slog.Default()).
	Logger *slog.Logger
}

// Deduper is a webhook.Deduper and webhook.Renewer on the
// knit_webhook_claims table (see Migration), shared by every replica on the
// same database. Each operation is one statement; leases and TTLs are
// measured with the database's now().
type Deduper struct {
	db    DB
	lease time.Duration
	ttl   time.Duration
}

var _ interface {
	webhook.Deduper
	webhook.Renewer
} = (*Deduper)(nil)

// New returns a Deduper on db. It refuses a TTL shorter than
// webhook.MinDedupeTTL and a standby (ErrStandby), and checks that the
// table exists (run Migrate or Migration first). When commits are not
// synchronously replicated it logs what a failover can lose, or refuses
// with Config.RequireSynchronousReplication.
func New(ctx context.Context, db DB, cfg Config) (*Deduper, error) {
	if db == nil {
		return nil, errNilDB
	}
	ttl, err := webhook.CheckTTL(cfg.TTL)
	if err != nil {
		return nil, err
	}
	lease, err := webhook.CheckLease(cfg.Lease)
	if err != nil {
		return nil, err
	}
	if err := checkPrimary(ctx, db, cfg.RequireSynchronousReplication, cfg.Logger); err != nil {
		return nil, err
	}
	if _, err := db.Exec(ctx, `SELECT event_id, token, lease_until, processed_at FROM knit_webhook_claims LIMIT 0`); err != nil {
		return nil, fmt.Errorf("knitpostgres: table knit_webhook_claims is not usable (run knitpostgres.Migrate): %w", err)
	}
	return &Deduper{db: db, lease: lease, ttl: ttl}, nil
}

// beginSQL claims a new event, an event whose claim's lease passed, or an
// event processed longer ago than the TTL; it returns no row otherwise.
const beginSQL = `INSERT INTO knit_webhook_claims AS c (event_id, token, lease_until)
VALUES ($1, $2, now() + $3 * interval '1 millisecond')
ON CONFLICT (event_id) DO UPDATE
   SET token = EXCLUDED.token, lease_until = EXCLUDED.lease_until, processed_at = NULL
 WHERE (c.processed_at IS NULL AND c.lease_until <= now())
    OR c.processed_at <= now() - $4 * interval '1 millisecond'
RETURNING true`

// Begin implements webhook.Deduper.
func (d *Deduper) Begin(ctx context.Context, eventID string) (webhook.Claim, error) {
	tok := webhook.NewClaimToken()
	// A claim released between the two statements leaves no row: try again.
	for range 3 {
		var ok bool
		err := d.db.QueryRow(ctx, beginSQL, eventID, tok, d.lease.Milliseconds(), d.ttl.Milliseconds()).Scan(&ok)
		switch {
		case err == nil:
			return webhook.Claim{Status: webhook.Claimed, Token: tok, Lease: d.lease}, nil
		case !errors.Is(err, pgx.ErrNoRows):
			return webhook.Claim{}, fmt.Errorf("knitpostgres: begin %q: %w", eventID, err)
		}
		var processed bool
		err = d.db.QueryRow(ctx, `SELECT processed_at IS NOT NULL FROM knit_webhook_claims WHERE event_id = $1`, eventID).Scan(&processed)
		switch {
		case err == nil && processed:
			return webhook.Claim{Status: webhook.Processed}, nil
		case err == nil:
			return webhook.Claim{Status: webhook.InProgress}, nil
		case !errors.Is(err, pgx.ErrNoRows):
			return webhook.Claim{}, fmt.Errorf("knitpostgres: begin %q: %w", eventID, err)
		}
	}
	return webhook.Claim{Status: webhook.InProgress}, nil
}

// Finish implements webhook.Deduper.
func (d *Deduper) Finish(ctx context.Context, eventID, token string, success bool) error {
	sql := `DELETE FROM knit_webhook_claims
WHERE event_id = $1 AND token = $2 AND processed_at IS NULL AND lease_until > now()`
	if success {
		sql = `UPDATE knit_webhook_claims SET token = NULL, lease_until = NULL, processed_at = now()
WHERE event_id = $1 AND token = $2 AND processed_at IS NULL AND lease_until > now()`
	}
	tag, err := d.db.Exec(ctx, sql, eventID, token)
	if err != nil {
		return fmt.Errorf("knitpostgres: finish %q: %w", eventID, err)
	}
	if tag.RowsAffected() != 1 {
		return fmt.Errorf("knitpostgres: finish %q: %w", eventID, webhook.ErrClaimLost)
	}
	return nil
}

// Renew implements webhook.Renewer.
func (d *Deduper) Renew(ctx context.Context, eventID, token string) error {
	tag, err := d.db.Exec(ctx, `UPDATE knit_webhook_claims SET lease_until = now() + $3 * interval '1 millisecond'
WHERE event_id = $1 AND token = $2 AND processed_at IS NULL AND lease_until > now()`, eventID, token, d.lease.Milliseconds())
	if err != nil {
		return fmt.Errorf("knitpostgres: renew %q: %w", eventID, err)
	}
	if tag.RowsAffected() != 1 {
		return fmt.Errorf("knitpostgres: renew %q: %w", eventID, webhook.ErrClaimLost)
	}
	return nil
}
