package knittest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/internal/signature"
	"github.com/knit-sdk/knit-go/knittest"
)

// delivery is one webhook POST as the receiver saw it.
type delivery struct {
	header http.Header
	body   []byte
	event  map[string]json.RawMessage
}

func (d delivery) str(key string) string {
	var s string
	_ = json.Unmarshal(d.event[key], &s)
	return s
}

// receiver is an httptest webhook endpoint; status decides each answer.
type receiver struct {
	mu     sync.Mutex
	got    []delivery
	status func(n int, d delivery) int
	srv    *httptest.Server
}

func newReceiver(t *testing.T, status func(n int, d delivery) int) *receiver {
	t.Helper()
	r := &receiver{status: status}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, err := io.ReadAll(req.Body)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		d := delivery{header: req.Header.Clone(), body: body}
		_ = json.Unmarshal(body, &d.event)
		r.mu.Lock()
		r.got = append(r.got, d)
		n := len(r.got)
		r.mu.Unlock()
		code := http.StatusOK
		if r.status != nil {
			code = r.status(n, d)
		}
		w.WriteHeader(code)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) deliveries() []delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]delivery(nil), r.got...)
}

// events is deliveries without redeliveries: a delivery whose eventId came
// before is left out. Knit's webhooks are at least once, and the playground
// too delivers an event again after an attempt fails, which can happen after
// the receiver has seen it; every failed attempt is logged. Tests that count
// what a sync sends count events, so a second event for one record still
// fails them, while a repeated attempt does not.
func (r *receiver) events() []delivery {
	var out []delivery
	seen := map[string]bool{}
	for _, d := range r.deliveries() {
		id := d.str("eventId")
		if id != "" && seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, d)
	}
	return out
}

func startSync(t *testing.T, srv *knittest.Server, integ string, body map[string]any) string {
	t.Helper()
	return startRun(t, srv, "sync.start", integ, body)
}

func startRun(t *testing.T, srv *knittest.Server, method, integ string, body map[string]any) string {
	t.Helper()
	var data struct {
		SyncJobID string `json:"syncJobId"`
		SyncRunID string `json:"syncRunId"`
	}
	ok(t, post(t, srv, method, integ, body), &data)
	require.NotEmpty(t, data.SyncJobID)
	require.NotEmpty(t, data.SyncRunID)
	return data.SyncRunID
}

func waitSync(t *testing.T, srv *knittest.Server, run string) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return srv.WaitForSync(ctx, run)
}

func TestInitialSyncDeliversSignedEvents(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	srv := newServer(t, knittest.WithClock(func() time.Time { return now }))
	integ := connect(t, srv, "org-s", knit.CategoryHRIS)
	rc := newReceiver(t, nil)

	// No webhook registered for HRIS yet: syncs are not set up.
	fails(t, post(t, srv, "sync.start", integ, map[string]any{"dataType": "employee"}), http.StatusBadRequest)
	require.NoError(t, srv.SetWebhookURL("HRIS", rc.srv.URL+"/hooks/knit"))

	run := startSync(t, srv, integ, map[string]any{"dataType": "employee", "models": []string{"employee_profile", "employee_orgStructure"}})
	require.NoError(t, waitSync(t, srv, run))

	active := 0
	for _, e := range srv.EmployeeRecords() {
		if e.Profile.EmploymentStatus == "ACTIVE" {
			active++
		}
	}
	got := rc.events()
	require.Len(t, got, active+2, "one record.new per active employee, then processed and allConsumed")

	seen := map[string]bool{}
	for i, d := range got {
		assert.Equal(t, signature.Sign(d.body, srv.APIKey()), d.header.Get("X-Knit-Signature"), "signed over the raw body")
		assert.Equal(t, integ, d.header.Get("X-Knit-Integration-Id"))
		assert.NotEmpty(t, d.header.Get("X-Knit-Execution-Id"))
		assert.Equal(t, "application/json", d.header.Get("Content-Type"))
		keys := make([]string, 0, len(d.event))
		for k := range d.event {
			keys = append(keys, k)
		}
		envelope := []string{"eventId", "eventType", "eventData", "syncType", "syncDataType", "syncJobId", "syncRunId", "triggeredAt"}
		if i < active {
			envelope = append(envelope, "recordId") // Knit's sync.events.* examples have none
		}
		assert.ElementsMatch(t, envelope, keys)
		assert.Equal(t, strconv.FormatInt(now.UnixMilli(), 10), d.str("triggeredAt"))
		assert.Equal(t, "initial_sync", d.str("syncType"))
		assert.Equal(t, "employee", d.str("syncDataType"))
		assert.Equal(t, run, d.str("syncRunId"))
		assert.False(t, seen[d.str("eventId")], "eventIds are unique")
		seen[d.str("eventId")] = true
		if i < active {
			assert.Equal(t, "record.new", d.str("eventType"))
			var data map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(d.event["eventData"], &data))
			assert.Len(t, data, 2, "only the requested models")
			var profile struct {
				ID string `json:"id"`
			}
			require.NoError(t, json.Unmarshal(data["profile"], &profile))
			assert.Equal(t, d.str("recordId"), profile.ID)
			assert.Contains(t, data, "orgStructure")
		}
	}
	ms := strconv.FormatInt(now.UnixMilli(), 10)
	total := len(srv.EmployeeRecords())
	assert.Equal(t, "sync.events.processed", got[active].str("eventType"))
	assert.JSONEq(t, fmt.Sprintf(`{"status":"processed","processed":%d,"emitted":%d,"startedAt":%q,"processedAt":%q,"complete":false}`,
		active, active, ms, ms), string(got[active].event["eventData"]), "Knit's documented shape; inactive employees are not read")
	assert.Equal(t, "sync.events.allConsumed", got[active+1].str("eventType"))
	assert.JSONEq(t, fmt.Sprintf(`{"status":"completed","processed":%d,"emitted":%d,"consumed":%d}`, active, active, active),
		string(got[active+1].event["eventData"]))
	require.Greater(t, total, active, "the dataset has inactive employees")

	res, found := srv.SyncResult(run)
	require.True(t, found)
	assert.Equal(t, active+2, res.Events)
	assert.Equal(t, active+2, res.Delivered)
	assert.Equal(t, active+2, res.Attempts)
	assert.Empty(t, res.Failed)
}

