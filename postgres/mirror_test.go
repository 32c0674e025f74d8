package knitpostgres_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/webhook"

	knitpostgres "github.com/knit-sdk/knit-go/postgres"
)

const mirrorKey = "mirror-test-key"

// testEvent is a webhook body in Knit's envelope.
type testEvent struct {
	ID, Type, DataType, Record, Run string
	At                              int64 // triggeredAt, epoch ms; 0 leaves it out
	Data                            any
	SyncType                        string
}

func (e testEvent) body(t testing.TB) []byte {
	t.Helper()
	m := map[string]any{"eventId": e.ID, "eventType": e.Type, "eventData": e.Data, "syncType": e.SyncType,
		"syncDataType": e.DataType, "syncJobId": "sj_1", "syncRunId": e.Run}
	if m["syncType"] == "" {
		m["syncType"] = "delta_sync"
	}
	if e.Record != "" {
		m["recordId"] = e.Record
	}
	if e.At != 0 {
		m["triggeredAt"] = strconv.FormatInt(e.At, 10)
	}
	b, err := json.Marshal(m)
	require.NoError(t, err)
	return b
}

// deliver posts body to url signed, as integration integ; it returns the status.
func deliver(ctx context.Context, url, integ string, body []byte) (int, error) {
	req, err := webhook.NewSignedRequest(ctx, url, body, mirrorKey)
	if err != nil {
		return 0, err
	}
	if integ != "" {
		req.Header.Set("X-Knit-Integration-Id", integ)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	_ = resp.Body.Close()
	return resp.StatusCode, nil
}

// uniqueIntegration returns an integration ID no other test uses, so tests
// share the mirror's tables without seeing each other's rows.
func uniqueIntegration(prefix string) string {
	return prefix + "_" + strings.ToLower(webhook.NewClaimToken())[:12]
}

func newMirror(t *testing.T, pool *pgxpool.Pool, cfg knitpostgres.MirrorConfig) (*knitpostgres.Mirror, string) {
	t.Helper()
	m, err := knitpostgres.NewMirror(pool, cfg)
	require.NoError(t, err)
	h, err := m.Handler([]string{mirrorKey})
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return m, srv.URL
}

type employeeRow struct {
	FirstName, Status, EventID, EventType string
	Deleted                               bool
	HasData                               bool
	StartDate                             *time.Time
}

func readEmployee(t *testing.T, pool *pgxpool.Pool, integ, id string) (employeeRow, bool) {
	t.Helper()
	var r employeeRow
	var first, status *string
	err := pool.QueryRow(context.Background(), `SELECT first_name, employment_status, event_id, event_type,
    deleted_at IS NOT NULL, data IS NOT NULL, start_date FROM knit_mirror_employees WHERE integration_id = $1 AND record_id = $2`,
		integ, id).Scan(&first, &status, &r.EventID, &r.EventType, &r.Deleted, &r.HasData, &r.StartDate)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, false
	}
	require.NoError(t, err)
	if first != nil {
		r.FirstName = *first
	}
	if status != nil {
		r.Status = *status
	}
	return r, true
}

func employeeData(first, status string) map[string]any {
	return map[string]any{
		"profile":      map[string]any{"id": "E1", "firstName": first, "employmentStatus": status, "startDate": "2021-03-01T00:00:00Z"},
		"orgStructure": map[string]any{"department": "Engineering"},
	}
}

