package knitpostgres

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/knit-sdk/knit-go/accounting"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/webhook"
)

// Table is the name of one of the mirror's record tables
// (migrations/002_knit_mirror.sql documents their columns).
type Table string

// The mirror's record tables. Each is keyed by (integration_id, record_id)
// and holds the record as Knit sent it (data, JSONB), typed columns the
// mirror fills from it, deleted_at, and the envelope of the event that
// last wrote the row. TableRecords, for every data type no other table takes, is
// keyed by (integration_id, data_type, record_id) and has no typed columns.
const (
	TableEmployees          Table = "knit_mirror_employees"
	TableJobs               Table = "knit_mirror_ats_jobs"
	TableApplications       Table = "knit_mirror_ats_applications"
	TableCandidates         Table = "knit_mirror_ats_candidates"
	TableInvoices           Table = "knit_mirror_accounting_invoices"
	TableLedgerAccounts     Table = "knit_mirror_accounting_accounts"
	TableAccountingContacts Table = "knit_mirror_accounting_contacts"
	TableJournalEntries     Table = "knit_mirror_accounting_journal_entries"
	TableRecords            Table = "knit_mirror_records"
)

// Tables lists every record table, TableRecords last.
func Tables() []Table {
	return []Table{TableEmployees, TableJobs, TableApplications, TableCandidates, TableInvoices,
		TableLedgerAccounts, TableAccountingContacts, TableJournalEntries, TableRecords}
}

// defaultTables are the data types whose syncDataType Knit documents.
var defaultTables = map[string]Table{
	hris.DataTypeEmployee:       TableEmployees,
	ats.DataTypeJobs:            TableJobs,
	ats.DataTypeApplications:    TableApplications,
	ats.DataTypeCandidates:      TableCandidates,
	accounting.DataTypeInvoices: TableInvoices,
}

// MirrorConfig configures NewMirror; the zero value is usable.
type MirrorConfig struct {
	// DataTypes maps further syncDataType strings to a table, for data
	// types whose string Knit does not document (accounting accounts,
	// contacts and journal entries: use the string Knit's dashboard shows
	// for your account). It may also override the documented ones
	// (employee, ats_jobs, ats_applications, ats_candidates,
	// accounting_invoices). Any data type not mapped goes to TableRecords.
	DataTypes map[string]Table
	// PurgeOnDeactivate makes Mirror.Deactivate delete the account's rows;
	// by default they are kept as they were.
	PurgeOnDeactivate bool
	// Inbox configures the inbox under Mirror.Handler; its Logger defaults
	// to Logger.
	Inbox InboxConfig
	// Logger receives one Info line per event the mirror acknowledges
	// without writing (event types that carry no synced data, events of a
	// deactivated account), and a Warn line for each record the SDK cannot
	// decode (its typed columns are NULL). Nil discards them.
	Logger *slog.Logger
}

// Mirror keeps tables of the records Knit syncs up to date from its webhook
// events: record.new and record.modified write the record,
// record.deleted marks it deleted, sync.events.processed and
// sync.events.allConsumed fill knit_mirror_sync_runs. Run Migrate first.
//
// # Ordering and idempotency
//
// Each event has an ordering key: its triggeredAt (the time Knit triggered
// it; when absent, the time the database received it), then its eventId in
// byte order. A record event writes a row only when its key is greater than
// the key of the event that last wrote the row, so applying an event twice
// changes nothing, and an older event never overwrites a newer one whatever
// order (re)deliveries arrive in. A record.deleted seen before the record
// leaves a row with only deleted_at (a tombstone), so the stale record.new
// that arrives after it changes nothing.
//
// Ties: two events of one record with the same triggeredAt (millisecond
// precision) are ordered by eventId, which Knit does not promise to be
// chronological: every replica and every delivery order ends with the same
// row, but it may be the earlier of the two. Events without triggeredAt
// are ordered by arrival, so for them a late redelivery of an old event
// does overwrite a newer one.
//
// # Accounts
//
// Rows are keyed by the X-Knit-Integration-Id header of the delivery; an
// event without it is refused (500) rather than written under no account.
// Deactivate stops applying an account's events and, with
// MirrorConfig.PurgeOnDeactivate, deletes its rows.
type Mirror struct {
	db     DB
	tables map[string]Table
	upsert map[Table]string
	claim  map[Table]string // upsert with the inbox's claim (withClaim)
	groups *grouper         // Handler's group commit
	purge  bool
	inbox  InboxConfig
	log    *slog.Logger
}

