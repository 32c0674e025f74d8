package knitpostgres_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/accounting"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/webhook"

	knitpostgres "github.com/knit-sdk/knit-go/postgres"
)

// captured is one webhook delivery the playground made.
type captured struct {
	body  []byte // as sent, with eventId tagged
	integ string // X-Knit-Integration-Id, tagged
	seq   int    // the order the playground sent it in
	event struct {
		ID       string          `json:"eventId"`
		Type     string          `json:"eventType"`
		DataType string          `json:"syncDataType"`
		RecordID string          `json:"recordId"`
		RunID    string          `json:"syncRunId"`
		Data     json.RawMessage `json:"eventData"`
	}
}

// capture answers 200 to every delivery and keeps it. The playground's
// event and integration IDs restart at 1 in every process, so tag makes
// them unique to this run: the mirror's tables and inbox outlive a test.
type capture struct {
	tag string
	mu  sync.Mutex
	all []*captured
}

func (c *capture) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	const idKey = `"eventId":"`
	if bytes.Count(body, []byte(idKey)) != 1 {
		http.Error(w, "want one eventId key, written without spaces", http.StatusBadRequest)
		return
	}
	body = bytes.Replace(body, []byte(idKey), []byte(idKey+c.tag+"_"), 1)
	d := &captured{body: body, integ: c.tag + "_" + r.Header.Get("X-Knit-Integration-Id")}
	if err := json.Unmarshal(body, &d.event); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	c.mu.Lock()
	d.seq = len(c.all)
	c.all = append(c.all, d)
	c.mu.Unlock()
}

// tagged is the integration ID the mirror sees for the playground's integ.
func (c *capture) tagged(integ string) string { return c.tag + "_" + integ }

func (c *capture) of(integ string) []*captured {
	integ = c.tagged(integ)
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []*captured
	for _, d := range c.all {
		if d.integ == integ {
			out = append(out, d)
		}
	}
	return out
}

// stateOf is the eventData the playground syncs for each record of kind (a
// knittest record kind): the record's JSON, by ID; keep says which records
// a sync includes.
func stateOf(t *testing.T, srv *knittest.Server, kind string, keep func(recordKeys) bool) map[string]json.RawMessage {
	t.Helper()
	recs, err := srv.Records(kind)
	require.NoError(t, err)
	out := map[string]json.RawMessage{}
	for _, b := range recs {
		var k recordKeys
		require.NoError(t, json.Unmarshal(b, &k))
		if keep != nil && !keep(k) {
			continue
		}
		out[k.id()] = b
	}
	return out
}

// recordKeys are the keys of a playground record that stateOf reads.
type recordKeys struct {
	Profile struct {
		ID               string `json:"id"`
		EmploymentStatus string `json:"employmentStatus"`
	} `json:"profile"`
	Info struct {
		ID string `json:"id"`
	} `json:"info"`
}

// id is an employee's profile.id or another record's info.id.
func (k recordKeys) id() string {
	if k.Profile.ID != "" {
		return k.Profile.ID
	}
	return k.Info.ID
}

// activeEmployee is the playground's filter of employee syncs without
// includeInactiveRecords.
func activeEmployee(k recordKeys) bool { return k.Profile.EmploymentStatus != "INACTIVE" }

// patch is a JSON merge patch of v.
func patch(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

type obj = map[string]any

// replica is one mirror process: its own pool (tagged so its connections
// can be killed), Mirror and HTTP server.
type replica struct {
	name string
	srv  *httptest.Server
	dead atomic.Bool
}

// countingDB counts the transactions begun on its pool.
type countingDB struct {
	*pgxpool.Pool
	begins *atomic.Int64
}

func (db countingDB) Begin(ctx context.Context) (pgx.Tx, error) {
	db.begins.Add(1)
	return db.Pool.Begin(ctx)
}

// startReplica starts a replica whose transactions add to begins.
func startReplica(t *testing.T, name string, cfg knitpostgres.MirrorConfig, begins *atomic.Int64) *replica {
	t.Helper()
	pc, err := pgxpool.ParseConfig(testURL(t))
	require.NoError(t, err)
	pc.MaxConns = 16
	pc.ConnConfig.RuntimeParams["application_name"] = name
	pool, err := pgxpool.NewWithConfig(context.Background(), pc)
	require.NoError(t, err)
	require.NoError(t, knitpostgres.Migrate(context.Background(), pool))
	m, err := knitpostgres.NewMirror(countingDB{Pool: pool, begins: begins}, cfg)
	require.NoError(t, err)
	h, err := m.Handler([]string{knittest.DefaultAPIKey})
	require.NoError(t, err)
	r := &replica{name: name}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if r.dead.Load() {
			// A killed process answers nothing: drop the connection.
			panic(http.ErrAbortHandler)
		}
		h.ServeHTTP(w, req)
	}))
	t.Cleanup(func() { r.srv.Close(); pool.Close() })
	return r
}