func TestMirrorOrderingAndIdempotency(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := newPool(t, 8)
	_, url := newMirror(t, pool, knitpostgres.MirrorConfig{})
	integ := uniqueIntegration("order")
	// Event IDs unique to this run: the inbox outlives a test.
	id := func(s string) string { return integ + "_" + s }
	send := func(e testEvent) {
		t.Helper()
		e.ID = id(e.ID)
		code, err := deliver(ctx, url, integ, e.body(t))
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, code, "event %s", e.ID)
	}
	base := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC).UnixMilli()
	created := testEvent{ID: "ev_a1", Type: "record.new", DataType: "employee", Record: "E1", Run: "sr_1", At: base, Data: employeeData("Ada", "ACTIVE"), SyncType: "initial_sync"}
	modified := testEvent{ID: "ev_a2", Type: "record.modified", DataType: "employee", Record: "E1", Run: "sr_2", At: base + 1000, Data: employeeData("Ada Lovelace", "ACTIVE")}
	deleted := testEvent{ID: "ev_a3", Type: "record.deleted", DataType: "employee", Record: "E1", Run: "sr_3", At: base + 2000, Data: map[string]any{"employeeId": "E1"}}

	// Newest first: the deletion leaves a tombstone the older events cannot pass.
	send(deleted)
	row, ok := readEmployee(t, pool, integ, "E1")
	require.True(t, ok)
	assert.Equal(t, employeeRow{EventID: id("ev_a3"), EventType: "record.deleted", Deleted: true}, row, "a tombstone")
	send(created)
	send(modified)
	row, _ = readEmployee(t, pool, integ, "E1")
	assert.Equal(t, id("ev_a3"), row.EventID, "older events changed nothing")
	assert.False(t, row.HasData)

	// In order, on a second record: each newer event wins; the deletion keeps the last data.
	for _, e := range []*testEvent{&created, &modified, &deleted} {
		e.ID += "b"
		e.Record = "E2"
	}
	send(created)
	row, _ = readEmployee(t, pool, integ, "E2")
	assert.Equal(t, "Ada", row.FirstName)
	require.NotNil(t, row.StartDate)
	assert.Equal(t, time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC), row.StartDate.UTC(), "a typed column generated from data")
	send(modified)
	send(created) // a redelivery of an older event (a new event ID: the inbox does not dedupe it)
	row, _ = readEmployee(t, pool, integ, "E2")
	assert.Equal(t, "Ada Lovelace", row.FirstName)
	send(deleted)
	send(deleted) // a duplicate
	row, _ = readEmployee(t, pool, integ, "E2")
	assert.Equal(t, employeeRow{FirstName: "Ada Lovelace", Status: "ACTIVE", EventID: id("ev_a3b"), EventType: "record.deleted", Deleted: true, HasData: true, StartDate: row.StartDate}, row)
	// A record that comes back after its deletion.
	back := testEvent{ID: "ev_a4", Type: "record.new", DataType: "employee", Record: "E2", Run: "sr_4", At: base + 3000, Data: employeeData("Ada", "ACTIVE")}
	send(back)
	row, _ = readEmployee(t, pool, integ, "E2")
	assert.False(t, row.Deleted)
	assert.Equal(t, "Ada", row.FirstName)

	// A tie on triggeredAt: the greater event ID wins, whichever arrives first.
	tieA := testEvent{ID: "ev_t1", Type: "record.modified", DataType: "employee", Record: "E3", Run: "sr_5", At: base, Data: employeeData("First", "ACTIVE")}
	tieB := tieA
	tieB.ID, tieB.Data = "ev_t2", employeeData("Second", "ACTIVE")
	send(tieB)
	send(tieA)
	row, _ = readEmployee(t, pool, integ, "E3")
	assert.Equal(t, "Second", row.FirstName)
}

