package knit_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
)

const appsBody = `{"success":true,"data":{"apps":[
 {"id":"workable","category":"ATS","integrationId":"int-9","isActive":true,"deactivatedAt":null,"shortLogo":"https://cdn.test/logo.png","extraField":42},
 {"id":"bamboohr","category":"HRIS","integrationId":"int-old","isActive":false,"deactivatedAt":"2026-01-02T03:04:05Z"}]}}`

func TestIntegrationsList(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.json("integration.details", 200, appsBody)
	apps, err := f.client().Integrations.List(bg, "org 1")
	require.NoError(t, err)
	require.Len(t, apps, 2)
	assert.Equal(t, "workable", apps[0].AppID)
	assert.Equal(t, knit.CategoryATS, apps[0].Category)
	assert.Equal(t, "int-9", apps[0].IntegrationID)
	assert.True(t, apps[0].IsActive)
	assert.True(t, apps[0].DeactivatedAt.IsZero())
	assert.Contains(t, string(apps[0].Raw), `"extraField":42`)
	at, ok := apps[1].DeactivatedAt.Time()
	require.True(t, ok)
	assert.Equal(t, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), at)

	r := f.last()
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, "/v1.0/integration.details", r.Path)
	assert.Equal(t, "originOrgId=org+1", r.Query)
	assert.Empty(t, r.Header.Values("X-Knit-Integration-Id"))

	_, err = f.client().Integrations.List(bg, "")
	require.ErrorIs(t, err, knit.ErrInvalidParams)
}

func TestIntegrationsConfirm(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.json("integration.details", 200, appsBody)
	c := f.client()

	app, err := c.Integrations.Confirm(bg, &knit.IntegrationDetails{IntegrationID: "int-9", AppID: "workable", CategoryID: "ATS", OriginOrgID: "org1", Success: true})
	require.NoError(t, err)
	assert.Equal(t, "int-9", app.IntegrationID)
	assert.Equal(t, "originOrgId=org1", f.last().Query)

	refused := []knit.IntegrationDetails{
		{IntegrationID: "int-404", OriginOrgID: "org1"},                    // not listed
		{IntegrationID: "int-old", OriginOrgID: "org1"},                    // inactive
		{IntegrationID: "int-9", OriginOrgID: "org1", AppID: "greenhouse"}, // wrong app
		{IntegrationID: "int-9", OriginOrgID: "org1", CategoryID: "HRIS"},  // wrong category
		{IntegrationID: "int-9", OriginOrgID: "org1", IsDeactivated: true}, // browser says deactivated
	}
	for _, d := range refused {
		_, err := c.Integrations.Confirm(bg, &d)
		require.ErrorIs(t, err, knit.ErrIntegrationNotConfirmed, "%+v", d)
		assert.Contains(t, err.Error(), d.IntegrationID)
	}
	_, err = c.Integrations.Confirm(bg, &knit.IntegrationDetails{IntegrationID: "int-9"})
	require.ErrorIs(t, err, knit.ErrInvalidParams)
	_, err = c.Integrations.Confirm(bg, nil)
	require.ErrorIs(t, err, knit.ErrInvalidParams)

	f.json("integration.details", 500, `oops`)
	_, err = c.Integrations.Confirm(bg, &knit.IntegrationDetails{IntegrationID: "int-9", OriginOrgID: "org1"})
	require.ErrorIs(t, err, knit.ErrServer)
}

func TestParseIntegrationDetails(t *testing.T) {
	t.Parallel()
	d, err := knit.ParseIntegrationDetails(strings.NewReader(
		`{"integrationDetails":{"integrationId":"integration_id","appId":"hubspot","categoryId":"CRM","originOrgId":"org1","success":true}}`))
	require.NoError(t, err)
	assert.Equal(t, knit.IntegrationDetails{IntegrationID: "integration_id", AppID: "hubspot", CategoryID: "CRM", OriginOrgID: "org1", Success: true}, *d)

	d, err = knit.ParseIntegrationDetails(strings.NewReader(`{"integrationId":"i2","originOrgId":"o","isDeactivated":true}`))
	require.NoError(t, err)
	assert.Equal(t, "i2", d.IntegrationID)
	assert.True(t, d.IsDeactivated)

	for _, bad := range []string{``, `[]`, `{"integrationDetails":{}}`, `{"appId":"x"}`, `{"integrationId":5}`, strings.Repeat(" ", 70<<10) + `{}`} {
		_, err := knit.ParseIntegrationDetails(strings.NewReader(bad))
		assert.ErrorIs(t, err, knit.ErrInvalidParams, bad)
	}
}