// rowKey is a mirror row's identity and the ordering key of the event that
// last wrote it.
type rowKey struct {
	table, integ, record string
}

type rowOrder struct {
	at      time.Time
	eventID string
}

func (o rowOrder) less(p rowOrder) bool {
	return o.at.Before(p.at) || (o.at.Equal(p.at) && o.eventID < p.eventID)
}

// proofTables are the tables the proof's data types land in.
var proofTables = []knitpostgres.Table{knitpostgres.TableEmployees, knitpostgres.TableJobs, knitpostgres.TableApplications,
	knitpostgres.TableInvoices, knitpostgres.TableAccountingContacts}

// observe reads the ordering key of every row of integs.
func observe(ctx context.Context, pool *pgxpool.Pool, integs []string) (map[rowKey]rowOrder, error) {
	var q []string
	for _, t := range proofTables {
		q = append(q, fmt.Sprintf(`SELECT '%[1]s', integration_id, record_id, order_at, event_id FROM %[1]s WHERE integration_id = ANY($1)`, t))
	}
	rows, err := pool.Query(ctx, strings.Join(q, " UNION ALL "), integs)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[rowKey]rowOrder{}
	for rows.Next() {
		var k rowKey
		var o rowOrder
		if err := rows.Scan(&k.table, &k.integ, &k.record, &o.at, &o.eventID); err != nil {
			return nil, err
		}
		out[k] = o
	}
	return out, rows.Err()
}