func TestSyncValidation(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	ats := connect(t, srv, "org-v", knit.CategoryATS)
	rc := newReceiver(t, nil)
	require.NoError(t, srv.SetWebhookURL("ATS", rc.srv.URL))
	require.Error(t, srv.SetWebhookURL("Payroll", rc.srv.URL))
	require.Error(t, srv.SetWebhookURL("ATS", "not a url"))

	for body, want := range map[string]string{
		`{}`:                          "dataType",
		`{"dataType":"crm_contacts"}`: "crm_contacts",
		`{"dataType":"employee"}`:     "HRIS",
		`{"dataType":"ats_jobs","syncType":"full"}`: "syncType",
		`{"dataType":"ats_jobs","models":["nope"]}`: "nope",
		`{"dataType":"ats_jobs","startHour":24}`:    "startHour",
	} {
		var b map[string]any
		require.NoError(t, json.Unmarshal([]byte(body), &b))
		assert.Contains(t, fails(t, post(t, srv, "sync.start", ats, b), http.StatusBadRequest), want, body)
	}
	err := srv.WaitForSync(context.Background(), "sr_unknown")
	require.Error(t, err)
}

func TestWebhookRetriedUntil200(t *testing.T) {
	t.Parallel()
	srv := newServer(t, knittest.WithWebhookRetry(3, time.Millisecond))
	integ := connect(t, srv, "org-r", knit.CategoryATS)
	// The first delivery is answered 500, and a 201 is not good enough either.
	rc := newReceiver(t, func(n int, _ delivery) int {
		switch n {
		case 1:
			return http.StatusInternalServerError
		case 2:
			return http.StatusCreated
		}
		return http.StatusOK
	})
	require.NoError(t, srv.SetWebhookURL("ATS", rc.srv.URL))
	run := startSync(t, srv, integ, map[string]any{"dataType": "ats_jobs"})
	require.NoError(t, waitSync(t, srv, run))

	got := rc.deliveries()
	require.Len(t, got, 25+2+2, "25 jobs + processed + allConsumed + 2 retries")
	assert.Equal(t, got[0].str("eventId"), got[1].str("eventId"))
	assert.Equal(t, got[0].str("eventId"), got[2].str("eventId"))
	assert.Equal(t, got[0].body, got[2].body, "a retry resends the same payload")
	assert.NotEqual(t, got[0].header.Get("X-Knit-Execution-Id"), got[2].header.Get("X-Knit-Execution-Id"))
	res, _ := srv.SyncResult(run)
	assert.Equal(t, 29, res.Attempts)
	assert.Equal(t, 27, res.Delivered)
}

func TestWebhookGivenUpAfterRetries(t *testing.T) {
	t.Parallel()
	srv := newServer(t, knittest.WithWebhookRetry(2, time.Millisecond))
	integ := connect(t, srv, "org-g", knit.CategoryAccounting)
	rc := newReceiver(t, func(_ int, d delivery) int {
		if d.str("recordId") == "INV00002" {
			return http.StatusServiceUnavailable
		}
		return http.StatusOK
	})
	require.NoError(t, srv.SetWebhookURL("Accounting", rc.srv.URL))
	run := startSync(t, srv, integ, map[string]any{"dataType": "accounting_invoices", "models": []string{"accounting_invoice_info"}})
	err := waitSync(t, srv, run)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not acknowledged")

	got := rc.deliveries()
	require.Len(t, got, 300+1+1, "300 invoices, one extra attempt, processed; no allConsumed")
	assert.Equal(t, "sync.events.processed", got[len(got)-1].str("eventType"))
	res, _ := srv.SyncResult(run)
	require.Len(t, res.Failed, 1)
}

