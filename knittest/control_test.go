package knittest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/webhook"
)

// ctl sends one control API call to base (the server root) and decodes the
// JSON answer into a map.
func ctl(t *testing.T, base, key, verb, path, body string) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(context.Background(), verb, base+knittest.ControlPath+path, rd)
	require.NoError(t, err)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m), "body: %s", raw)
	if resp.StatusCode != http.StatusOK {
		require.NotEmpty(t, m["error"], "a failed control call names the problem: %s", raw)
	}
	return resp.StatusCode, m
}

func controlServer(t *testing.T, opts ...knittest.Option) (*knittest.Server, string, func(verb, path, body string) (int, map[string]any)) {
	t.Helper()
	srv := newServer(t, append([]knittest.Option{knittest.WithControlAPI()}, opts...)...)
	root := strings.TrimSuffix(srv.URL(), "/v1.0")
	return srv, root, func(verb, path, body string) (int, map[string]any) {
		t.Helper()
		return ctl(t, root, srv.APIKey(), verb, path, body)
	}
}

func TestControlNeedsKeyAndKnownRoute(t *testing.T) {
	t.Parallel()
	srv, root, call := controlServer(t)
	status, m := ctl(t, root, "", http.MethodGet, "integrations", "")
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Contains(t, m["error"], "Authorization")
	status, _ = ctl(t, root, "wrong", http.MethodGet, "integrations", "")
	assert.Equal(t, http.StatusUnauthorized, status)
	status, m = call(http.MethodGet, "nope", "")
	assert.Equal(t, http.StatusNotFound, status)
	assert.Contains(t, m["error"], "nope")
	status, m = call(http.MethodPost, "connect", `{"originOrgId":"a","categry":"HRIS"}`)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, m["error"], "categry", "a misspelt field is named")
	assert.Empty(t, srv.Requests(), "control calls are not in the Knit request log")

	// Without WithControlAPI the playground does not answer the control API.
	plain := newServer(t)
	status, _ = ctl(t, strings.TrimSuffix(plain.URL(), "/v1.0"), plain.APIKey(), http.MethodGet, "integrations", "")
	assert.Equal(t, http.StatusNotFound, status)
}

func TestControlConnectAndCompleteSession(t *testing.T) {
	t.Parallel()
	srv, _, call := controlServer(t)
	status, m := call(http.MethodPost, "connect", `{"originOrgId":"acme","category":"hris"}`)
	require.Equal(t, http.StatusOK, status, m)
	hrisID := m["integrationId"].(string)
	ok(t, get(t, srv, "hr.documents.categories", hrisID, nil), nil)

	// An auth session created through /v1.0, completed as the end user would.
	var msg struct {
		Token string `json:"token"`
	}
	r := post(t, srv, "auth.createSession", "", jsonRaw(t, `{"originOrgId":"acme","originOrgName":"Acme","originUserEmail":"a@acme.example","originUserName":"A","filters":[{"category":"ATS","apps":[]}]}`))
	require.Equal(t, http.StatusOK, r.status)
	require.NoError(t, json.Unmarshal(r.env.Msg, &msg))
	status, m = call(http.MethodPost, "sessions/"+msg.Token+"/complete", `{"appId":"bamboohr"}`)
	assert.Equal(t, http.StatusBadRequest, status, "the session's filters allow ATS only")
	assert.Contains(t, m["error"], "filters")
	status, m = call(http.MethodPost, "sessions/"+msg.Token+"/complete", `{}`)
	require.Equal(t, http.StatusOK, status, m)
	atsID := m["integrationId"].(string)
	ok(t, get(t, srv, "ats.job.list", atsID, nil), nil)
	status, _ = call(http.MethodPost, "sessions/"+msg.Token+"/complete", ``)
	assert.Equal(t, http.StatusBadRequest, status, "a session completes once")

	status, m = call(http.MethodPost, "connect", `{"originOrgId":"acme","category":"CRM"}`)
	require.Equal(t, http.StatusOK, status, m)
	status, m = call(http.MethodPost, "connect", `{"originOrgId":"acme","category":"Accounting"}`)
	assert.Equal(t, http.StatusConflict, status, "a fourth Test account")
	assert.Contains(t, m["error"], "3 active Test")
	status, _ = call(http.MethodPost, "connect", `{"originOrgId":"acme","category":"Accounting","production":true}`)
	assert.Equal(t, http.StatusOK, status)

	status, m = call(http.MethodPost, "integrations/"+hrisID+"/deactivate", "")
	require.Equal(t, http.StatusOK, status, m)
	status, m = call(http.MethodGet, "integrations", "")
	require.Equal(t, http.StatusOK, status)
	list := m["integrations"].([]any)
	require.Len(t, list, 4)
	first := list[0].(map[string]any)
	assert.Equal(t, hrisID, first["integrationId"])
	assert.Equal(t, "HRIS", first["category"])
	assert.Equal(t, "bamboohr", first["appId"])
	assert.Equal(t, false, first["active"])
	assert.Equal(t, true, list[1].(map[string]any)["active"])
	status, _ = call(http.MethodPost, "integrations/mg_nope/deactivate", "")
	assert.Equal(t, http.StatusNotFound, status)
}

