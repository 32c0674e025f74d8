package webhook

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKnitDocsEventGlossary: every event of Knit's glossary is a constant
// of this package, and the activation row still says what Activation.OK
// and Router.OnActivate are built on.
func TestKnitDocsEventGlossary(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join("testdata", "knitdocs", "event_glossary.md"))
	require.NoError(t, err)
	rows := regexp.MustCompile(`(?m)^\| ([a-z]+\.[A-Za-z.]+) \|(.*)$`).FindAllStringSubmatch(string(b), -1)
	require.Len(t, rows, 8)
	for _, r := range rows {
		assert.True(t, EventType(r[1]).IsKnown(), "glossary event %s has no constant", r[1])
		if EventType(r[1]) == EventIntegrationActivate {
			assert.Contains(t, r[2], "Payload may contain validation errors")
			assert.Contains(t, r[2], "If the payload doesn't contain errors, use this event as a trigger for starting data syncs")
		}
	}
}

func TestActivation(t *testing.T) {
	t.Parallel()
	parse := func(t *testing.T, body string) *Event {
		t.Helper()
		ev, err := Parse([]byte(body))
		require.NoError(t, err)
		ev.IntegrationID = "mg_header"
		return ev
	}
	t.Run("no errors, integration from the header", func(t *testing.T) {
		t.Parallel()
		b, err := os.ReadFile(filepath.Join("testdata", "events", "integration_activate.json"))
		require.NoError(t, err)
		ev := parse(t, string(b))
		a, err := ev.Activation()
		require.NoError(t, err)
		assert.True(t, a.OK())
		assert.Equal(t, "mg_header", a.IntegrationID)
		assert.JSONEq(t, `{"validationErrors":[]}`, string(a.Raw))
	})
	t.Run("playground shape with errors", func(t *testing.T) {
		t.Parallel()
		ev := parse(t, `{"eventId":"ev_1","eventType":"app.integration.activate","eventData":{
			"integrationId":"mg_1","appId":"bamboohr","categoryId":"HRIS","originOrgId":"org1",
			"validationErrors":["Missing scope: employees:read",{"msg":"Custom field mapping incomplete"},{"message":"m"},{"code":7}]}}`)
		a, err := ev.Activation()
		require.NoError(t, err)
		assert.False(t, a.OK())
		assert.Equal(t, "mg_1", a.IntegrationID, "eventData beats the header")
		assert.Equal(t, "bamboohr", a.AppID)
		assert.Equal(t, "HRIS", a.CategoryID)
		assert.Equal(t, "org1", a.OriginOrgID)
		require.Len(t, a.ValidationErrors, 4)
		assert.Equal(t, "Missing scope: employees:read", a.ValidationErrors[0].Error())
		assert.Equal(t, "Custom field mapping incomplete", a.ValidationErrors[1].Message)
		assert.Equal(t, "m", a.ValidationErrors[2].Message)
		assert.JSONEq(t, `{"code":7}`, a.ValidationErrors[3].Error(), "no message: the raw item")
	})
	t.Run("null or absent eventData", func(t *testing.T) {
		t.Parallel()
		for _, body := range []string{
			`{"eventId":"ev_1","eventType":"app.integration.activate","eventData":null}`,
			`{"eventId":"ev_1","eventType":"app.integration.activate"}`,
		} {
			a, err := parse(t, body).Activation()
			require.NoError(t, err, body)
			assert.True(t, a.OK())
			assert.Equal(t, "mg_header", a.IntegrationID)
		}
	})
	t.Run("errors", func(t *testing.T) {
		t.Parallel()
		_, err := parse(t, `{"eventId":"ev_1","eventType":"record.new","eventData":{}}`).Activation()
		require.ErrorIs(t, err, ErrNotActivationEvent)
		for _, data := range []string{`[]`, `"x"`, `{"validationErrors":{}}`, `{"appId":3}`, `{"validationErrors":[{"msg":1}]}`} {
			_, err := parse(t, `{"eventId":"ev_1","eventType":"app.integration.activate","eventData":`+data+`}`).Activation()
			require.ErrorIs(t, err, ErrMalformedPayload, data)
			assert.Contains(t, err.Error(), "ev_1")
		}
	})
}

func TestRouterOnActivate(t *testing.T) {
	t.Parallel()
	r := NewRouter()
	var got []*Activation
	r.OnActivate(func(_ context.Context, _ *Event, a *Activation) error {
		got = append(got, a)
		return nil
	})
	ok, err := Parse([]byte(`{"eventId":"ev_1","eventType":"app.integration.activate","eventData":{"integrationId":"mg_1","validationErrors":[]}}`))
	require.NoError(t, err)
	require.NoError(t, r.Handle(context.Background(), ok))
	require.Len(t, got, 1)
	assert.Equal(t, "mg_1", got[0].IntegrationID)

	bad, err := Parse([]byte(`{"eventId":"ev_2","eventType":"app.integration.activate","eventData":"nope"}`))
	require.NoError(t, err)
	err = r.Handle(context.Background(), bad)
	require.ErrorIs(t, err, ErrMalformedPayload, "an undecodable activation is not acknowledged")
	assert.Len(t, got, 1)

	other, err := Parse([]byte(`{"eventId":"ev_3","eventType":"sync.events.processed","eventData":{}}`))
	require.NoError(t, err)
	require.NoError(t, r.Handle(context.Background(), other))
	assert.Len(t, got, 1, "other events are not activations")

	r.OnActivate(nil)
	require.NoError(t, r.Handle(context.Background(), ok))
	assert.Len(t, got, 1, "route removed")
}
