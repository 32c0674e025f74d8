package webhook_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/webhook"
)

// TestPlaygroundActivation: completing an auth session through the
// playground's control API delivers a signed app.integration.activate to
// the category's webhook, which Router.OnActivate decodes; ValidationErrors
// given to Connect arrive as the event's validation errors.
func TestPlaygroundActivation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := knittest.NewServer(knittest.WithT(t), knittest.WithControlAPI())
	client, err := srv.Client()
	require.NoError(t, err)

	var mu sync.Mutex
	got := map[string]*webhook.Activation{}
	headers := map[string]string{}
	r := webhook.NewRouter()
	r.OnActivate(func(_ context.Context, ev *webhook.Event, a *webhook.Activation) error {
		mu.Lock()
		defer mu.Unlock()
		got[a.IntegrationID] = a
		headers[a.IntegrationID] = ev.IntegrationID
		return nil
	})
	hook := httptest.NewServer(webhook.NewHandler([]string{srv.APIKey()}, r.Handle))
	t.Cleanup(hook.Close)
	require.NoError(t, srv.SetWebhookURL(knit.CategoryHRIS, hook.URL))

	// The documented flow: auth.createSession, then the end user finishes
	// Knit's UI (here: the control API's sessions/{token}/complete).
	sess, err := client.AuthSessions.Create(ctx, &knit.AuthSessionParams{
		OriginOrgID: "org-act", OriginOrgName: "Acme", OriginUserEmail: "it@acme.example", OriginUserName: "IT",
		Filters: []knit.CategoryFilter{{Category: knit.CategoryHRIS, Apps: []string{"personio"}}},
	})
	require.NoError(t, err)
	base := strings.TrimSuffix(srv.URL(), "/v1.0")
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+knittest.ControlPath+"sessions/"+sess.Token+"/complete", strings.NewReader(`{}`))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+srv.APIKey())
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	ints := srv.Integrations()
	require.Len(t, ints, 1)
	id := ints[0].ID

	wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	require.NoError(t, srv.WaitForActivation(wctx, id))
	mu.Lock()
	a := got[id]
	assert.Equal(t, id, headers[id], "X-Knit-Integration-Id header")
	mu.Unlock()
	require.NotNil(t, a)
	assert.True(t, a.OK())
	assert.Equal(t, "personio", a.AppID)
	assert.Equal(t, "HRIS", a.CategoryID)
	assert.Equal(t, "org-act", a.OriginOrgID)

	bad, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "org-bad", Category: knit.CategoryHRIS, Production: true,
		ValidationErrors: []string{"Missing scope: employees:read"}})
	require.NoError(t, err)
	require.NoError(t, srv.WaitForActivation(wctx, bad))
	mu.Lock()
	defer mu.Unlock()
	require.NotNil(t, got[bad])
	assert.False(t, got[bad].OK())
	require.Len(t, got[bad].ValidationErrors, 1)
	assert.Equal(t, "Missing scope: employees:read", got[bad].ValidationErrors[0].Message)

	// No webhook for ATS: nothing to send, and WaitForActivation says why.
	ats, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "org-act", Category: knit.CategoryATS, Production: true})
	require.NoError(t, err)
	err = srv.WaitForActivation(wctx, ats)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no webhook URL")
}