func TestMirrorAccountsAndDataTypes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := newPool(t, 8)
	var logs bytes.Buffer
	m, url := newMirror(t, pool, knitpostgres.MirrorConfig{
		DataTypes:         map[string]knitpostgres.Table{"my_contacts": knitpostgres.TableAccountingContacts},
		PurgeOnDeactivate: true,
		Logger:            slog.New(slog.NewJSONHandler(&logs, nil)),
	})
	a, b := uniqueIntegration("acct_a"), uniqueIntegration("acct_b")
	at := time.Now().UnixMilli()
	ev := testEvent{ID: "ev_" + a, Type: "record.new", DataType: "employee", Record: "E1", Run: "sr_1", At: at, Data: employeeData("A", "ACTIVE")}
	code, err := deliver(ctx, url, a, ev.body(t))
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, code)
	ev.ID, ev.Data = "ev_"+b, employeeData("B", "ACTIVE")
	code, err = deliver(ctx, url, b, ev.body(t))
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, code)
	rowA, _ := readEmployee(t, pool, a, "E1")
	rowB, _ := readEmployee(t, pool, b, "E1")
	assert.Equal(t, "A", rowA.FirstName, "the same record ID in two accounts is two rows")
	assert.Equal(t, "B", rowB.FirstName)

	// A mapped data type, an unmapped one (kept in knit_mirror_records), no integration header.
	contact := testEvent{ID: "ev_c_" + a, Type: "record.new", DataType: "my_contacts", Record: "C1", Run: "sr_2", At: at,
		Data: map[string]any{"info": map[string]any{"id": "C1", "name": "Acme", "status": "ACTIVE"}, "emails": []any{map[string]any{"email": "ap@acme.example"}}}}
	crm := testEvent{ID: "ev_crm_" + a, Type: "record.new", DataType: "crm_deals", Record: "D1", Run: "sr_3", At: at, Data: map[string]any{"info": map[string]any{"id": "D1"}}}
	for _, e := range []testEvent{contact, crm} {
		code, err = deliver(ctx, url, a, e.body(t))
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, code, e.ID)
	}
	var email string
	require.NoError(t, pool.QueryRow(ctx, `SELECT email FROM knit_mirror_accounting_contacts WHERE integration_id = $1 AND record_id = 'C1'`, a).Scan(&email))
	assert.Equal(t, "ap@acme.example", email)
	var dt string
	require.NoError(t, pool.QueryRow(ctx, `SELECT data_type FROM knit_mirror_records WHERE integration_id = $1 AND record_id = 'D1'`, a).Scan(&dt))
	assert.Equal(t, "crm_deals", dt)
	// A record the SDK cannot decode: its row and data are kept, its typed
	// columns are NULL, and the mirror says why.
	odd := testEvent{ID: "ev_odd_" + a, Type: "record.new", DataType: "employee", Record: "E7", Run: "sr_4", At: at,
		Data: map[string]any{"profile": map[string]any{"firstName": "Odd", "employeeNumber": 7}}}
	code, err = deliver(ctx, url, a, odd.body(t))
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, code)
	var oddFirst *string
	var oddData string
	require.NoError(t, pool.QueryRow(ctx, `SELECT first_name, data->'profile'->>'firstName' FROM knit_mirror_employees WHERE integration_id = $1 AND record_id = 'E7'`, a).
		Scan(&oddFirst, &oddData))
	assert.Nil(t, oddFirst)
	assert.Equal(t, "Odd", oddData)
	assert.Contains(t, logs.String(), `"msg":"knit mirror: record does not decode as hris.Employee; its typed columns are NULL, data keeps it"`)
	assert.Contains(t, logs.String(), "employeeNumber")

	code, err = deliver(ctx, url, "", testEvent{ID: "ev_noint_" + a, Type: "record.new", DataType: "employee", Record: "E9", Run: "sr", Data: map[string]any{}}.body(t))
	require.NoError(t, err)
	assert.Equal(t, http.StatusInternalServerError, code, "an event without X-Knit-Integration-Id is refused, not written under no account")
	code, err = deliver(ctx, url, a, testEvent{ID: "ev_arr_" + a, Type: "record.new", DataType: "employee", Record: "E9", Run: "sr", Data: []any{}}.body(t))
	require.NoError(t, err)
	assert.Equal(t, http.StatusInternalServerError, code, "eventData that is not an object is refused")

	// Deactivate with purge: a's rows go, b's stay, a's later events change nothing.
	n, err := m.Deactivate(ctx, a)
	require.NoError(t, err)
	assert.EqualValues(t, 4, n, "a's two employees, contact and CRM deal")
	_, ok := readEmployee(t, pool, a, "E1")
	assert.False(t, ok)
	_, ok = readEmployee(t, pool, b, "E1")
	assert.True(t, ok)
	late := testEvent{ID: "ev_late_" + a, Type: "record.modified", DataType: "employee", Record: "E1", Run: "sr_9", At: at + 1, Data: employeeData("A2", "ACTIVE")}
	code, err = deliver(ctx, url, a, late.body(t))
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, code)
	_, ok = readEmployee(t, pool, a, "E1")
	assert.False(t, ok, "a deactivated account's events are not applied")
	assert.Contains(t, logs.String(), "account deactivated; event not mirrored")
	_, err = m.Deactivate(ctx, "")
	require.Error(t, err)
}