func TestControlFaultsAndRequestLog(t *testing.T) {
	t.Parallel()
	srv, _, call := controlServer(t)
	id := connect(t, srv, "acme", knit.CategoryHRIS)

	status, m := call(http.MethodPost, "faults/rate-limit", `{"count":1,"retryAfterMs":1500}`)
	require.Equal(t, http.StatusOK, status, m)
	assert.InDelta(t, 1.0, m["rateLimited"], 0)
	r := get(t, srv, "hr.documents.categories", id, nil)
	fails(t, r, http.StatusTooManyRequests)
	assert.Equal(t, "2", r.header.Get("Retry-After"))
	ok(t, get(t, srv, "hr.documents.categories", id, nil), nil)

	status, _ = call(http.MethodPost, "faults/fail", `{"count":2,"status":503}`)
	require.Equal(t, http.StatusOK, status)
	fails(t, get(t, srv, "hr.documents.categories", id, nil), http.StatusServiceUnavailable)
	status, m = call(http.MethodGet, "faults", "")
	require.Equal(t, http.StatusOK, status)
	assert.InDelta(t, 1.0, m["failing"], 0)
	assert.InDelta(t, 503.0, m["failStatus"], 0)
	status, _ = call(http.MethodPost, "faults/fail", `{"count":1,"status":200}`)
	assert.Equal(t, http.StatusBadRequest, status)
	status, m = call(http.MethodPut, "faults/latency", `{"ms":25}`)
	require.Equal(t, http.StatusOK, status)
	assert.InDelta(t, 25.0, m["latencyMs"], 0)
	status, _ = call(http.MethodPut, "faults/latency", `{}`)
	assert.Equal(t, http.StatusBadRequest, status)
	status, m = call(http.MethodDelete, "faults", "")
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, map[string]any{"rateLimited": 0.0, "retryAfterMs": 0.0, "failing": 0.0, "latencyMs": 0.0}, m)
	ok(t, get(t, srv, "hr.documents.categories", id, nil), nil)

	status, m = call(http.MethodGet, "requests?method=hr.documents.categories", "")
	require.Equal(t, http.StatusOK, status)
	reqs := m["requests"].([]any)
	require.Len(t, reqs, 4)
	first := reqs[0].(map[string]any)
	assert.Equal(t, "GET", first["httpMethod"])
	assert.Equal(t, id, first["integrationId"])
	assert.Equal(t, []any{"REDACTED"}, first["header"].(map[string]any)["Authorization"])
	status, _ = call(http.MethodDelete, "requests", "")
	require.Equal(t, http.StatusOK, status)
	assert.Empty(t, srv.Requests())
}

