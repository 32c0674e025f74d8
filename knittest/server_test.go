package knittest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/knittest"
)

func TestAuthFailures(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	integ := connect(t, srv, "org-auth", knit.CategoryATS)

	r := do(t, srv, "", http.MethodGet, "ats.job.list", integ, nil, nil)
	assert.Contains(t, fails(t, r, http.StatusUnauthorized), "API key")

	r = do(t, srv, "wrong-key", http.MethodGet, "ats.job.list", integ, nil, nil)
	fails(t, r, http.StatusUnauthorized)

	r = do(t, srv, "wrong-key", http.MethodPost, "auth.createSession", "", nil, map[string]any{})
	fails(t, r, http.StatusUnauthorized)

	// A Basic or raw key is not a Bearer key.
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL()+"/ats.job.list", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", srv.APIKey())
	req.Header.Set("X-Knit-Integration-Id", integ)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)

	ok(t, get(t, srv, "ats.job.list", integ, nil), nil)
}

func TestUnknownMethodAndVerb(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	integ := connect(t, srv, "org-x", knit.CategoryHRIS)

	msg := fails(t, get(t, srv, "hr.employees.list", integ, nil), http.StatusNotFound)
	assert.Contains(t, msg, "hr.employees.list")

	r := do(t, srv, srv.APIKey(), http.MethodPost, "hr.employees.leave.balance", integ, nil, map[string]any{})
	fails(t, r, http.StatusMethodNotAllowed)
	assert.Equal(t, http.MethodGet, r.header.Get("Allow"))
}

func TestIntegrationHeaderEnforcement(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	hris := connect(t, srv, "org-h", knit.CategoryHRIS)
	q := url.Values{"employeeId": {"EMP1001"}}

	// Scoped call without the header: 400 naming the header.
	msg := fails(t, get(t, srv, "hr.employees.leave.balance", "", q), http.StatusBadRequest)
	assert.Contains(t, msg, "X-Knit-Integration-Id")

	// Unknown integration: 401.
	fails(t, get(t, srv, "hr.employees.leave.balance", "mg_nope", q), http.StatusUnauthorized)

	// Account-level calls need no integration header.
	ok(t, get(t, srv, "integration.details", "", url.Values{"originOrgId": {"org-h"}}), nil)

	// A method of another category is "not supported for this app" (404).
	msg = fails(t, get(t, srv, "ats.job.list", hris, nil), http.StatusNotFound)
	assert.Contains(t, msg, "not supported")

	// Deactivated integration: 401, and deactivate answers data:null.
	r := post(t, srv, "integration.deactivate", hris, map[string]any{})
	ok(t, r, nil)
	assert.JSONEq(t, `{"success":true,"data":null}`, string(r.raw))
	assert.Contains(t, fails(t, get(t, srv, "hr.employees.leave.balance", hris, q), http.StatusUnauthorized), "deactivated")
}

func TestFaultInjection(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	integ := connect(t, srv, "org-f", knit.CategoryATS)

	srv.InjectRateLimit(2, 1500*time.Millisecond)
	for range 2 {
		r := get(t, srv, "ats.job.list", integ, nil)
		fails(t, r, http.StatusTooManyRequests)
		assert.Equal(t, "2", r.header.Get("Retry-After"))
	}
	ok(t, get(t, srv, "ats.job.list", integ, nil), nil)

	srv.FailNext(1, http.StatusServiceUnavailable)
	fails(t, get(t, srv, "ats.job.list", integ, nil), http.StatusServiceUnavailable)
	ok(t, get(t, srv, "ats.job.list", integ, nil), nil)

	srv.FailNext(1, 42) // not an error status: 500
	fails(t, get(t, srv, "ats.job.list", integ, nil), http.StatusInternalServerError)

	srv.SetLatency(60 * time.Millisecond)
	start := time.Now()
	ok(t, get(t, srv, "ats.job.list", integ, nil), nil)
	assert.GreaterOrEqual(t, time.Since(start), 60*time.Millisecond)
	srv.SetLatency(0)
}

func TestRequestLog(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	integ := connect(t, srv, "org-log", knit.CategoryATS)
	srv.ResetRequests()

	ok(t, get(t, srv, "ats.job.list", integ, url.Values{"pageToken": {""}}), nil)
	ok(t, post(t, srv, "ats.candidates.search", integ, map[string]any{"firstName": "Emma"}), nil)

	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "ats.job.list", reqs[0].Method)
	assert.Equal(t, http.MethodGet, reqs[0].HTTPMethod)
	assert.Equal(t, "REDACTED", reqs[0].Header.Get("Authorization"))
	assert.Equal(t, integ, reqs[0].IntegrationID())
	assert.Contains(t, reqs[0].Query, "pageToken")
	assert.JSONEq(t, `{"firstName":"Emma"}`, string(reqs[1].Body))
	assert.Len(t, srv.RequestsFor("ats.candidates.search"), 1)
	for _, r := range reqs {
		assert.NotContains(t, r.Header.Get("Authorization"), srv.APIKey())
	}
}