func TestMirrorSyncRuns(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := newPool(t, 4)
	m, url := newMirror(t, pool, knitpostgres.MirrorConfig{})
	integ := uniqueIntegration("runs")
	done, err := m.InitialSyncComplete(ctx, integ, "employee")
	require.NoError(t, err)
	assert.False(t, done)
	consumed := testEvent{ID: "ev_r2_" + integ, Type: "sync.events.allConsumed", DataType: "employee", Run: "sr_r", SyncType: "initial_sync",
		Data: map[string]any{"status": "completed", "processed": 3, "emitted": 3, "consumed": 3}}
	processed := testEvent{ID: "ev_r1_" + integ, Type: "sync.events.processed", DataType: "employee", Run: "sr_r", SyncType: "initial_sync",
		Data: map[string]any{"status": "processed", "processed": 3, "emitted": 3, "startedAt": "1676292064383", "processedAt": "1676292068616", "complete": false}}
	for _, e := range []testEvent{consumed, processed, consumed} { // either order, and twice
		code, err := deliver(ctx, url, integ, e.body(t))
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, code)
	}
	var emitted, cons int64
	var started time.Time
	require.NoError(t, pool.QueryRow(ctx, `SELECT emitted, consumed, started_at FROM knit_mirror_sync_runs WHERE integration_id = $1 AND sync_run_id = 'sr_r'`, integ).
		Scan(&emitted, &cons, &started))
	assert.EqualValues(t, 3, emitted)
	assert.EqualValues(t, 3, cons)
	assert.Equal(t, int64(1676292064383), started.UnixMilli())
	done, err = m.InitialSyncComplete(ctx, integ, "employee")
	require.NoError(t, err)
	assert.True(t, done)
}

func TestMirrorConfigAndSchemaChecks(t *testing.T) {
	t.Parallel()
	_, err := knitpostgres.NewMirror(nil, knitpostgres.MirrorConfig{})
	require.Error(t, err)
	pool := newPool(t, 2)
	_, err = knitpostgres.NewMirror(pool, knitpostgres.MirrorConfig{DataTypes: map[string]knitpostgres.Table{"x": "employees"}})
	require.ErrorContains(t, err, `maps "x" to "employees", which is not a mirror table`)
	_, err = knitpostgres.NewMirror(pool, knitpostgres.MirrorConfig{DataTypes: map[string]knitpostgres.Table{"": knitpostgres.TableRecords}})
	require.ErrorContains(t, err, "empty data type")
	require.NoError(t, knitpostgres.CheckSchema(context.Background(), pool))
	assert.Len(t, knitpostgres.Migrations(), knitpostgres.SchemaVersion)
}

// A redelivery of an event without triggeredAt (ordered by arrival) must
// change nothing, even after a newer event: Handler's write rides in the
// inbox's claim, whose transaction is rolled back for a duplicate.
func TestMirrorHandlerRedeliveryWithoutTriggeredAt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := newPool(t, 4)
	_, url := newMirror(t, pool, knitpostgres.MirrorConfig{})
	integ := uniqueIntegration("arrival")
	first := testEvent{ID: "ev_1_" + integ, Type: "record.new", DataType: "employee", Record: "E1", Run: "sr_1", Data: employeeData("Old", "ACTIVE")}
	second := testEvent{ID: "ev_2_" + integ, Type: "record.modified", DataType: "employee", Record: "E1", Run: "sr_2", Data: employeeData("New", "ACTIVE")}
	for _, e := range []testEvent{first, second, first} {
		code, err := deliver(ctx, url, integ, e.body(t))
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, code, e.ID)
	}
	row, ok := readEmployee(t, pool, integ, "E1")
	require.True(t, ok)
	assert.Equal(t, "New", row.FirstName, "the redelivered older event changed nothing")
	assert.Equal(t, second.ID, row.EventID)
}