func TestDeltaSyncReportsChanges(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	integ := connect(t, srv, "org-d", knit.CategoryHRIS)
	rc := newReceiver(t, nil)
	require.NoError(t, srv.SetWebhookURL("HRIS", rc.srv.URL))

	run := startSync(t, srv, integ, map[string]any{"dataType": "employee"})
	require.NoError(t, waitSync(t, srv, run))
	initial := len(rc.events())

	// Nothing changed: a delta sync emits only the bookkeeping events.
	run = startSync(t, srv, integ, map[string]any{"dataType": "employee", "syncType": "delta_sync"})
	require.NoError(t, waitSync(t, srv, run))
	require.Len(t, rc.events(), initial+2)

	require.NoError(t, srv.PatchRecord("employees", "EMP1005", []byte(`{"orgStructure":{"designation":"Principal Engineer"}}`)))
	require.NoError(t, srv.DeleteRecord("employees", "EMP1006"))
	var created struct {
		EmployeeID string `json:"employeeId"`
	}
	ok(t, post(t, srv, "hr.employee.create", integ, map[string]any{"employment": map[string]any{"positionId": "dummy"}, "firstName": "Ada", "lastName": "Lovelace"}), &created)
	require.Error(t, srv.PatchRecord("employees", "EMP1005", []byte(`{"profile":{"id":"X"}}`)), "ids are immutable")
	require.Error(t, srv.DeleteRecord("employees", "EMP1006"))

	before := len(rc.events())
	run = startSync(t, srv, integ, map[string]any{"dataType": "employee", "syncType": "delta_sync", "models": []string{"employee_orgStructure"}})
	require.NoError(t, waitSync(t, srv, run))
	got := rc.events()[before:]
	require.Len(t, got, 5)
	byType := map[string]delivery{}
	for _, d := range got[:3] {
		byType[d.str("eventType")] = d
		assert.Equal(t, "delta_sync", d.str("syncType"))
	}
	assert.Equal(t, "EMP1005", byType["record.modified"].str("recordId"))
	assert.Contains(t, string(byType["record.modified"].event["eventData"]), "Principal Engineer")
	assert.Equal(t, created.EmployeeID, byType["record.new"].str("recordId"))
	assert.Equal(t, "EMP1006", byType["record.deleted"].str("recordId"))
	assert.JSONEq(t, `{"employeeId":"EMP1006","workEmail":"zara.wilson@playground-inc.com"}`, string(byType["record.deleted"].event["eventData"]),
		"identifiers only, as in Knit's employee sync guide")
}

// Knit: an initial sync sends active records only ("all active records are
// marked as new records"); an employee marked inactive later is a
// record.deleted. includeInactiveRecords asks for the inactive ones too.
func TestInactiveEmployeesRule(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	integ := connect(t, srv, "org-i", knit.CategoryHRIS)
	rc := newReceiver(t, nil)
	require.NoError(t, srv.SetWebhookURL("HRIS", rc.srv.URL))
	var active, inactive []string
	for _, e := range srv.EmployeeRecords() {
		if e.Profile.EmploymentStatus == "INACTIVE" {
			inactive = append(inactive, e.Profile.ID)
		} else {
			active = append(active, e.Profile.ID)
		}
	}
	require.NotEmpty(t, inactive)

	newIDs := func(from int) []string {
		var ids []string
		for _, d := range rc.events()[from:] {
			if d.str("eventType") == "record.new" {
				ids = append(ids, d.str("recordId"))
			}
		}
		return ids
	}
	require.NoError(t, waitSync(t, srv, startSync(t, srv, integ, map[string]any{"dataType": "employee"})))
	assert.ElementsMatch(t, active, newIDs(0), "initial sync: every active employee, no inactive one")

	// A terminated employee is a deletion in the next delta sync.
	require.NoError(t, srv.PatchRecord("employees", active[0], []byte(`{"profile":{"employmentStatus":"INACTIVE"}}`)))
	before := len(rc.events())
	require.NoError(t, waitSync(t, srv, startSync(t, srv, integ, map[string]any{"dataType": "employee", "syncType": "delta_sync"})))
	got := rc.events()[before:]
	require.Len(t, got, 3)
	assert.Equal(t, "record.deleted", got[0].str("eventType"))
	assert.Equal(t, active[0], got[0].str("recordId"))

	// includeInactiveRecords: the inactive employees come too, marked by status.
	integ2 := connect(t, srv, "org-i2", knit.CategoryHRIS)
	before = len(rc.events())
	require.NoError(t, waitSync(t, srv, startSync(t, srv, integ2, map[string]any{"dataType": "employee", "includeInactiveRecords": true})))
	assert.Len(t, newIDs(before), len(srv.EmployeeRecords()))
}