func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	integ := connect(t, srv, "org-c", knit.CategoryHRIS)
	var wg sync.WaitGroup
	statuses := make([]int, 16)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 1 {
				_ = srv.PatchRecord("employees", "EMP1002", []byte(`{"profile":{"lastName":"Changed"}}`))
				_ = srv.EmployeeRecords()
				statuses[i] = http.StatusOK
				return
			}
			req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL()+"/hr.employees.leave.balance?employeeId=EMP1001", nil)
			if err != nil {
				return
			}
			req.Header.Set("Authorization", "Bearer "+srv.APIKey())
			req.Header.Set("X-Knit-Integration-Id", integ)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return
			}
			resp.Body.Close()
			statuses[i] = resp.StatusCode
		}()
	}
	wg.Wait()
	for i, st := range statuses {
		assert.Equal(t, http.StatusOK, st, "goroutine %d", i)
	}
	assert.Equal(t, "Changed", srv.EmployeeRecords()[1].Profile.LastName)
}

func TestCloseIsIdempotentAndStopsServing(t *testing.T) {
	t.Parallel()
	srv := knittest.NewServer()
	u := srv.URL()
	srv.Close()
	srv.Close()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, u+"/ats.job.list", nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
	}
	assert.Error(t, err)
}

func TestPassthroughEchoes(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	integ := connect(t, srv, "org-p", knit.CategoryATS)
	r := post(t, srv, "passthrough", integ, map[string]any{
		"method": "post", "path": "/candidate.info", "params": map[string]string{"b": "2", "a": "1"}, "body": `{"id":"c1"}`,
	})
	var data struct {
		Response struct {
			Body    string            `json:"body"`
			Headers map[string]string `json:"headers"`
		} `json:"response"`
	}
	ok(t, r, &data)
	var up map[string]any
	require.NoError(t, json.Unmarshal([]byte(data.Response.Body), &up))
	assert.Equal(t, "workable", up["app"])
	assert.Equal(t, "POST", up["method"])
	assert.Equal(t, "/candidate.info", up["path"])
	sent, _ := up["body"].(string)
	assert.JSONEq(t, `{"id":"c1"}`, sent)
	assert.Equal(t, "application/json", data.Response.Headers["content-type"])

	assert.Contains(t, fails(t, post(t, srv, "passthrough", integ, map[string]any{"path": "/x"}), 400), "method")
	assert.Contains(t, fails(t, post(t, srv, "passthrough", integ, map[string]any{"method": "GET"}), 400), "path")
	assert.Contains(t, fails(t, post(t, srv, "passthrough", integ, map[string]any{"method": "TRACE", "path": "/x"}), 400), "TRACE")
}

// TestRequestLogAfterAuthAndBounded: the playground appended every request,
// body included, to an unbounded log before checking the key, so 16
// unauthenticated 8 MiB POSTs added 128 MiB to its heap. Now only
// authorized requests are recorded, and the log keeps the newest 10,000
// requests and at most 32 MiB of bodies.
func TestRequestLogAfterAuthAndBounded(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	integ := connect(t, srv, "org-bound", knit.CategoryATS)
	srv.ResetRequests()

	big := bytes.Repeat([]byte("x"), 8<<20-1)
	for range 16 {
		req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, srv.URL()+"/ats.candidates.search", bytes.NewReader(big))
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer wrong-key")
		resp, err := http.DefaultClient.Do(req)
		if err == nil { // the server may answer 401 before reading the body and close
			_ = resp.Body.Close()
			assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
		}
	}
	assert.Empty(t, srv.Requests(), "unauthenticated requests are not recorded")

	// Bytes: five 8 MiB bodies keep the newest four (32 MiB).
	rec := httptest.NewRequest(http.MethodGet, srv.URL()+"/ats.job.list", nil)
	for i := range 5 {
		srv.Record("big."+strconv.Itoa(i), rec, big)
	}
	reqs := srv.Requests()
	require.Len(t, reqs, 4)
	assert.Equal(t, "big.1", reqs[0].Method, "the oldest was dropped")
	// Count: 10,001 small requests keep the newest 10,000.
	srv.ResetRequests()
	for i := range 10_001 {
		srv.Record("small."+strconv.Itoa(i), rec, nil)
	}
	reqs = srv.Requests()
	require.Len(t, reqs, 10_000)
	assert.Equal(t, "small.1", reqs[0].Method)
	assert.Equal(t, "small.10000", reqs[len(reqs)-1].Method)

	srv.ResetRequests()
	ok(t, get(t, srv, "ats.job.list", integ, nil), nil)
	assert.Len(t, srv.Requests(), 1, "an authorized request is recorded")
}