// Apply composes with the caller's own writes in one InboxFunc: both
// commit together, or neither does.
func TestMirrorApplyComposes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := newPool(t, 4)
	m, err := knitpostgres.NewMirror(pool, knitpostgres.MirrorConfig{})
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `CREATE TABLE IF NOT EXISTS knit_test_compose_audit (event_id text PRIMARY KEY)`)
	require.NoError(t, err)
	h, err := knitpostgres.NewInboxHandler(pool, []string{mirrorKey}, func(ctx context.Context, tx pgx.Tx, ev *webhook.Event) error {
		if err := m.Apply(ctx, tx, ev); err != nil {
			return err
		}
		if ev.RecordID == "E_fail" {
			return errors.New("the caller's write failed")
		}
		_, err := tx.Exec(ctx, `INSERT INTO knit_test_compose_audit VALUES ($1)`, ev.EventID)
		return err
	}, knitpostgres.InboxConfig{})
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	integ := uniqueIntegration("compose")
	ok := testEvent{ID: "ev_ok_" + integ, Type: "record.new", DataType: "employee", Record: "E_ok", Run: "sr_1", At: time.Now().UnixMilli(), Data: employeeData("Ada", "ACTIVE")}
	bad := testEvent{ID: "ev_bad_" + integ, Type: "record.new", DataType: "employee", Record: "E_fail", Run: "sr_1", At: time.Now().UnixMilli(), Data: employeeData("Bob", "ACTIVE")}
	code, err := deliver(ctx, srv.URL, integ, ok.body(t))
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, code)
	code, err = deliver(ctx, srv.URL, integ, bad.body(t))
	require.NoError(t, err)
	assert.Equal(t, http.StatusInternalServerError, code)
	row, found := readEmployee(t, pool, integ, "E_ok")
	require.True(t, found)
	assert.Equal(t, "Ada", row.FirstName)
	_, found = readEmployee(t, pool, integ, "E_fail")
	assert.False(t, found, "the caller's failed write rolled the mirror's row back")
	var audited int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM knit_test_compose_audit WHERE event_id = ANY($1)`, []string{ok.ID, bad.ID}).Scan(&audited))
	assert.Equal(t, 1, audited)
}

// A record holding U+0000, which Postgres' jsonb and text refuse, is
// stored with U+FFFD in its place rather than failing on every redelivery.
func TestMirrorRecordWithNUL(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := newPool(t, 4)
	_, url := newMirror(t, pool, knitpostgres.MirrorConfig{})
	integ := uniqueIntegration("nul")
	e := testEvent{ID: "ev_nul_" + integ, Type: "record.new", DataType: "employee", Record: "E\x001", Run: "sr_1",
		At: time.Now().UnixMilli(), Data: employeeData("A\x00B", "ACTIVE")}
	code, err := deliver(ctx, url, integ, e.body(t))
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, code)
	var first, inData string
	require.NoError(t, pool.QueryRow(ctx, `SELECT first_name, data->'profile'->>'firstName' FROM knit_mirror_employees
WHERE integration_id = $1 AND record_id = $2`, integ, "E\uFFFD1").Scan(&first, &inData))
	assert.Equal(t, "A\uFFFDB", first)
	assert.Equal(t, "A\uFFFDB", inData)
}

// When the mirror's write fails in Handler (here: a constraint of the
// user's on the table refuses the row), the delivery is answered 500 and the log names the mirror and the event, not
// only the inbox, so an operator knows which write failed.
func TestMirrorHandlerWriteErrorNamesTheMirror(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := schemaPool(t)
	require.NoError(t, knitpostgres.Migrate(ctx, pool))
	_, err := pool.Exec(ctx, `ALTER TABLE knit_mirror_employees ADD CONSTRAINT knit_test_no_ada CHECK (first_name <> 'Ada')`)
	require.NoError(t, err)
	m, err := knitpostgres.NewMirror(pool, knitpostgres.MirrorConfig{Inbox: knitpostgres.InboxConfig{Logger: slog.New(slog.DiscardHandler)}})
	require.NoError(t, err)
	var logs bytes.Buffer
	h, err := m.Handler([]string{mirrorKey}, webhook.WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))))
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	integ := uniqueIntegration("gone")
	e := testEvent{ID: "ev_gone_" + integ, Type: "record.new", DataType: "employee", Record: "E1", Run: "sr_1", At: time.Now().UnixMilli(), Data: employeeData("Ada", "ACTIVE")}
	code, err := deliver(ctx, srv.URL, integ, e.body(t))
	require.NoError(t, err)
	assert.Equal(t, http.StatusInternalServerError, code)
	assert.Contains(t, logs.String(), "knitpostgres: mirror: event "+e.ID+": ")
	assert.Contains(t, logs.String(), "knit_test_no_ada")
}