// NewMirror returns a Mirror on db. It returns an error for a nil db or a
// DataTypes entry naming no table of Tables.
func NewMirror(db DB, cfg MirrorConfig) (*Mirror, error) {
	if db == nil {
		return nil, errNilDB
	}
	m := &Mirror{db: db, tables: map[string]Table{}, upsert: map[Table]string{}, claim: map[Table]string{}, purge: cfg.PurgeOnDeactivate,
		inbox: cfg.Inbox, log: cfg.Logger}
	for dt, t := range defaultTables {
		m.tables[dt] = t
	}
	known := map[Table]bool{}
	for _, t := range Tables() {
		known[t] = true
		m.upsert[t] = upsertSQL(t)
		m.claim[t] = withClaim(m.upsert[t], "$6") // recordArgs' event ID
	}
	for dt, t := range cfg.DataTypes {
		if dt == "" {
			return nil, fmt.Errorf("knitpostgres: MirrorConfig.DataTypes has an empty data type (for table %q)", t)
		}
		if !known[t] {
			return nil, fmt.Errorf("knitpostgres: MirrorConfig.DataTypes maps %q to %q, which is not a mirror table (see Tables)", dt, t)
		}
		m.tables[dt] = t
	}
	m.groups = newGrouper(m)
	if m.inbox.Logger == nil {
		m.inbox.Logger = m.log
	}
	if m.log == nil {
		m.log = slog.New(slog.DiscardHandler)
	}
	return m, nil
}

// TableFor returns the table that records of syncDataType dataType go to.
func (m *Mirror) TableFor(dataType string) Table {
	if t, ok := m.tables[dataType]; ok {
		return t
	}
	return TableRecords
}

// Handler returns the mirror's webhook receiver: NewInboxHandler with
// Apply, so each event is applied exactly once and the answer is 200 only
// after the commit. keys and opts are NewInboxHandler's.
//
// It commits the events of concurrent deliveries together (group commit):
// deliveries that arrive while up to four transactions are applying
// earlier ones wait, and are then applied up to 32 per transaction, each
// event's inbox row and write in one statement (a duplicate's write
// changes nothing), all in one round trip. Each delivery is still answered
// 200 only after its event committed. When such a transaction fails (a
// value the database refuses, a lock waited for longer than 100ms, or
// InboxConfig.LockWait when shorter), it is rolled back and each of its
// events is applied alone, with NewInboxHandler's answers: so one bad event
// fails only its own delivery. The handlers of one Mirror share its groups.
func (m *Mirror) Handler(keys []string, opts ...webhook.HandlerOption) (http.Handler, error) {
	return newInboxHandler(m.db, keys, nil, m.claimWork, m.inbox, opts...)
}

// mirrorLockClass is the first key of the per-account advisory locks:
// events hold their account's lock shared, Deactivate exclusively.
const mirrorLockClass = 0x6b6d6972 // "kmir"

// Apply writes ev into the mirror's tables within tx; it is an InboxFunc,
// so it can run inside your own (compose it with your writes in one
// InboxFunc). Record events of data types not mapped to a table go to
// TableRecords. Events that carry no synced data (app.integration.activate,
// bot.*, sync.heartbeat, ...) change nothing. Errors: an event without
// IntegrationID, a record event without recordId or of an unknown record.*
// type, a record.new or record.modified whose eventData is not a JSON
// object, a malformed sync-run eventData, and database errors.
func (m *Mirror) Apply(ctx context.Context, tx pgx.Tx, ev *webhook.Event) error {
	w, err := m.write(ctx, ev)
	if err != nil || w == nil {
		return err
	}
	b := &pgx.Batch{}
	w.queue(b)
	br := tx.SendBatch(ctx, b)
	err = w.read(br)
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("knitpostgres: mirror: event %s: %w", ev.EventID, err)
	}
	return w.after(ctx, tx)
}

// claimWork is Apply sent in the inbox's claim, or in a group's (see
// Handler).
func (m *Mirror) claimWork(ctx context.Context, ev *webhook.Event) (*claimed, error) {
	w, err := m.write(ctx, ev)
	if err != nil || w == nil {
		return nil, err
	}
	return &claimed{
		grouped: func(ctx context.Context) (bool, error) { return m.groups.apply(ctx, ev, w) },
		queue:   w.queue,
		read: func(br pgx.BatchResults) error {
			if err := w.read(br); err != nil {
				return fmt.Errorf("knitpostgres: mirror: event %s: %w", ev.EventID, err)
			}
			return nil
		},
		after: w.after,
	}, nil
}

// mirrorWrite is the write of one event.
type mirrorWrite struct {
	m        *Mirror
	ev       *webhook.Event
	sql      string
	claimSQL string // sql with the inbox's claim (withClaim)
	table    string // the table it writes
	key      string // the record's or sync run's ID
	args     []any
	rows     int64 // rows the write changed, once read
}