// TestEventIDsUniqueAcrossServers: every playground numbered its events from
// ev_000001, so with a persistent deduper a second run of the dev loop had
// every delivery answered 200 as a duplicate of the first run's. Two
// servers of one seed now make the same data under different event IDs.
func TestEventIDsUniqueAcrossServers(t *testing.T) {
	t.Parallel()
	type wireEvent struct {
		EventID   string          `json:"eventId"`
		EventData json.RawMessage `json:"eventData"`
	}
	build := func() []wireEvent {
		srv := knittest.NewServer(knittest.WithT(t), knittest.WithSeed(7))
		bodies, err := srv.BuildEvents(knittest.EventParams{EventType: "record.new", DataType: "employee", Count: 3})
		require.NoError(t, err)
		out := make([]wireEvent, len(bodies))
		for i, b := range bodies {
			require.NoError(t, json.Unmarshal(b, &out[i]))
		}
		return out
	}
	a, b := build(), build()
	seen := map[string]bool{}
	for i := range a {
		assert.JSONEq(t, string(a[i].EventData), string(b[i].EventData), "the data is the seed's")
		assert.NotEqual(t, a[i].EventID, b[i].EventID)
		for _, id := range []string{a[i].EventID, b[i].EventID} {
			assert.Regexp(t, `^ev_[0-9a-f]{8}_\d{6}$`, id)
			assert.False(t, seen[id], "event ID %s repeats", id)
			seen[id] = true
		}
	}
}

// TestControlAPIRefusesForeignHosts: a web page could reach `knit mock`'s
// control API by DNS rebinding (its Host header names the attacker's domain)
// and, with the public default key, point webhooks anywhere. A playground
// listening on loopback answers the control API only for loopback hosts;
// one listening on every interface (knit mock --all-interfaces) for any.
func TestControlAPIRefusesForeignHosts(t *testing.T) {
	t.Parallel()
	call := func(t *testing.T, base, host string) int {
		t.Helper()
		req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, base+knittest.ControlPath+"requests", nil)
		require.NoError(t, err)
		req.Host = host
		req.Header.Set("Authorization", "Bearer "+knittest.DefaultAPIKey)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		_ = resp.Body.Close()
		return resp.StatusCode
	}
	srv := knittest.NewServer(knittest.WithT(t), knittest.WithControlAPI())
	base := strings.TrimSuffix(srv.URL(), "/v1.0")
	su, err := url.Parse(base)
	require.NoError(t, err)
	port := su.Port()
	for _, host := range []string{"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "[::1]:" + port, "127.0.0.2"} {
		assert.Equal(t, http.StatusOK, call(t, base, host), host)
	}
	for _, host := range []string{"evil.example:" + port, "evil.example", "localhost.evil.example", "10.0.0.1:" + port} {
		assert.Equal(t, http.StatusForbidden, call(t, base, host), "Host %q", host)
	}

	all, err := knittest.Listen("0.0.0.0:0", knittest.WithControlAPI())
	require.NoError(t, err)
	t.Cleanup(all.Close)
	u, err := url.Parse(all.URL())
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, call(t, "http://127.0.0.1:"+u.Port(), "evil.example"), "every host when listening on every interface")
}

// TestErrorTextsSayTheirPrefixOnce: a fourth Test account's error read
// "knittest: Connect: knittest: at most 3 ..." (the connect page shows it to
// people), and a call of another category's method said "a ATS method".
func TestErrorTextsSayTheirPrefixOnce(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	var err error
	for i := range 4 {
		if _, err = srv.Connect(knittest.ConnectParams{OriginOrgID: "org-limit-" + strconv.Itoa(i), Category: knit.CategoryHRIS}); err != nil {
			break
		}
	}
	require.ErrorIs(t, err, knittest.ErrTestLimit)
	assert.Equal(t, 1, strings.Count(err.Error(), "knittest:"), err.Error())

	integ := connect(t, srv, "org-cat", knit.CategoryHRIS)
	msg := fails(t, get(t, srv, "ats.job.list", integ, nil), http.StatusNotFound)
	assert.NotContains(t, msg, "a ATS")
	assert.Contains(t, msg, "category ATS")
}
