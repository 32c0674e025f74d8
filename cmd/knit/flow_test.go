package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/option"
	"github.com/knit-sdk/knit-go/webhook"
)

// app records what a webhook.NewHandler-based receiver processed.
type appRecorder struct {
	mu      sync.Mutex
	ids     map[string]int
	types   map[webhook.EventType]int
	headers []http.Header
}

func newApp(t *testing.T, key string, status int) (*httptest.Server, *appRecorder) {
	t.Helper()
	rec := &appRecorder{ids: map[string]int{}, types: map[webhook.EventType]int{}}
	h := webhook.NewHandler([]string{key}, func(_ context.Context, ev *webhook.Event) error {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		rec.ids[ev.EventID]++
		rec.types[ev.EventType]++
		return nil
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		rec.headers = append(rec.headers, r.Header.Clone())
		rec.mu.Unlock()
		if status != 0 {
			_, _ = io.Copy(io.Discard, r.Body)
			w.WriteHeader(status)
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, rec
}

func (r *appRecorder) ofType(t webhook.EventType) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.types[t]
}

func (r *appRecorder) processed() map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[string]int{}
	for k, v := range r.ids {
		out[k] = v
	}
	return out
}

func TestTriggerCountRepeatConcurrency(t *testing.T) {
	t.Parallel()
	srv, rec := newApp(t, "sk_live_1", 0)
	env := map[string]string{"KNIT_API_KEY": "sk_live_1"}
	r := cli(t, env, "", "trigger", "record.new", "--data-type", "ats_jobs", "--count", "40", "--repeat", "3",
		"--concurrency", "8", "--shuffle", "--integration-id", "mg_9", "--to", srv.URL, "--json")
	require.Equal(t, 0, r.code, r.stderr.String())
	lines := r.stdout.lines(t)
	require.Len(t, lines, 121, "one line per delivery and a summary")
	perEvent := map[string]int{}
	for _, l := range lines[:120] {
		assert.InDelta(t, 200.0, l["status"], 0)
		perEvent[l["eventId"].(string)]++
	}
	assert.Len(t, perEvent, 40)
	for id, n := range perEvent {
		assert.Equal(t, 3, n, id)
	}
	sum := lines[120]
	assert.Equal(t, "summary", sum["event"])
	assert.InDelta(t, 120.0, sum["deliveries"], 0)
	assert.InDelta(t, 0.0, sum["failed"], 0)
	got := rec.processed()
	assert.Len(t, got, 40, "the receiver processed each event once")
	for id, n := range got {
		assert.Equal(t, 1, n, id)
	}
	h := rec.headers[0]
	assert.Equal(t, "application/json", h.Get("Content-Type"))
	assert.Equal(t, "mg_9", h.Get("X-Knit-Integration-Id"))
	assert.NotEmpty(t, h.Get("X-Knit-Execution-Id"))
	assert.Len(t, h.Get("X-Knit-Signature"), 43)
	assert.Contains(t, r.stderr.String(), "sent 120 of 120 deliveries")
	assert.NotContains(t, r.stdout.String()+r.stderr.String(), "sk_live_1")

	// A second run has new eventIds, so it is processed again.
	r = cli(t, env, "", "trigger", "record.new", "--data-type", "ats_jobs", "--count", "5", "--to", srv.URL)
	require.Equal(t, 0, r.code, r.stderr.String())
	assert.Len(t, rec.processed(), 45)
	assert.Empty(t, r.stdout.String(), "human lines go to stderr")
	assert.Contains(t, r.stderr.String(), "[5/5] 200")
}

func TestTriggerExitCodes(t *testing.T) {
	t.Parallel()
	created, _ := newApp(t, "k", http.StatusCreated)
	r := cli(t, nil, "", "trigger", "record.modified", "--to", created.URL)
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stderr.String(), "201 or 204")
	assert.Contains(t, r.stderr.String(), "1 of 1 deliveries were not answered exactly 200")
	assert.Contains(t, r.stderr.String(), "playground's test key", "no key given: the test key, said so")

	app, rec := newApp(t, knittest.DefaultAPIKey, 0)
	r = cli(t, nil, "", "trigger", "record.new", "--count", "3", "--bad-signature", "--to", app.URL)
	assert.Equal(t, 0, r.code, "every delivery with a bad signature was refused: %s", r.stderr.String())
	assert.Contains(t, r.stderr.String(), "3×401")
	assert.Empty(t, rec.processed())

	lenient := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) }))
	t.Cleanup(lenient.Close)
	r = cli(t, nil, "", "trigger", "record.new", "--bad-signature", "--to", lenient.URL)
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stderr.String(), "must refuse them")

	r = cli(t, nil, "", "trigger", "record.new", "--to", "http://127.0.0.1:1/")
	assert.Equal(t, exitFailure, r.code, "nothing listens")
	assert.Contains(t, r.stderr.String(), "ERR")
}