// TestMirrorProof: the playground runs initial syncs, then two rounds of
// modifications and deletions with delta syncs; every event it sent is
// delivered one to three times, shuffled, by 64 concurrent senders, to three
// mirror replicas, one of which is killed mid-run. The tables must end
// exactly equal to the playground's final state (every field of every
// record, every deletion; a second account left at its initial state), and
// no row may ever be observed going backwards.
func TestMirrorProof(t *testing.T) {
	ctx := context.Background()
	admin := newPool(t, 4)
	start := time.Now()

	// The playground's clock moves one second per reading, so each sync
	// run has its own triggeredAt, as Knit's runs have.
	var tick atomic.Int64
	base := time.Now().Truncate(time.Second)
	srv := knittest.NewServer(knittest.WithClock(func() time.Time { return base.Add(time.Duration(tick.Add(1)) * time.Second) }))
	t.Cleanup(srv.Close)
	org := uniqueIntegration("proof")
	capt := &capture{tag: org}
	hook := httptest.NewServer(capt)
	t.Cleanup(hook.Close)
	for _, c := range []knit.Category{knit.CategoryHRIS, knit.CategoryATS, knit.CategoryAccounting} {
		require.NoError(t, srv.SetWebhookURL(c, hook.URL))
	}
	client, err := srv.Client()
	require.NoError(t, err)
	connect := func(name string, c knit.Category) string {
		id, err := srv.Connect(knittest.ConnectParams{OriginOrgID: org + "-" + name, Category: c, Production: true})
		require.NoError(t, err)
		return id
	}
	syncRun := func(integ, dataType string, st knit.SyncType) {
		t.Helper()
		job, err := client.Integration(integ).Sync.Start(ctx, &knit.SyncStartParams{DataType: dataType, SyncType: st})
		require.NoError(t, err)
		require.NoError(t, srv.WaitForSync(ctx, job.SyncRunID))
	}
	contacts := knittest.PlaygroundDataTypeAccountingContacts
	type synced struct{ integ, dataType string }
	hrisA, hrisB, atsI, accI := connect("hris-a", knit.CategoryHRIS), connect("hris-b", knit.CategoryHRIS),
		connect("ats", knit.CategoryATS), connect("acc", knit.CategoryAccounting)
	mirrored := []synced{{hrisA, "employee"}, {hrisB, "employee"}, {atsI, "ats_jobs"}, {accI, "accounting_invoices"}, {accI, contacts}}
	for _, s := range mirrored {
		syncRun(s.integ, s.dataType, knit.SyncTypeInitial)
	}

	// Two rounds of changes in the upstream apps, each followed by delta
	// syncs of everything but hris-b, which stays at its initial state.
	emps, jobs, invs := srv.Employees(), srv.Jobs(), srv.Invoices()
	empRecords, err := srv.Records("employees")
	require.NoError(t, err)
	wantB := stateOf(t, srv, "employees", activeEmployee) // hris-b is never synced again
	for round := range 2 {
		for i := range 12 {
			e := emps[(i*3+round)%len(emps)]
			require.NoError(t, srv.PatchRecord("employees", e.Profile.ID, patch(t, obj{
				"profile":      obj{"firstName": fmt.Sprintf("%s-r%d", e.Profile.FirstName, round)},
				"orgStructure": obj{"department": []string{"Engineering", "Sales", "Finance"}[(i+round)%3]},
			})))
		}
		require.NoError(t, srv.PatchRecord("employees", emps[40+round].Profile.ID, []byte(`{"profile":{"employmentStatus":"INACTIVE"}}`)))
		require.NoError(t, srv.DeleteRecord("employees", emps[3*round].Profile.ID)) // modified in round 0, then deleted
		var added obj
		require.NoError(t, json.Unmarshal(empRecords[50+round], &added))
		added["profile"].(obj)["id"] = fmt.Sprintf("%s-new-%d", org, round)
		_, err := srv.AddRecord("employees", patch(t, added))
		require.NoError(t, err)
		for i := range 3 {
			j := jobs[i+round]
			require.NoError(t, srv.PatchRecord("jobs", j.Info.ID, patch(t, obj{"info": obj{"title": fmt.Sprintf("%s (r%d)", j.Info.Title, round)}})))
		}
		require.NoError(t, srv.DeleteRecord("jobs", jobs[10+round].Info.ID))
		for i := range 6 {
			v := invs[i*2+round]
			require.NoError(t, srv.PatchRecord("invoices", v.Info.ID, patch(t, obj{"info": obj{"description": fmt.Sprintf("%s r%d", v.Info.Description, round)}})))
		}
		require.NoError(t, srv.DeleteRecord("invoices", invs[200+round].Info.ID))
		for _, s := range mirrored {
			if s.integ != hrisB {
				syncRun(s.integ, s.dataType, knit.SyncTypeDelta)
			}
		}
	}
	// Every delivery of the mirrored accounts, one to three times, shuffled.
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0x6b6e6974))
	var queue []*captured
	events := 0
	var integs []string
	for _, integ := range []string{hrisA, hrisB, atsI, accI} {
		integs = append(integs, capt.tagged(integ))
		for _, d := range capt.of(integ) {
			events++
			for range 1 + rng.IntN(3) {
				queue = append(queue, d)
			}
		}
	}
	rng.Shuffle(len(queue), func(i, j int) { queue[i], queue[j] = queue[j], queue[i] })
	deliveries := len(queue)
	playgroundTime := time.Since(start)
	start = time.Now()

	// Group commit: count the transactions, and the groups rolled back
	// (their events then applied one by one).
	var begins atomic.Int64
	var mirrorLog syncBuffer
	cfg := knitpostgres.MirrorConfig{DataTypes: map[string]knitpostgres.Table{contacts: knitpostgres.TableAccountingContacts},
		Logger: slog.New(slog.NewJSONHandler(&mirrorLog, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Inbox:  knitpostgres.InboxConfig{Logger: quiet}}
	replicas := []*replica{startReplica(t, org+"-r1", cfg, &begins), startReplica(t, org+"-r2", cfg, &begins),
		startReplica(t, org+"-r3", cfg, &begins)}

	// The observer: no row's ordering key ever decreases, no row vanishes.
	obsCtx, stopObs := context.WithCancel(ctx)
	var snapshots, backwards atomic.Int64
	var obsErr error
	obsDone := make(chan struct{})
	go func() {
		defer close(obsDone)
		last := map[rowKey]rowOrder{}
		for obsCtx.Err() == nil {
			now, err := observe(obsCtx, admin, integs)
			if err != nil {
				if obsCtx.Err() == nil {
					obsErr = err
				}
				return
			}
			snapshots.Add(1)
			for k, prev := range last {
				cur, ok := now[k]
				if !ok || cur.less(prev) {
					backwards.Add(1)
					t.Errorf("row %v went backwards: %v %s -> %v %s (present %v)", k, prev.at, prev.eventID, cur.at, cur.eventID, ok)
				}
			}
			last = now
		}
	}()

	// 64 senders; a failed delivery goes back in the queue, as Knit retries.
	var (
		mu                 sync.Mutex
		next               int
		retry              []*captured
		inFlight           int
		sent, failed, dups atomic.Int64
		killed             atomic.Bool
		// stale counts deliveries of a record event taken after a later
		// event of the same record: the reorderings the mirror must undo.
		stale  int
		newest = map[string]int{}
	)
	take := func() (*captured, bool) {
		mu.Lock()
		defer mu.Unlock()
		for {
			if len(retry) > 0 {
				d := retry[0]
				retry = retry[1:]
				inFlight++
				return d, true
			}
			if next < len(queue) {
				d := queue[next]
				next++
				inFlight++
				if d.event.RecordID != "" {
					k := d.integ + "|" + d.event.DataType + "|" + d.event.RecordID
					if n, ok := newest[k]; ok && n > d.seq {
						stale++
					} else {
						newest[k] = d.seq
					}
				}
				return d, true
			}
			if inFlight == 0 {
				return nil, false
			}
			mu.Unlock()
			time.Sleep(5 * time.Millisecond)
			mu.Lock()
		}
	}
	httpc := &http.Client{Timeout: 30 * time.Second}
	var wg sync.WaitGroup
	for w := range 64 {
		wg.Go(func() {
			for {
				d, ok := take()
				if !ok {
					return
				}
				n := sent.Add(1)
				if n == int64(deliveries*2/5) && killed.CompareAndSwap(false, true) {
					// Kill replica 3 mid-run: it stops answering and its
					// open transactions die with their connections.
					replicas[2].dead.Store(true)
					replicas[2].srv.CloseClientConnections()
					if _, err := admin.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, replicas[2].name); err != nil {
						t.Errorf("killing replica 3's connections: %v", err)
					}
				}
				r := replicas[(w+int(n))%3]
				if r.dead.Load() {
					r = replicas[(w+int(n))%2]
				}
				req, err := webhook.NewSignedRequest(ctx, r.srv.URL, d.body, knittest.DefaultAPIKey)
				if err != nil {
					t.Errorf("signing %s: %v", d.event.ID, err)
					mu.Lock()
					inFlight--
					mu.Unlock()
					return
				}
				req.Header.Set("X-Knit-Integration-Id", d.integ)
				resp, err := httpc.Do(req)
				ok = err == nil && resp.StatusCode == http.StatusOK
				if err == nil {
					_ = resp.Body.Close()
				}
				mu.Lock()
				inFlight--
				if !ok {
					failed.Add(1)
					retry = append(retry, d)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	deliveryTime := time.Since(start)
	stopObs()
	<-obsDone
	require.NoError(t, obsErr)
	dups.Store(int64(deliveries - events))

	// The tables equal the playground's final state.
	checked, deletedRows := 0, 0
	wants := map[synced]map[string]json.RawMessage{}
	for _, s := range mirrored {
		var (
			table knitpostgres.Table
			want  map[string]json.RawMessage
		)
		switch s.dataType {
		case "employee":
			table, want = knitpostgres.TableEmployees, stateOf(t, srv, "employees", activeEmployee)
			if s.integ == hrisB {
				want = wantB
			}
		case "ats_jobs":
			table, want = knitpostgres.TableJobs, stateOf(t, srv, "jobs", nil)
		case "accounting_invoices":
			table, want = knitpostgres.TableInvoices, stateOf(t, srv, "invoices", nil)
		case contacts:
			table, want = knitpostgres.TableAccountingContacts, stateOf(t, srv, "accounting-contacts", nil)
		}
		require.NotEmpty(t, want)
		wants[s] = want
		everSent := map[string]bool{}
		for _, d := range capt.of(s.integ) {
			if d.event.DataType == s.dataType && d.event.RecordID != "" {
				everSent[d.event.RecordID] = true
			}
		}
		rows, err := admin.Query(ctx, fmt.Sprintf(`SELECT record_id, data, deleted_at IS NOT NULL FROM %s WHERE integration_id = $1`, table), capt.tagged(s.integ))
		require.NoError(t, err)
		got, gone := map[string]json.RawMessage{}, map[string]bool{}
		for rows.Next() {
			var id string
			var data json.RawMessage
			var deleted bool
			require.NoError(t, rows.Scan(&id, &data, &deleted))
			if deleted {
				gone[id] = true
			} else {
				got[id] = data
			}
		}
		require.NoError(t, rows.Err())
		require.Len(t, got, len(want), "%s of %s: live rows", s.dataType, s.integ)
		for id, w := range want {
			g, ok := got[id]
			require.True(t, ok, "%s %s of %s has no live row", s.dataType, id, s.integ)
			assert.JSONEq(t, string(w), string(g), "%s %s: every field", s.dataType, id)
			checked++
		}
		for id := range everSent {
			if _, live := want[id]; !live {
				assert.True(t, gone[id], "%s %s was deleted upstream: its row must be marked deleted", s.dataType, id)
				deletedRows++
			}
		}
		assert.Len(t, gone, len(everSent)-len(want), "%s of %s: deleted rows", s.dataType, s.integ)
		done, err := mirrorFor(t, admin).InitialSyncComplete(ctx, capt.tagged(s.integ), s.dataType)
		require.NoError(t, err)
		assert.True(t, done, "%s of %s: initial sync complete", s.dataType, s.integ)
	}
	// The typed columns of every live row are what the SDK's typed
	// accessors read from the playground's final record.
	typedChecked := 0
	for _, s := range mirrored {
		var (
			table   knitpostgres.Table
			cols    string
			columns func(data []byte) []any
		)
		switch s.dataType {
		case "employee":
			table, cols = knitpostgres.TableEmployees,
				"first_name, last_name, work_email, employment_status, department, manager_id, start_date"
			columns = func(data []byte) []any {
				e, err := hris.DecodeEmployee(data)
				require.NoError(t, err)
				p, o := *e.Profile, *e.OrgStructure
				manager := ""
				if o.Manager != nil {
					manager = o.Manager.ID
				}
				return []any{p.FirstName, p.LastName, p.WorkEmail, string(p.EmploymentStatus), o.Department, manager, p.StartDate}
			}
		case "ats_jobs":
			table, cols = knitpostgres.TableJobs, "title, status, department, created_at"
			columns = func(data []byte) []any {
				j, err := ats.DecodeJob(data)
				require.NoError(t, err)
				require.NotEmpty(t, j.Departments)
				return []any{j.Info.Title, string(j.Info.Status), j.Departments[0].Name, j.Info.CreatedAt}
			}
		case "accounting_invoices":
			table, cols = knitpostgres.TableInvoices, "invoice_number, status, total_amount::text, due_date"
			columns = func(data []byte) []any {
				inv, err := accounting.DecodeInvoice(data)
				require.NoError(t, err)
				return []any{inv.Info.InvoiceNumber, string(inv.Info.Status), inv.Info.TotalAmount, inv.Info.DueDate}
			}
		case contacts:
			table, cols = knitpostgres.TableAccountingContacts, "name, contact_type, status, email, currency"
			columns = func(data []byte) []any {
				c, err := accounting.DecodeContact(data)
				require.NoError(t, err)
				email := ""
				if len(c.Emails) > 0 {
					email = c.Emails[0].Email
				}
				return []any{c.Info.Name, string(c.Info.ContactType), string(c.Info.Status), email, c.Info.Currency}
			}
		default:
			t.Fatalf("no typed columns check for %s", s.dataType)
		}
		want := wants[s]
		rows, err := admin.Query(ctx, fmt.Sprintf(`SELECT record_id, %s FROM %s WHERE integration_id = $1 AND deleted_at IS NULL`, cols, table),
			capt.tagged(s.integ))
		require.NoError(t, err)
		// Read every row first: a failed check must not leave the query open.
		var all [][]any
		for rows.Next() {
			values, err := rows.Values()
			if err != nil {
				break
			}
			all = append(all, values)
		}
		rows.Close()
		require.NoError(t, rows.Err())
		for _, values := range all {
			id := values[0].(string)
			require.Contains(t, want, id, "%s of %s: a live row the playground does not have", s.dataType, s.integ)
			for i, w := range columns(want[id]) {
				got := values[i+1]
				if tm, ok := got.(time.Time); ok {
					got = tm.UTC()
				}
				assert.Equal(t, sqlValue(t, w), got, "%s %s of %s: typed column %d of %q", s.dataType, id, s.integ, i+1, cols)
			}
			typedChecked++
		}
	}
	assert.Positive(t, typedChecked)
	var touched int
	require.NoError(t, admin.QueryRow(ctx, `SELECT count(*) FROM knit_mirror_employees WHERE integration_id = $1 AND event_type <> 'record.new'`, capt.tagged(hrisB)).Scan(&touched))
	assert.Zero(t, touched, "hris-b's rows were never touched by hris-a's changes")
	assert.Zero(t, backwards.Load())
	assert.Positive(t, failed.Load(), "the killed replica failed some deliveries, which were redelivered")
	assert.Positive(t, stale, "the shuffle sent older events after newer ones")
	assert.Less(t, begins.Load(), int64(deliveries), "group commit: fewer transactions than deliveries")
	rolledBack := strings.Count(mirrorLog.String(), `"msg":"knit mirror: group of events rolled back; applying each alone"`)
	t.Logf("mirror proof (seed %d): %d events, %d deliveries (%d duplicates) by 64 senders to 3 replicas, replica 3 killed after %d; "+
		"%d transactions (%d groups rolled back and applied one by one); "+
		"%d failed deliveries redelivered; %d deliveries older than one already sent for their record; %d live records equal to the playground's (typed columns of %d checked against the SDK's models), %d deletions; %d observer snapshots, 0 rows backwards; "+
		"playground %v, delivery %v",
		seed, events, deliveries, dups.Load(), deliveries*2/5, begins.Load(), rolledBack, failed.Load(), stale, checked, typedChecked, deletedRows, snapshots.Load(), playgroundTime.Round(time.Millisecond), deliveryTime.Round(time.Millisecond))
}

// sqlValue is how a typed column holding model value v scans with pgx:
// text, a timestamptz (compared in UTC), a numeric cast to text (the
// digits Knit sent, which the playground writes without an exponent), nil
// for NULL.
func sqlValue(t *testing.T, v any) any {
	t.Helper()
	switch v := v.(type) {
	case string:
		if v == "" {
			return nil
		}
		return v
	case basemodel.DateTime:
		tm, ok := v.Time()
		if !ok {
			return nil
		}
		return tm.UTC()
	case basemodel.Decimal:
		if v.IsZero() {
			return nil
		}
		return v.String()
	}
	t.Fatalf("sqlValue: %T", v)
	return nil
}

// mirrorFor is a Mirror on pool, for its queries.
func mirrorFor(t *testing.T, pool *pgxpool.Pool) *knitpostgres.Mirror {
	t.Helper()
	m, err := knitpostgres.NewMirror(pool, knitpostgres.MirrorConfig{})
	require.NoError(t, err)
	return m
}
