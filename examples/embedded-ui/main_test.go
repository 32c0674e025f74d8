package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/option"
)

const demoOrg = "acme-demo"

var tokenAttrRE = regexp.MustCompile(`<knit-auth id="knit-auth" authsessiontoken="([^"]+)" skipIntro>`)

// backend is the example's server in front of a playground.
type backend struct {
	pg  *knittest.Server
	app *server
	url string
}

func newBackend(t *testing.T) *backend {
	t.Helper()
	pg := knittest.NewServer(knittest.WithT(t))
	client, err := pg.Client()
	require.NoError(t, err)
	app, err := newServer(client, pg, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	ts := httptest.NewServer(app.routes())
	t.Cleanup(ts.Close)
	return &backend{pg: pg, app: app, url: ts.URL}
}

// testClient does not follow redirects, so tests see what the server answers.
var testClient = &http.Client{
	Timeout:       10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// do sends a request to the backend and returns the status, headers and body.
func do(t *testing.T, method, url, contentType, body string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, strings.NewReader(body))
	require.NoError(t, err)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := testClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header, string(b)
}

func postJSON(t *testing.T, url, body string) (int, string) {
	t.Helper()
	status, h, b := do(t, http.MethodPost, url, "application/json", body)
	assert.Equal(t, "application/json", h.Get("Content-Type"))
	return status, b
}

func onFinish(id, appID, category, org string) string {
	b, _ := json.Marshal(map[string]any{"integrationDetails": map[string]any{
		"integrationId": id, "appId": appID, "categoryId": category, "originOrgId": org, "success": true,
	}})
	return string(b)
}

func TestPage(t *testing.T) {
	t.Parallel()
	b := newBackend(t)
	status, h, body := do(t, http.MethodGet, b.url+"/", "", "")
	require.Equal(t, http.StatusOK, status, body)

	assert.Equal(t, "text/html; charset=utf-8", h.Get("Content-Type"))
	assert.Equal(t, "nosniff", h.Get("X-Content-Type-Options"))
	assert.Equal(t, "no-store", h.Get("Cache-Control"))
	csp := h.Get("Content-Security-Policy")
	assert.Contains(t, csp, "script-src 'self' https://af1.getknit.dev;")
	assert.Contains(t, csp, "frame-ancestors 'none'")

	assert.Contains(t, body, `<script type="module" src="https://af1.getknit.dev/knit-ui-comp.js"></script>`)
	assert.Contains(t, body, `<button slot="trigger" class="slot-btn">Integrate via Knit</button>`)
	assert.Contains(t, body, `<script src="/static/app.js"></script>`)
	assert.Contains(t, body, `id="playground-connect"`)
	m := tokenAttrRE.FindStringSubmatch(body)
	require.Len(t, m, 2, body)

	// The token in the page is a real session of the logged-in org.
	reqs := b.pg.RequestsFor("auth.createSession")
	require.Len(t, reqs, 1)
	assert.JSONEq(t, `{"originOrgId":"acme-demo","originOrgName":"Acme Inc (demo)",`+
		`"originUserEmail":"admin@acme.example","originUserName":"Ada Admin"}`, string(reqs[0].Body))
	id, err := b.pg.CompleteSession(m[1], "bamboohr")
	require.NoError(t, err)
	assert.NotEmpty(t, id)

	status, _, _ = do(t, http.MethodGet, b.url+"/nope", "", "")
	assert.Equal(t, http.StatusNotFound, status)
}

func TestStaticAssets(t *testing.T) {
	t.Parallel()
	b := newBackend(t)
	for path, ctype := range map[string]string{"/static/app.js": "text/javascript", "/static/app.css": "text/css"} {
		status, h, body := do(t, http.MethodGet, b.url+path, "", "")
		require.Equal(t, http.StatusOK, status, path)
		assert.Contains(t, h.Get("Content-Type"), ctype)
		assert.Equal(t, "nosniff", h.Get("X-Content-Type-Options"))
		assert.NotEmpty(t, body)
	}
	js := func() string { _, _, s := do(t, http.MethodGet, b.url+"/static/app.js", "", ""); return s }()
	for _, want := range []string{`"onNewSession"`, `"onFinish"`, `"/api/knit/session"`, `"/api/knit/integrations"`, `setAttribute("authsessiontoken"`} {
		assert.Contains(t, js, want)
	}
	status, _, body := do(t, http.MethodGet, b.url+"/static/", "", "")
	assert.Equal(t, http.StatusNotFound, status, "no directory listing")
	assert.NotContains(t, body, "app.js")
}

// TestConnectFlow is the whole embedded flow: a token for onNewSession, the
// end user connecting in Knit's UI, then onFinish's detail confirmed and
// stored.
func TestConnectFlow(t *testing.T) {
	t.Parallel()
	b := newBackend(t)

	status, body := postJSON(t, b.url+"/api/knit/session", `{}`)
	require.Equal(t, http.StatusOK, status, body)
	var sess struct{ Token string }
	require.NoError(t, json.Unmarshal([]byte(body), &sess))
	require.NotEmpty(t, sess.Token)

	id, err := b.pg.CompleteSession(sess.Token, "workable")
	require.NoError(t, err)

	status, body = postJSON(t, b.url+"/api/knit/integrations", onFinish(id, "workable", "ATS", demoOrg))
	require.Equal(t, http.StatusOK, status, body)
	assert.JSONEq(t, `{"integrationId":"`+id+`","appId":"workable","category":"ATS"}`, body)
	assert.Equal(t, []storedIntegration{{IntegrationID: id, AppID: "workable", Category: knit.CategoryATS}}, b.app.store.list(demoOrg))

	// The confirmation asked Knit about the server-side org.
	reqs := b.pg.RequestsFor("integration.details")
	require.Len(t, reqs, 1)
	assert.Equal(t, []string{demoOrg}, reqs[0].Query["originOrgId"])

	// The page now lists it.
	_, _, page := do(t, http.MethodGet, b.url+"/", "", "")
	assert.Contains(t, page, "<li>workable (ATS): "+id+"</li>")
}

// TestInnerDetailsWithoutOrg: the inner object without originOrgId is
// accepted; the org comes from the server-side session.
func TestInnerDetailsWithoutOrg(t *testing.T) {
	t.Parallel()
	b := newBackend(t)
	id, err := b.pg.Connect(knittest.ConnectParams{OriginOrgID: demoOrg, Category: knit.CategoryHRIS})
	require.NoError(t, err)
	status, body := postJSON(t, b.url+"/api/knit/integrations", `{"integrationId":"`+id+`"}`)
	require.Equal(t, http.StatusOK, status, body)
	assert.Len(t, b.app.store.list(demoOrg), 1)
}

func TestForgedDetailsAreRefused(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		body   func(t *testing.T, b *backend) string
		status int
		want   string
	}{
		{"another org in the body", func(t *testing.T, b *backend) string {
			id, err := b.pg.Connect(knittest.ConnectParams{OriginOrgID: "globex", Category: knit.CategoryHRIS})
			require.NoError(t, err)
			return onFinish(id, "bamboohr", "HRIS", "globex")
		}, http.StatusForbidden, "another organisation"},
		{"another org's integration claimed as ours", func(t *testing.T, b *backend) string {
			id, err := b.pg.Connect(knittest.ConnectParams{OriginOrgID: "globex", Category: knit.CategoryHRIS})
			require.NoError(t, err)
			return onFinish(id, "bamboohr", "HRIS", demoOrg)
		}, http.StatusForbidden, "not listed under organisation"},
		{"unknown integration", func(*testing.T, *backend) string {
			return onFinish("int_forged", "bamboohr", "HRIS", demoOrg)
		}, http.StatusForbidden, "not confirmed"},
		{"deactivated integration", func(t *testing.T, b *backend) string {
			id, err := b.pg.Connect(knittest.ConnectParams{OriginOrgID: demoOrg, Category: knit.CategoryHRIS})
			require.NoError(t, err)
			require.NoError(t, b.pg.Deactivate(id))
			return onFinish(id, "bamboohr", "HRIS", demoOrg)
		}, http.StatusForbidden, "not active"},
		{"reported deactivated", func(t *testing.T, b *backend) string {
			id, err := b.pg.Connect(knittest.ConnectParams{OriginOrgID: demoOrg, Category: knit.CategoryHRIS})
			require.NoError(t, err)
			return `{"integrationDetails":{"integrationId":"` + id + `","originOrgId":"acme-demo","isDeactivated":true}}`
		}, http.StatusForbidden, "deactivated"},
		{"wrong app", func(t *testing.T, b *backend) string {
			id, err := b.pg.Connect(knittest.ConnectParams{OriginOrgID: demoOrg, Category: knit.CategoryHRIS})
			require.NoError(t, err)
			return onFinish(id, "workday", "HRIS", demoOrg)
		}, http.StatusForbidden, "not confirmed"},
		{"no integration ID", func(*testing.T, *backend) string {
			return `{"integrationDetails":{"appId":"bamboohr"}}`
		}, http.StatusBadRequest, "integrationId"},
		{"not JSON", func(*testing.T, *backend) string { return `integrationId=int_1` }, http.StatusBadRequest, "not a JSON object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := newBackend(t)
			status, body := postJSON(t, b.url+"/api/knit/integrations", tc.body(t, b))
			assert.Equal(t, tc.status, status, body)
			assert.Contains(t, body, tc.want)
			assert.Zero(t, b.app.store.len(), "nothing may be stored")
		})
	}
}