func TestTriggerSetAndFile(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var bodies [][]byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if webhook.Verify(b, r.Header.Get("X-Knit-Signature"), "k") != nil {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		mu.Lock()
		bodies = append(bodies, b)
		mu.Unlock()
	}))
	t.Cleanup(srv.Close)
	env := map[string]string{"KNIT_API_KEY": "k"}
	r := cli(t, env, "", "trigger", "record.modified", "--set", "eventData.profile.firstName=Ada", "--set", "recordId=\"x1\"", "--set", "extra.n=3", "--to", srv.URL)
	require.Equal(t, 0, r.code, r.stderr.String())
	ev, err := webhook.Parse(bodies[0])
	require.NoError(t, err)
	emp, err := ev.Employee()
	require.NoError(t, err)
	assert.Equal(t, "Ada", emp.Profile.FirstName)
	assert.Equal(t, "x1", ev.RecordID)
	assert.Equal(t, "record.modified", string(ev.EventType))

	dir := t.TempDir()
	one := "{\n  \"eventId\": \"f_1\",\n  \"eventType\": \"record.new\",\n  \"eventData\": {}\n}\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "one.json"), []byte(one), 0o600))
	r = cli(t, env, "", "trigger", "--file", filepath.Join(dir, "one.json"), "--to", srv.URL)
	require.Equal(t, 0, r.code, r.stderr.String())
	assert.Equal(t, one, string(bodies[1]), "a single object is sent byte for byte")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "many.ndjson"), []byte("{\"eventId\":\"n1\"}\n{\"eventId\":\"n2\"}\n"), 0o600))
	r = cli(t, env, "", "trigger", "--file", filepath.Join(dir, "many.ndjson"), "--to", srv.URL, "--repeat", "2")
	require.Equal(t, 0, r.code, r.stderr.String())
	assert.Len(t, bodies, 6)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad.json"), []byte("{nope"), 0o600))
	r = cli(t, env, "", "trigger", "--file", filepath.Join(dir, "bad.json"), "--to", srv.URL)
	assert.Equal(t, exitUsage, r.code)
}

