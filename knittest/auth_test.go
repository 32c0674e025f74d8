package knittest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/knittest"
)

func sessionBody() map[string]any {
	return map[string]any{
		"originOrgId": "org-1", "originOrgName": "Acme", "originUserEmail": "ops@acme.example", "originUserName": "Ops",
	}
}

func TestCreateSessionValidatesRequiredFields(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	for _, field := range []string{"originOrgId", "originOrgName", "originUserEmail", "originUserName"} {
		b := sessionBody()
		delete(b, field)
		msg := fails(t, post(t, srv, "auth.createSession", "", b), http.StatusBadRequest)
		assert.Contains(t, msg, field)
	}
	b := sessionBody()
	b["filters"] = []map[string]any{{"category": "Payroll"}}
	assert.Contains(t, fails(t, post(t, srv, "auth.createSession", "", b), http.StatusBadRequest), "Payroll")
}

func TestCreateSessionAnswersUnderMsg(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	r := post(t, srv, "auth.createSession", "", sessionBody())
	require.Equal(t, http.StatusOK, r.status)
	assert.Nil(t, r.env.Data, "the token is under msg, not data")
	var msg map[string]string
	require.NoError(t, json.Unmarshal(r.env.Msg, &msg))
	require.NotEmpty(t, msg["token"])
	assert.NotContains(t, msg, knittest.MagicLinkResponseKey)

	id, err := srv.CompleteSession(msg["token"], "bamboohr")
	require.NoError(t, err)
	_, err = srv.CompleteSession(msg["token"], "bamboohr")
	require.Error(t, err, "a session completes once")
	_, err = srv.CompleteSession("ks_unknown", "bamboohr")
	require.Error(t, err)

	var details struct {
		Apps []struct {
			ID            string  `json:"id"`
			Category      string  `json:"category"`
			IntegrationID string  `json:"integrationId"`
			IsActive      bool    `json:"isActive"`
			DeactivatedAt *string `json:"deactivatedAt"`
			ShortLogo     string  `json:"shortLogo"`
		} `json:"apps"`
	}
	r = get(t, srv, "integration.details", "", url.Values{"originOrgId": {"org-1"}})
	ok(t, r, &details)
	require.Len(t, details.Apps, 1)
	a := details.Apps[0]
	assert.Equal(t, "bamboohr", a.ID)
	assert.Equal(t, "HRIS", a.Category)
	assert.Equal(t, id, a.IntegrationID)
	assert.True(t, a.IsActive)
	assert.Nil(t, a.DeactivatedAt)
	assert.NotEmpty(t, a.ShortLogo)
	assert.Contains(t, string(r.raw), `"deactivatedAt":null`)

	fails(t, get(t, srv, "integration.details", "", nil), http.StatusBadRequest)

	// testAccount:false asks for a Production account.
	b := sessionBody()
	b["testAccount"] = false
	r = post(t, srv, "auth.createSession", "", b)
	require.NoError(t, json.Unmarshal(r.env.Msg, &msg))
	prod, err := srv.CompleteSession(msg["token"], "hibob")
	require.NoError(t, err)
	ints := srv.Integrations()
	require.Len(t, ints, 2)
	assert.Equal(t, prod, ints[1].ID)
	assert.False(t, ints[1].Test)
	assert.True(t, ints[0].Test)
	ok(t, get(t, srv, "integration.details", "", url.Values{"originOrgId": {"other"}}), &details)
	assert.Empty(t, details.Apps)
}

func TestMagicLinkCompletesSession(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	b := sessionBody()
	b[knittest.MagicLinkRequestField] = true
	b["filters"] = []map[string]any{{"category": "ATS", "apps": []string{"greenhouse"}}}
	r := post(t, srv, "auth.createSession", "", b)
	var msg map[string]string
	require.NoError(t, json.Unmarshal(r.env.Msg, &msg))
	link := msg[knittest.MagicLinkResponseKey]
	require.NotEmpty(t, link)

	// The filters restrict which apps the end user may pick.
	_, err := srv.CompleteSession(msg["token"], "workable")
	require.Error(t, err)

	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, link, nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(raw))
	var done struct {
		IntegrationID string `json:"integrationId"`
	}
	require.NoError(t, json.Unmarshal(raw, &done))
	ints := srv.Integrations()
	require.Len(t, ints, 1)
	assert.Equal(t, done.IntegrationID, ints[0].ID)
	assert.Equal(t, "greenhouse", ints[0].AppID)
	assert.True(t, ints[0].Test, "Test is the account default")
}

func TestConnectValidates(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	for name, p := range map[string]knittest.ConnectParams{
		"no org":           {Category: "HRIS"},
		"no app":           {OriginOrgID: "o"},
		"unknown category": {OriginOrgID: "o", Category: "Payroll"},
		"unknown app":      {OriginOrgID: "o", AppID: "nope"},
		"mismatch":         {OriginOrgID: "o", Category: "CRM", AppID: "workable"},
	} {
		_, err := srv.Connect(p)
		require.Error(t, err, name)
	}
	id, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "o", Category: "accounting"})
	require.NoError(t, err)
	assert.Equal(t, "xero", srv.Integrations()[0].AppID)
	assert.NotEmpty(t, id)
}

// fakeClock is a settable clock safe for concurrent use.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestTestAccountLimitAndExpiry(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
	srv := newServer(t, knittest.WithClock(clock.Now))

	var ids []string
	for i := range knittest.MaxTestIntegrations {
		id, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "org", Category: "ATS"})
		require.NoError(t, err, "test account %d", i+1)
		ids = append(ids, id)
		clock.Advance(24 * time.Hour)
	}
	_, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "org", Category: "ATS"})
	require.ErrorIs(t, err, knittest.ErrTestLimit)

	// Production accounts are unlimited.
	prod, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "org", Category: "ATS", Production: true})
	require.NoError(t, err)

	// 30 days after creation the first Test account is deactivated.
	clock.Advance(27*24*time.Hour - time.Minute) // first account is 30d - 1m old
	ok(t, get(t, srv, "ats.job.list", ids[0], nil), nil)
	clock.Advance(time.Minute)
	assert.Contains(t, fails(t, get(t, srv, "ats.job.list", ids[0], nil), http.StatusUnauthorized), "deactivated")
	ok(t, get(t, srv, "ats.job.list", ids[1], nil), nil)
	ok(t, get(t, srv, "ats.job.list", prod, nil), nil)

	var details struct {
		Apps []struct {
			IntegrationID string  `json:"integrationId"`
			IsActive      bool    `json:"isActive"`
			DeactivatedAt *string `json:"deactivatedAt"`
		} `json:"apps"`
	}
	ok(t, get(t, srv, "integration.details", "", url.Values{"originOrgId": {"org"}}), &details)
	require.Len(t, details.Apps, 4)
	assert.False(t, details.Apps[0].IsActive)
	require.NotNil(t, details.Apps[0].DeactivatedAt)
	assert.Equal(t, "2026-01-31T12:00:00Z", *details.Apps[0].DeactivatedAt)
	assert.True(t, details.Apps[1].IsActive)

	// The freed slot can be used again.
	_, err = srv.Connect(knittest.ConnectParams{OriginOrgID: "org", Category: "ATS"})
	require.NoError(t, err)

	// Deactivating frees a slot too.
	require.NoError(t, srv.Deactivate(ids[1]))
	_, err = srv.Connect(knittest.ConnectParams{OriginOrgID: "org", Category: "ATS"})
	require.NoError(t, err)
	require.Error(t, srv.Deactivate("mg_unknown"))
}