func TestKnitFailure(t *testing.T) {
	t.Parallel()
	b := newBackend(t)
	id, err := b.pg.Connect(knittest.ConnectParams{OriginOrgID: demoOrg, Category: knit.CategoryHRIS})
	require.NoError(t, err)
	b.pg.FailNext(10, http.StatusServiceUnavailable)
	status, body := postJSON(t, b.url+"/api/knit/integrations", onFinish(id, "bamboohr", "HRIS", demoOrg))
	assert.Equal(t, http.StatusBadGateway, status)
	assert.Contains(t, body, "could not confirm")
	assert.Zero(t, b.app.store.len())

	status, body = postJSON(t, b.url+"/api/knit/session", `{}`)
	assert.Equal(t, http.StatusBadGateway, status)
	assert.Contains(t, body, "could not create")
	status, _, _ = do(t, http.MethodGet, b.url+"/", "", "")
	assert.Equal(t, http.StatusBadGateway, status)
}

func TestRequestChecks(t *testing.T) {
	t.Parallel()
	b := newBackend(t)
	for _, path := range []string{"/api/knit/session", "/api/knit/integrations", "/playground/connect"} {
		status, _, _ := do(t, http.MethodPost, b.url+path, "application/x-www-form-urlencoded", "a=b")
		assert.Equal(t, http.StatusUnsupportedMediaType, status, path)
		status, _, _ = do(t, http.MethodGet, b.url+path, "", "")
		assert.Equal(t, http.StatusMethodNotAllowed, status, path)
	}
	assert.Empty(t, b.pg.RequestsFor("auth.createSession"), "refused requests reach no Knit API")
	big := `{"integrationId":"` + strings.Repeat("x", maxJSONBody) + `"}`
	status, _ := postJSON(t, b.url+"/api/knit/integrations", big)
	assert.Equal(t, http.StatusBadRequest, status)
}