// write returns the write of ev, or nil (after a line in the log) when ev
// carries no synced data.
func (m *Mirror) write(ctx context.Context, ev *webhook.Event) (*mirrorWrite, error) {
	if !ev.EventType.IsRecord() && !ev.IsSyncRun() {
		m.log.InfoContext(ctx, "knit mirror: event carries no synced data; not mirrored",
			"eventId", ev.EventID, "eventType", string(ev.EventType), "integrationId", ev.IntegrationID)
		return nil, nil
	}
	if ev.IntegrationID == "" {
		return nil, fmt.Errorf("knitpostgres: mirror: event %s has no X-Knit-Integration-Id header; rows are keyed by it", ev.EventID)
	}
	w := &mirrorWrite{m: m, ev: ev}
	var err error
	if ev.IsSyncRun() {
		w.sql, w.args, err = m.runArgs(ev)
		w.claimSQL, w.table, w.key = runClaimSQL, "knit_mirror_sync_runs", ev.SyncRunID
	} else {
		var t Table
		t, w.args, err = m.recordArgs(ctx, ev)
		w.sql, w.claimSQL, w.table, w.key = m.upsert[t], m.claim[t], string(t), ev.RecordID
	}
	if err != nil {
		return nil, err
	}
	return w, nil
}

// queue adds the account's lock, a statement of its own so that the
// write's snapshot, taken after it, sees a Deactivate that committed while
// this event waited; then the write, which does nothing for a deactivated
// account or an event older than the row's.
func (w *mirrorWrite) queue(b *pgx.Batch) {
	b.Queue(lockAccountSQL, int32(mirrorLockClass), w.ev.IntegrationID)
	b.Queue(w.sql, w.args...)
}

// read reads the results of what queue queued.
func (w *mirrorWrite) read(br pgx.BatchResults) error {
	if _, err := br.Exec(); err != nil {
		return err
	}
	tag, err := br.Exec()
	w.rows = tag.RowsAffected()
	return err
}

// after logs, when the write changed nothing because the account is
// deactivated, that the event was not mirrored. (It changes nothing too for
// a redelivery or an older event, which are not worth a line.)
func (w *mirrorWrite) after(ctx context.Context, tx pgx.Tx) error {
	if w.rows > 0 {
		return nil
	}
	var deactivated bool
	err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM knit_mirror_deactivated WHERE integration_id = $1)`, w.ev.IntegrationID).Scan(&deactivated)
	if err != nil {
		return fmt.Errorf("knitpostgres: mirror: event %s: %w", w.ev.EventID, err)
	}
	if deactivated {
		w.m.log.InfoContext(ctx, "knit mirror: account deactivated; event not mirrored",
			"eventId", w.ev.EventID, "eventType", string(w.ev.EventType), "integrationId", w.ev.IntegrationID)
	}
	return nil
}

// notDeactivated is the condition every write of an event carries.
const notDeactivated = `NOT EXISTS (SELECT 1 FROM knit_mirror_deactivated d WHERE d.integration_id = $1)`

// upsertSQL is the statement that applies a record event to table t. Its
// arguments are recordArgs': the envelope ($1-$10), the data type for
// TableRecords ($11), then the table's typed columns.
func upsertSQL(t Table) string {
	key, cols, vals, set := "integration_id, record_id", "", "", ""
	n := 11
	if t == TableRecords {
		key, cols, vals = "integration_id, data_type, record_id", ", data_type", ", $11"
		n = 12
	}
	typed := tableColumns[t]
	for _, c := range typed.names {
		cols += ", " + c
		vals += fmt.Sprintf(", $%d::%s", n, typed.sqlType(c))
		set += fmt.Sprintf(",\n    %[1]s = CASE WHEN EXCLUDED.deleted_at IS NULL THEN EXCLUDED.%[1]s ELSE r.%[1]s END", c)
		n++
	}
	return fmt.Sprintf(`INSERT INTO %[1]s AS r (integration_id, record_id, data, deleted_at, order_at, event_id, event_type,
    triggered_at, sync_type, sync_job_id, sync_run_id%[3]s)
SELECT $1, $2, $3::jsonb, CASE WHEN $4::boolean THEN coalesce($5::timestamptz, now()) END, coalesce($5::timestamptz, now()),
    $6, $7, $5::timestamptz, $8, $9, $10%[4]s