func TestControlRecordsDriveDeltaSync(t *testing.T) {
	t.Parallel()
	srv, _, call := controlServer(t)
	id := connect(t, srv, "acme", knit.CategoryHRIS)
	rc := newReceiver(t, nil)
	status, m := call(http.MethodPut, "webhooks/hris", `{"url":"`+rc.srv.URL+`"}`)
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, rc.srv.URL, m["HRIS"])
	status, _ = call(http.MethodPut, "webhooks/HRIS", `{"url":"not a url"}`)
	assert.Equal(t, http.StatusBadRequest, status)

	status, m = call(http.MethodGet, "records/employees", "")
	require.Equal(t, http.StatusOK, status)
	require.InDelta(t, 250.0, m["count"], 0)
	emp := m["records"].([]any)[0].(map[string]any)
	empID := emp["profile"].(map[string]any)["id"].(string)
	otherID := m["records"].([]any)[1].(map[string]any)["profile"].(map[string]any)["id"].(string)

	runID := startSync(t, srv, id, map[string]any{"dataType": "employee"})
	status, m = call(http.MethodGet, "sync-runs/"+runID+"?wait=10s", "")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, true, m["done"], m)
	assert.Equal(t, m["events"], m["delivered"])
	assert.Empty(t, m["failed"])
	rc.mu.Lock()
	rc.got = nil
	rc.mu.Unlock()

	status, m = call(http.MethodPatch, "records/employees/"+empID, `{"profile":{"firstName":"Renamed"}}`)
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, "Renamed", m["profile"].(map[string]any)["firstName"])
	assert.Equal(t, emp["profile"].(map[string]any)["lastName"], m["profile"].(map[string]any)["lastName"], "a merge patch keeps what it does not name")
	status, m = call(http.MethodPatch, "records/employees/"+empID, `{"profile":{"id":"other"}}`)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, m["error"], "immutable")
	status, m = call(http.MethodPatch, "records/employees/"+empID, `{"profile":{"frstName":"x"}}`)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, m["error"], "frstName")
	status, _ = call(http.MethodDelete, "records/employees/"+otherID, "")
	require.Equal(t, http.StatusOK, status)
	status, _ = call(http.MethodGet, "records/employees/"+otherID, "")
	assert.Equal(t, http.StatusNotFound, status)
	added := strings.Replace(mustJSON(t, emp), `"id":"`+empID+`"`, `"id":"emp_added_1"`, 1)
	status, m = call(http.MethodPost, "records/employees", added)
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, "emp_added_1", m["id"])
	status, _ = call(http.MethodPost, "records/employees", added)
	assert.Equal(t, http.StatusBadRequest, status, "the id is taken")
	status, m = call(http.MethodGet, "records/pets", "")
	assert.Equal(t, http.StatusNotFound, status)
	assert.Contains(t, m["error"], "employees")

	runID = startSync(t, srv, id, map[string]any{"dataType": "employee", "syncType": "delta_sync"})
	status, m = call(http.MethodGet, "sync-runs/"+runID+"?wait=10s", "")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, true, m["done"])
	kinds := map[string]string{}
	for _, d := range rc.deliveries() {
		kinds[d.str("recordId")] = d.str("eventType")
	}
	assert.Equal(t, "record.modified", kinds[empID])
	assert.Equal(t, "record.deleted", kinds[otherID])
	assert.Equal(t, "record.new", kinds["emp_added_1"])
	status, _ = call(http.MethodGet, "sync-runs/sr_nope", "")
	assert.Equal(t, http.StatusNotFound, status)
	status, _ = call(http.MethodGet, "sync-runs/"+runID+"?wait=forever", "")
	assert.Equal(t, http.StatusBadRequest, status)
}

func TestControlReset(t *testing.T) {
	t.Parallel()
	srv, _, call := controlServer(t)
	connect(t, srv, "acme", knit.CategoryATS)
	require.NoError(t, srv.SetWebhookURL(knit.CategoryATS, "http://127.0.0.1:1/hook"))
	require.NoError(t, srv.DeleteRecord("jobs", srv.JobRecords()[0].Info.ID))
	srv.FailNext(5, 500)
	before := srv.JobRecords()

	status, m := call(http.MethodPost, "reset", "")
	require.Equal(t, http.StatusOK, status, m)
	assert.Empty(t, srv.Integrations())
	assert.Empty(t, srv.Requests())
	assert.Len(t, srv.JobRecords(), len(before)+1)
	status, m = call(http.MethodGet, "faults", "")
	require.Equal(t, http.StatusOK, status)
	assert.InDelta(t, 0.0, m["failing"], 0)
	status, m = call(http.MethodGet, "webhooks", "")
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, "http://127.0.0.1:1/hook", m["ATS"], "webhook URLs are configuration and stay")

	status, m = call(http.MethodPost, "reset", `{"seed":7}`)
	require.Equal(t, http.StatusOK, status)
	assert.InDelta(t, 7.0, m["seed"], 0)
	assert.Equal(t, knittest.NewServer(knittest.WithT(t), knittest.WithSeed(7)).Jobs(), srv.Jobs())
	id := connect(t, srv, "acme", knit.CategoryATS)
	assert.NotEqual(t, "mg_000001", id, "ids handed out before a reset are not reused")
}