// TestPlaygroundConnect drives the page's playground button: the simulated
// end user's onFinish detail goes through the same confirmation.
func TestPlaygroundConnect(t *testing.T) {
	t.Parallel()
	b := newBackend(t)
	_, _, page := do(t, http.MethodGet, b.url+"/", "", "")
	m := tokenAttrRE.FindStringSubmatch(page)
	require.Len(t, m, 2)

	status, detail := postJSON(t, b.url+"/playground/connect", `{"token":"`+m[1]+`","appId":"xero"}`)
	require.Equal(t, http.StatusOK, status, detail)
	assert.Contains(t, detail, `"originOrgId":"acme-demo"`)
	assert.Contains(t, detail, `"categoryId":"Accounting"`)
	status, body := postJSON(t, b.url+"/api/knit/integrations", detail)
	require.Equal(t, http.StatusOK, status, body)
	assert.Contains(t, body, `"appId":"xero"`)

	status, body = postJSON(t, b.url+"/playground/connect", `{"token":"`+m[1]+`","appId":"xero"}`)
	assert.Equal(t, http.StatusConflict, status)
	assert.Contains(t, body, "already completed")
	status, _ = postJSON(t, b.url+"/playground/connect", `{"appId":"xero"}`)
	assert.Equal(t, http.StatusBadRequest, status)
}