WHERE `+notDeactivated+`
ON CONFLICT (%[2]s) DO UPDATE SET
    data = CASE WHEN EXCLUDED.deleted_at IS NULL THEN EXCLUDED.data ELSE r.data END%[5]s,
    deleted_at = EXCLUDED.deleted_at, order_at = EXCLUDED.order_at, event_id = EXCLUDED.event_id,
    event_type = EXCLUDED.event_type, triggered_at = EXCLUDED.triggered_at, sync_type = EXCLUDED.sync_type,
    sync_job_id = EXCLUDED.sync_job_id, sync_run_id = EXCLUDED.sync_run_id, mirrored_at = now()
WHERE (r.order_at, r.event_id) < (EXCLUDED.order_at, EXCLUDED.event_id)`, t, key, cols, vals, set)
}

// triggered is the event's triggeredAt for a timestamptz parameter: nil
// when Knit did not send one.
func triggered(ev *webhook.Event) *time.Time {
	if ev.TriggeredAt.IsZero() {
		return nil
	}
	t := ev.TriggeredAt
	return &t
}

func (m *Mirror) recordArgs(ctx context.Context, ev *webhook.Event) (Table, []any, error) {
	if ev.RecordID == "" {
		return "", nil, fmt.Errorf("knitpostgres: mirror: %s event %s has no recordId", ev.EventType, ev.EventID)
	}
	var data json.RawMessage
	switch ev.EventType {
	case webhook.EventRecordNew, webhook.EventRecordModified:
		if first := firstNonSpace(ev.EventData); first != '{' {
			return "", nil, fmt.Errorf("knitpostgres: mirror: %s event %s: eventData is not a JSON object", ev.EventType, ev.EventID)
		}
		data = withoutNUL(ev.EventData)
	case webhook.EventRecordDeleted:
	default:
		return "", nil, fmt.Errorf("knitpostgres: mirror: event %s has record event type %q, which the mirror does not know how to apply", ev.EventID, ev.EventType)
	}
	t := m.TableFor(ev.SyncDataType)
	args := []any{ev.IntegrationID, text(ev.RecordID), data, ev.EventType == webhook.EventRecordDeleted, triggered(ev),
		ev.EventID, string(ev.EventType), string(ev.SyncType), ev.SyncJobID, ev.SyncRunID}
	if t == TableRecords {
		args = append(args, ev.SyncDataType)
	}
	if typed, ok := tableColumns[t]; ok {
		var values []any
		if data != nil {
			var err error
			if values, err = typed.extract(data); err != nil {
				m.log.WarnContext(ctx, "knit mirror: record does not decode as "+typed.model+"; its typed columns are NULL, data keeps it",
					"eventId", ev.EventID, "recordId", ev.RecordID, "integrationId", ev.IntegrationID, "table", string(t), "error", err)
			}
		}
		if values == nil {
			values = make([]any, len(typed.names))
		}
		args = append(args, values...)
	}
	return t, args, nil
}

// withoutNUL returns data with every \u0000 escape replaced by \ufffd
// (U+FFFD, the replacement character): jsonb refuses U+0000, and a record
// holding one would fail its event on every redelivery. Outside strings
// valid JSON has no backslash, so copying each escape whole is enough to
// leave an escaped backslash followed by "u0000" alone.
func withoutNUL(data []byte) []byte {
	const nul = `\u0000`
	if !bytes.Contains(data, []byte(nul)) {
		return data
	}
	out := make([]byte, 0, len(data))
	for i := 0; i < len(data); i++ {
		switch {
		case data[i] != '\\' || i+1 == len(data):
			out = append(out, data[i])
		case bytes.HasPrefix(data[i:], []byte(nul)):
			out = append(out, `\ufffd`...)
			i += len(nul) - 1
		default:
			out = append(out, data[i], data[i+1])
			i++
		}
	}
	return out
}

func firstNonSpace(b []byte) byte {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n':
		default:
			return c
		}
	}
	return 0
}

// runSQL fills in a sync run's row; processed columns come from
// sync.events.processed ($11 true), consumed ones from allConsumed, so the
// two events can arrive in either order and any number of times.
const runSQL = `INSERT INTO knit_mirror_sync_runs AS r (integration_id, sync_run_id, sync_job_id, data_type, sync_type,
    processed, emitted, consumed, started_at, processed_at, complete, processed_event_id, all_consumed_at, all_consumed_event_id)
SELECT $1, $2, $3, $4, $5, $6, $7, CASE WHEN $11::boolean THEN NULL ELSE $8::bigint END, $9, $10,
    CASE WHEN $11::boolean THEN $12::boolean END, CASE WHEN $11::boolean THEN $13 END,
    CASE WHEN $11::boolean THEN NULL ELSE coalesce($14::timestamptz, now()) END, CASE WHEN $11::boolean THEN NULL ELSE $13 END