// TestControlHandlerMounted serves the control API from the user's own mux.
func TestControlHandlerMounted(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	mux := http.NewServeMux()
	mux.Handle(knittest.ControlPath, srv.ControlHandler())
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	status, m := ctl(t, ts.URL, srv.APIKey(), http.MethodPost, "connect", `{"originOrgId":"o","appId":"workable"}`)
	require.Equal(t, http.StatusOK, status, m)
	require.Len(t, srv.Integrations(), 1)
	assert.Equal(t, m["integrationId"], srv.Integrations()[0].ID)
}

func TestListen(t *testing.T) {
	t.Parallel()
	srv, err := knittest.Listen("127.0.0.1:0", knittest.WithT(t), knittest.WithAPIKey("k1"))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(srv.URL(), "http://127.0.0.1:"))
	id := connect(t, srv, "o", knit.CategoryHRIS)
	ok(t, get(t, srv, "hr.documents.categories", id, nil), nil)
	_, err = knittest.Listen(strings.TrimPrefix(strings.TrimSuffix(srv.URL(), "/v1.0"), "http://"))
	require.Error(t, err, "the address is taken")
	_, err = knittest.Listen("not an address")
	require.Error(t, err)
}

func TestBuildEvents(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	evs, err := srv.BuildEvents(knittest.EventParams{EventType: "record.new", DataType: "ats_jobs", Count: 30, EventIDPrefix: "t1_"})
	require.NoError(t, err)
	require.Len(t, evs, 30)
	ids := map[string]bool{}
	for i, b := range evs {
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(b))
		req.Header.Set(webhook.HeaderSignature, webhook.Sign(b, srv.APIKey()))
		ev, err := webhook.ParseRequest(req, srv.APIKey())
		require.NoError(t, err)
		assert.True(t, strings.HasPrefix(ev.EventID, "t1_"))
		ids[ev.EventID] = true
		job, err := ev.Job()
		require.NoError(t, err)
		assert.Equal(t, srv.JobRecords()[i%25].Info.ID, job.Info.ID, "records cycle in list order")
		assert.Equal(t, job.Info.ID, ev.RecordID)
	}
	assert.Len(t, ids, 30)

	evs, err = srv.BuildEvents(knittest.EventParams{EventType: "sync.events.processed"})
	require.NoError(t, err)
	require.Len(t, evs, 1)
	ev, err := webhook.Parse(evs[0])
	require.NoError(t, err)
	assert.Equal(t, "employee", ev.SyncDataType)
	assert.Empty(t, ev.RecordID, "Knit's sync.events.* examples have no recordId")
	run, err := ev.SyncRun()
	require.NoError(t, err)
	assert.Equal(t, "processed", run.Status)
	assert.EqualValues(t, len(srv.EmployeeRecords()), run.Processed)

	evs, err = srv.BuildEvents(knittest.EventParams{EventType: "record.deleted", DataType: "employee"})
	require.NoError(t, err)
	ev, err = webhook.Parse(evs[0])
	require.NoError(t, err)
	del, err := ev.DeletedEmployee()
	require.NoError(t, err, "record.deleted carries Knit's identifier shape")
	first := srv.EmployeeRecords()[0]
	assert.Equal(t, first.Profile.ID, del.EmployeeID)
	assert.Equal(t, first.Profile.WorkEmail, del.WorkEmail)

	for _, p := range []knittest.EventParams{
		{EventType: "record.new"},
		{EventType: "record.new", DataType: "pets"},
		{EventType: "bot.installed"},
		{EventType: "record.new", DataType: "employee", Count: -1},
	} {
		_, err := srv.BuildEvents(p)
		require.Error(t, err, "%+v", p)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