// TestDevLoop is the one-command dev loop: knit mock forwarding to knit
// listen, which forwards to the app; a sync started through the SDK reaches
// the app verified, and knit listen --save + knit replay send it again.
func TestDevLoop(t *testing.T) {
	t.Parallel()
	appSrv, rec := newApp(t, knittest.DefaultAPIKey, 0)
	saveDir := t.TempDir()
	listenInfo, listenRes := background(t, nil, "listen", "--port", "0", "--forward-to", appSrv.URL, "--save", saveDir, "--json")
	mockInfo, mockRes := background(t, nil, "mock", "--port", "0", "--connect", "hris,ats", "--forward-to", listenInfo["url"].(string)+"/knit/webhook", "--json")

	ready := mockRes.stdout.lines(t)
	require.Len(t, ready, 1, "one ready line")
	assert.Equal(t, knittest.DefaultAPIKey, ready[0]["apiKey"])
	ints := mockInfo["integrations"].(map[string]string)
	require.Len(t, ints, 2)

	client, err := knit.NewClient(knittest.DefaultAPIKey, option.WithBaseURL(mockInfo["baseUrl"].(string)))
	require.NoError(t, err)
	job, err := client.Integration(ints["HRIS"]).Sync.Start(context.Background(), &knit.SyncStartParams{DataType: "employee"})
	require.NoError(t, err)
	r := cli(t, nil, "", "sync", "start", "--integration-id", ints["ATS"], "--data-type", "ats_jobs", "--wait", "--base-url", mockInfo["baseUrl"].(string), "--json")
	require.Equal(t, 0, r.code, r.stderr.String())
	out := r.stdout.lines(t)
	require.Len(t, out, 2)
	assert.Equal(t, "done", out[1]["event"])
	assert.InDelta(t, 27.0, out[1]["delivered"], 0, "25 jobs, processed, allConsumed")

	// Wait for the employee run through the control API as a Node script would.
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, mockInfo["controlUrl"].(string)+"sync-runs/"+job.SyncRunID+"?wait=20s", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+knittest.DefaultAPIKey)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	var st struct {
		Done      bool `json:"done"`
		Events    int  `json:"events"`
		Delivered int  `json:"delivered"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&st))
	resp.Body.Close()
	require.True(t, st.Done)
	assert.Equal(t, st.Events, st.Delivered)

	// Each --connect integration was announced with app.integration.activate.
	require.Eventually(t, func() bool { return rec.ofType(webhook.EventIntegrationActivate) == 2 }, 20*time.Second, 10*time.Millisecond,
		"one app.integration.activate per --connect integration")
	total := st.Events + 27 + 2
	assert.Len(t, rec.processed(), total, "every event reached the app through knit listen")
	deliveries := listenRes.stdout.lines(t)[1:]
	assert.Len(t, deliveries, total)
	for _, d := range deliveries {
		assert.Equal(t, true, d["verified"])
		assert.InDelta(t, 200.0, d["appStatus"], 0)
	}
	h := rec.headers[0]
	assert.NotEmpty(t, h.Get("X-Knit-Integration-Id"))
	assert.NotEmpty(t, h.Get("X-Knit-Execution-Id"))

	// Replay what knit listen saved: byte for byte, with the saved signature.
	files, err := filepath.Glob(filepath.Join(saveDir, "*.headers.json"))
	require.NoError(t, err)
	assert.Len(t, files, total)
	replayTo, replayRec := newApp(t, knittest.DefaultAPIKey, 0)
	r = cli(t, map[string]string{"KNIT_API_KEY": "not-used-without-resign"}, "", "replay", saveDir, "--to", replayTo.URL)
	require.Equal(t, 0, r.code, r.stderr.String())
	assert.Len(t, replayRec.processed(), total)
	r = cli(t, map[string]string{"KNIT_API_KEY": "another"}, "", "replay", saveDir, "--resign", "--to", replayTo.URL)
	assert.Equal(t, exitFailure, r.code, "re-signed with a key the app does not know")
	assert.Contains(t, r.stderr.String(), fmt.Sprintf("%d of %d replayed", total, total))
}

func TestListenDiagnoses(t *testing.T) {
	t.Parallel()
	info, res := background(t, map[string]string{"KNIT_API_KEY": "right"}, "listen", "--port", "0", "--respond", "500", "--json")
	url := info["url"].(string) + "/hook"
	body := []byte("{\"eventId\": \"e_1\", \"eventType\": \"record.new\"}")
	post := func(sig string, b []byte) int {
		req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, url, strings.NewReader(string(b)))
		require.NoError(t, err)
		if sig != "" {
			req.Header.Set("X-Knit-Signature", sig)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	assert.Equal(t, http.StatusUnauthorized, post("", body))
	assert.Equal(t, http.StatusUnauthorized, post(webhook.Sign(body, "wrong"), body))
	compact := []byte(`{"eventId":"e_1","eventType":"record.new"}`)
	assert.Equal(t, http.StatusUnauthorized, post(webhook.Sign(compact, "right"), body))
	assert.Equal(t, http.StatusUnauthorized, post(webhook.Sign(body, knittest.DefaultAPIKey), body))
	assert.Equal(t, http.StatusInternalServerError, post(webhook.Sign(body, "right"), body), "--respond 500")
	lines := res.stdout.lines(t)[1:]
	require.Len(t, lines, 5)
	assert.Contains(t, lines[0]["problem"], "no X-Knit-Signature")
	assert.Contains(t, lines[1]["problem"], "none of the 1 key")
	assert.Contains(t, lines[2]["problem"], "re-serialised")
	assert.Contains(t, lines[3]["problem"], "playground's test key")
	assert.Equal(t, true, lines[4]["verified"])
	assert.Contains(t, lines[4]["problem"], "simulated app answered 500")
}

func TestAPICommandsAgainstPlayground(t *testing.T) {
	t.Parallel()
	srv := knittest.NewServer(knittest.WithT(t), knittest.WithControlAPI())
	env := map[string]string{"KNIT_BASE_URL": srv.URL(), "KNIT_API_KEY": srv.APIKey()}

	r := cli(t, env, "", "session", "create", "--org-id", "acme", "--category", "HRIS", "--json")
	require.Equal(t, 0, r.code, r.stderr.String())
	token := r.stdout.lines(t)[0]["token"].(string)
	id, err := srv.CompleteSession(token, "bamboohr")
	require.NoError(t, err)

	r = cli(t, env, "", "session", "create", "--org-id", "acme", "--category", "ATS", "--magic-link")
	require.Equal(t, 0, r.code, r.stderr.String())
	link := strings.TrimSpace(r.stdout.String())
	resp, err := http.Get(link) //nolint:noctx // test
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, "opening the magic link connects the account")

	r = cli(t, env, "", "integrations", "list", "--org-id", "acme")
	require.Equal(t, 0, r.code, r.stderr.String())
	assert.Contains(t, r.stdout.String(), id+"\tHRIS\tbamboohr\tactive")
	assert.Contains(t, r.stdout.String(), "\tATS\tworkable\tactive")

	emp := srv.Employees()[0].Profile.ID
	r = cli(t, env, "", "call", "hr.employees.leave.balance", "--integration-id", id, "--query", "employeeId="+emp, "--json")
	require.Equal(t, 0, r.code, r.stderr.String())
	assert.Contains(t, r.stdout.String(), "balances")
	assert.Len(t, r.stdout.lines(t), 1)
	r = cli(t, env, "", "call", "hr.employees.leave.balance", "--integration-id", id)
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stderr.String(), "employeeId")
	r = cli(t, env, "", "call", "integration.details", "--query", "originOrgId=acme")
	require.Equal(t, 0, r.code, r.stderr.String())
	assert.Contains(t, r.stdout.String(), "\"integrationId\": \""+id+"\"")

	r = cli(t, env, "", "passthrough", "--integration-id", id, "--method", "GET", "--path", "/v1/employees", "--param", "limit=2")
	require.Equal(t, 0, r.code, r.stderr.String())
	assert.NotEmpty(t, r.stdout.String())
	assert.Len(t, srv.RequestsFor("passthrough"), 1)

	r = cli(t, env, "", "sync", "start", "--integration-id", id, "--data-type", "employee")
	assert.Equal(t, exitFailure, r.code, "no webhook registered for HRIS")
	assert.Contains(t, r.stderr.String(), "webhook")

	// Without a key the playground's test key is used against --base-url.
	r = cli(t, map[string]string{"KNIT_BASE_URL": srv.URL()}, "", "integrations", "list", "--org-id", "acme")
	require.Equal(t, 0, r.code, r.stderr.String())
	assert.Contains(t, r.stderr.String(), "test key")
	r = cli(t, map[string]string{"KNIT_BASE_URL": srv.URL(), "KNIT_API_KEY": "wrong"}, "", "integrations", "list", "--org-id", "acme")
	assert.Equal(t, exitFailure, r.code)
	assert.NotContains(t, r.stderr.String(), "wrong\n")
}

// TestTriggerLiveProgress: on a terminal, a long run shows one progress
// line redrawn in place, and a line per failed delivery.
func TestTriggerLiveProgress(t *testing.T) {
	t.Parallel()
	var n int
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		n++
		fail := n == 7
		mu.Unlock()
		if fail {
			w.WriteHeader(http.StatusInternalServerError)
		}
	}))
	t.Cleanup(srv.Close)
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	a := &app{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: stdout, stderr: stderr, tty: true}
	code := a.run(context.Background(), []string{"trigger", "record.new", "--count", "60", "--to", srv.URL})
	assert.Equal(t, exitFailure, code)
	out := stderr.String()
	assert.Contains(t, out, "\r\033[K[60/60]", "the progress line is redrawn to the end")
	assert.Equal(t, 1, strings.Count(out, " 500 "), "the failed delivery has its own line: %q", out)
	assert.Less(t, strings.Count(out, "\n"), 10, "not one line per delivery")
	assert.Contains(t, out, "59×200, 1×500")
}

func TestMockFlagsAndEnvironment(t *testing.T) {
	t.Parallel()
	// KNIT_MOCK_PORT=0 picks a free port; KNIT_FORWARD_TO is every
	// category's webhook and --webhook overrides one.
	info, res := background(t, map[string]string{"KNIT_MOCK_PORT": "0", "KNIT_FORWARD_TO": "http://127.0.0.1:9/all"},
		"mock", "--webhook", "ats=http://127.0.0.1:9/ats", "--seed", "7", "--connect", "crm", "--production")
	hooks := info["webhooks"].(map[string]string)
	assert.Equal(t, "http://127.0.0.1:9/all", hooks["HRIS"])
	assert.Equal(t, "http://127.0.0.1:9/ats", hooks["ATS"])
	assert.Equal(t, int64(7), info["seed"])
	assert.NotContains(t, info["baseUrl"], ":12111")
	line := res.stderr.String()
	assert.Equal(t, 1, strings.Count(line, "\n"), "one ready line: %q", line)
	assert.Contains(t, line, "integrations CRM=mg_")
	assert.Empty(t, res.stdout.String(), "without --json nothing goes to stdout")

	// A key of the user's is never printed, not even in the ready line.
	keyFile := filepath.Join(t.TempDir(), "key")
	require.NoError(t, os.WriteFile(keyFile, []byte("sk_secret_123"), 0o600))
	info, res = background(t, nil, "mock", "--port", "0", "--api-key-file", keyFile, "--json")
	assert.Nil(t, info["apiKey"])
	assert.Equal(t, "--api-key-file", info["apiKeySource"])
	assert.NotContains(t, res.stdout.String()+res.stderr.String(), "sk_secret_123")

	// Four Test accounts are one too many, and knit mock says so.
	r := cli(t, nil, "", "mock", "--port", "0", "--connect", "hris,ats,crm,accounting")
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stderr.String(), "3 active Test")
}

func TestRespond(t *testing.T) {
	t.Parallel()
	r, err := parseRespond("flaky:0.3")
	require.NoError(t, err)
	fails := 0
	for range 2000 {
		if r.pick() == http.StatusInternalServerError {
			fails++
		}
	}
	assert.InDelta(t, 600, fails, 120, "about 30%% answered 500")
	r, err = parseRespond("204")
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, r.pick())
	for _, bad := range []string{"ok", "99", "flaky:", "flaky:1.5", "600"} {
		_, err := parseRespond(bad)
		assert.Error(t, err, bad)
	}
}