WHERE ` + notDeactivated + `
ON CONFLICT (integration_id, sync_run_id) DO UPDATE SET
    processed = coalesce(EXCLUDED.processed, r.processed), emitted = coalesce(EXCLUDED.emitted, r.emitted),
    consumed = coalesce(EXCLUDED.consumed, r.consumed), started_at = coalesce(EXCLUDED.started_at, r.started_at),
    processed_at = coalesce(EXCLUDED.processed_at, r.processed_at), complete = coalesce(EXCLUDED.complete, r.complete),
    processed_event_id = coalesce(EXCLUDED.processed_event_id, r.processed_event_id),
    all_consumed_at = coalesce(r.all_consumed_at, EXCLUDED.all_consumed_at),
    all_consumed_event_id = coalesce(r.all_consumed_event_id, EXCLUDED.all_consumed_event_id),
    mirrored_at = now()`

func (m *Mirror) runArgs(ev *webhook.Event) (string, []any, error) {
	if ev.SyncRunID == "" {
		return "", nil, fmt.Errorf("knitpostgres: mirror: %s event %s has no syncRunId", ev.EventType, ev.EventID)
	}
	run, err := ev.SyncRun()
	if err != nil {
		return "", nil, fmt.Errorf("knitpostgres: mirror: %w", err)
	}
	timeOrNil := func(t time.Time) *time.Time {
		if t.IsZero() {
			return nil
		}
		return &t
	}
	processed := ev.EventType == webhook.EventSyncEventsProcessed
	return runSQL, []any{ev.IntegrationID, ev.SyncRunID, ev.SyncJobID, ev.SyncDataType, string(ev.SyncType),
		run.Processed, run.Emitted, run.Consumed, timeOrNil(run.StartedAt), timeOrNil(run.ProcessedAt),
		processed, run.Complete, ev.EventID, triggered(ev)}, nil
}

// Deactivate stops applying integrationID's events (later deliveries are
// answered 200 and change nothing) and, with
// MirrorConfig.PurgeOnDeactivate, deletes its rows from every mirror table
// and knit_mirror_sync_runs, returning how many. It waits for the
// account's events being applied to commit, so no row written before it
// survives a purge. Call it when you learn an account was deactivated: Knit
// documents no webhook event for that; the Auth UI's onDeactivate callback
// and your own call to integration.deactivate are where you learn it.
// Calling it again changes nothing (a purge then purges what is left).
func (m *Mirror) Deactivate(ctx context.Context, integrationID string) (int64, error) {
	if integrationID == "" {
		return 0, errors.New("knitpostgres: Deactivate: empty integration ID")
	}
	tx, err := m.db.Begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("knitpostgres: Deactivate %s: %w", integrationID, err)
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, hashtext($2))`, int32(mirrorLockClass), integrationID); err != nil {
		return 0, fmt.Errorf("knitpostgres: Deactivate %s: %w", integrationID, err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO knit_mirror_deactivated (integration_id, purged) VALUES ($1, $2)
ON CONFLICT (integration_id) DO UPDATE SET purged = knit_mirror_deactivated.purged OR EXCLUDED.purged`, integrationID, m.purge); err != nil {
		return 0, fmt.Errorf("knitpostgres: Deactivate %s: %w", integrationID, err)
	}
	var n int64
	if m.purge {
		for _, t := range append(Tables(), "knit_mirror_sync_runs") {
			tag, err := tx.Exec(ctx, fmt.Sprintf(`DELETE FROM %s WHERE integration_id = $1`, t), integrationID)
			if err != nil {
				return 0, fmt.Errorf("knitpostgres: Deactivate %s: %s: %w", integrationID, t, err)
			}
			n += tag.RowsAffected()
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, fmt.Errorf("knitpostgres: Deactivate %s: %w", integrationID, err)
	}
	return n, nil
}

// InitialSyncComplete reports whether integrationID's initial sync of
// dataType is complete in the mirror: Knit sent sync.events.allConsumed for
// an initial_sync run of it, so every record event of the run was answered
// 200, which the mirror does only after the record's row committed.
func (m *Mirror) InitialSyncComplete(ctx context.Context, integrationID, dataType string) (bool, error) {
	var done bool
	err := m.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM knit_mirror_sync_runs
WHERE integration_id = $1 AND data_type = $2 AND sync_type = $3 AND all_consumed_at IS NOT NULL)`,
		integrationID, dataType, string(webhook.SyncTypeInitial)).Scan(&done)
	if err != nil {
		return false, fmt.Errorf("knitpostgres: InitialSyncComplete: %w", err)
	}
	return done, nil
}