// TestTokenIsEscaped: whatever Knit answers, the token cannot break out of
// the attribute.
func TestTokenIsEscaped(t *testing.T) {
	t.Parallel()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"success":true,"msg":{"token":"\"><script>alert(1)</script>"}}`)
	}))
	t.Cleanup(api.Close)
	client, err := knit.NewClient("k", option.WithBaseURL(api.URL+"/v1.0"))
	require.NoError(t, err)
	app, err := newServer(client, nil, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	ts := httptest.NewServer(app.routes())
	t.Cleanup(ts.Close)

	status, _, body := do(t, http.MethodGet, ts.URL+"/", "", "")
	require.Equal(t, http.StatusOK, status)
	assert.NotContains(t, body, "<script>alert(1)</script>")
	assert.Contains(t, body, `authsessiontoken="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"`)
	assert.NotContains(t, body, `id="playground-connect"`, "no playground button against a real API")
	status, _, _ = do(t, http.MethodPost, ts.URL+"/playground/connect", "application/json", `{}`)
	assert.Equal(t, http.StatusNotFound, status)
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestRun starts the program itself, in playground mode and against a
// "real" API (a playground reached through KNIT_API_KEY and KNIT_BASE_URL),
// and shuts it down.
func TestRun(t *testing.T) {
	t.Parallel()
	real := knittest.NewServer(knittest.WithT(t), knittest.WithAPIKey("real-key"))
	for name, vars := range map[string]map[string]string{
		"playground": nil,
		"api key":    {envAPIKey: "real-key", envBaseURL: real.URL()},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(t.Context())
			logs := new(syncBuffer)
			addrc := make(chan string, 1)
			done := make(chan error, 1)
			go func() {
				done <- run(ctx, []string{"-addr", "127.0.0.1:0"}, func(k string) string { return vars[k] }, logs, func(a string) { addrc <- a })
			}()
			var addr string
			select {
			case addr = <-addrc:
			case err := <-done:
				t.Fatalf("stopped early: %v", err)
			case <-time.After(5 * time.Second):
				t.Fatal("did not start")
			}
			status, _, body := do(t, http.MethodGet, "http://"+addr+"/", "", "")
			assert.Equal(t, http.StatusOK, status)
			assert.Regexp(t, tokenAttrRE, body)
			assert.Equal(t, vars == nil, strings.Contains(body, "Playground mode"))
			cancel()
			select {
			case err := <-done:
				require.NoError(t, err)
			case <-time.After(5 * time.Second):
				t.Fatal("did not shut down")
			}
			assert.Contains(t, logs.String(), "open the page")
			assert.NotContains(t, logs.String(), "real-key")
		})
	}
}

func TestRunErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"-addr", "127.0.0.1:99999"}, nil, "listen on"},
		{[]string{"extra"}, nil, "unexpected arguments"},
		{nil, map[string]string{envAPIKey: "k", envBaseURL: "http://example.com"}, "knit client"},
	} {
		err := run(t.Context(), tc.args, func(k string) string { return tc.env[k] }, io.Discard, nil)
		require.Error(t, err)
		assert.Contains(t, err.Error(), tc.want)
	}
}