func TestDeletedEventShapesATS(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	integ := connect(t, srv, "org-da", knit.CategoryATS)
	rc := newReceiver(t, nil)
	require.NoError(t, srv.SetWebhookURL("ATS", rc.srv.URL))
	for _, dt := range []string{"ats_jobs", "ats_applications"} {
		require.NoError(t, waitSync(t, srv, startSync(t, srv, integ, map[string]any{"dataType": dt})))
	}
	job := srv.JobRecords()[0]
	app := srv.ApplicationRecords()[0]
	require.NoError(t, srv.DeleteRecord("jobs", job.Info.ID))
	require.NoError(t, srv.DeleteRecord("applications", app.Info.ID))
	want := map[string]string{
		"ats_jobs":         fmt.Sprintf(`{"jobId":%q}`, job.Info.ID),
		"ats_applications": fmt.Sprintf(`{"applicationId":%q,"candidateId":%q,"jobId":%q}`, app.Info.ID, app.Info.Candidate.ID, app.Info.JobID),
	}
	for _, dt := range []string{"ats_jobs", "ats_applications"} {
		before := len(rc.events())
		require.NoError(t, waitSync(t, srv, startSync(t, srv, integ, map[string]any{"dataType": dt, "syncType": "delta_sync"})))
		var deleted []delivery
		for _, d := range rc.events()[before:] {
			if d.str("eventType") == "record.deleted" {
				deleted = append(deleted, d)
			}
		}
		require.Len(t, deleted, 1, dt)
		assert.JSONEq(t, want[dt], string(deleted[0].event["eventData"]), dt)
	}
}

func TestCustomSync(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	integ := connect(t, srv, "org-cs", knit.CategoryCRM)
	rc := newReceiver(t, nil)
	body := map[string]any{
		"apiDetails": map[string]any{"method": "GET", "path": "/crm/v3/objects/notes"}, "idempotencyId": "notes-1",
		"webhookURL": rc.srv.URL, "recordIdentifier": "$.id", "listIdentifier": "$.results",
	}
	run := startRun(t, srv, "sync.custom.start", integ, body)
	require.NoError(t, waitSync(t, srv, run))
	assert.Len(t, rc.events(), 5+2)
	assert.Equal(t, run, startRun(t, srv, "sync.custom.start", integ, body), "same idempotencyId, same run")
	assert.Len(t, rc.events(), 7, "and no second delivery")

	assert.Contains(t, fails(t, post(t, srv, "sync.custom.start", integ, map[string]any{"webhookURL": rc.srv.URL}), 400), "apiDetails.method")
	assert.Contains(t, fails(t, post(t, srv, "sync.custom.start", integ, map[string]any{"apiDetails": map[string]any{"method": "GET", "path": "/x"}}), 400), "webhookURL")
}

func TestCloseStopsDeliveryInFlight(t *testing.T) {
	t.Parallel()
	srv := knittest.NewServer(knittest.WithWebhookRetry(1000, 10*time.Millisecond))
	integ := connect(t, srv, "org-close", knit.CategoryATS)
	rc := newReceiver(t, func(int, delivery) int { return http.StatusInternalServerError })
	require.NoError(t, srv.SetWebhookURL("ATS", rc.srv.URL))
	run := startSync(t, srv, integ, map[string]any{"dataType": "ats_jobs"})
	time.Sleep(30 * time.Millisecond)

	done := make(chan struct{})
	go func() { srv.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not stop the delivery goroutine")
	}
	err := srv.WaitForSync(context.Background(), run)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "closed")
}

func TestSyncStartPassThroughFiltersShape(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	integ := connect(t, srv, "org-pf", knit.CategoryATS)
	rc := newReceiver(t, nil)
	require.NoError(t, srv.SetWebhookURL("ATS", rc.srv.URL))
	run := startSync(t, srv, integ, map[string]any{"dataType": "ats_jobs",
		"passThroughFilters": map[string]any{"query": map[string]string{"status": "draft"}}})
	require.NoError(t, waitSync(t, srv, run))
	fails(t, post(t, srv, "sync.start", integ, map[string]any{"dataType": "ats_jobs",
		"passThroughFilters": map[string]any{"query": []string{"status"}}}), http.StatusBadRequest)
}
