package knit_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
)

func sessionParams() *knit.AuthSessionParams {
	test := true
	return &knit.AuthSessionParams{
		OriginOrgID:     "org_42",
		OriginOrgName:   "Acme Corp",
		OriginUserEmail: "ops@acme.test",
		OriginUserName:  "Ada Ops",
		Filters:         []knit.CategoryFilter{{Category: knit.CategoryHRIS, Apps: []string{"darwinbox", "workday"}}, {Category: knit.CategoryATS}},
		TestAccount:     &test,
	}
}

func TestAuthSessionsCreate(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.json("auth.createSession", 200, `{"success":true,"msg":{"token":"sess_tok_1"}}`)
	c := f.client()

	p := sessionParams()
	p.Extra = map[string]any{"language": "fr"}
	s, err := c.AuthSessions.Create(bg, p)
	require.NoError(t, err)
	assert.Equal(t, "sess_tok_1", s.Token)
	assert.Empty(t, s.MagicLink)

	r := f.last()
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/v1.0/auth.createSession", r.Path)
	assert.Empty(t, r.Header.Values("X-Knit-Integration-Id"))
	assert.Equal(t, "Bearer "+testKey, r.Header.Get("Authorization"))
	assert.JSONEq(t, `{
		"originOrgId":"org_42","originOrgName":"Acme Corp",
		"originUserEmail":"ops@acme.test","originUserName":"Ada Ops",
		"filters":[{"category":"HRIS","apps":["darwinbox","workday"]},{"category":"ATS"}],
		"testAccount":true,"language":"fr"}`, string(r.Body))
	assert.Equal(t, map[string]any{"language": "fr"}, p.Extra, "params are not mutated")
}

func TestAuthSessionsCreateFromData(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.json("auth.createSession", 200, `{"success":true,"data":{"token":"tok_in_data"}}`)
	s, err := f.client().AuthSessions.Create(bg, sessionParams())
	require.NoError(t, err)
	assert.Equal(t, "tok_in_data", s.Token)
}

func TestAuthSessionsCreateErrors(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.json("auth.createSession", 200, `{"success":true,"msg":{}}`)
	c := f.client()

	cases := map[string]func(p *knit.AuthSessionParams){
		"OriginOrgID":     func(p *knit.AuthSessionParams) { p.OriginOrgID = "" },
		"OriginOrgName":   func(p *knit.AuthSessionParams) { p.OriginOrgName = " " },
		"OriginUserEmail": func(p *knit.AuthSessionParams) { p.OriginUserEmail = "" },
		"OriginUserName":  func(p *knit.AuthSessionParams) { p.OriginUserName = "" },
		"Filters":         func(p *knit.AuthSessionParams) { p.Filters = []knit.CategoryFilter{{}} },
		"Extra":           func(p *knit.AuthSessionParams) { p.Extra = map[string]any{"originOrgId": "x"} },
	}
	for field, mutate := range cases {
		p := sessionParams()
		mutate(p)
		_, err := c.AuthSessions.Create(bg, p)
		var pe *knit.ParamError
		require.ErrorAs(t, err, &pe, field)
		assert.Equal(t, field, pe.Field)
		assert.Contains(t, err.Error(), field)
	}
	_, err := c.AuthSessions.Create(bg, nil)
	require.ErrorIs(t, err, knit.ErrInvalidParams)
	assert.Empty(t, f.requests(), "no request is sent for invalid params")

	_, err = c.AuthSessions.Create(bg, sessionParams())
	require.Error(t, err, "an answer without a token is an error")
	assert.Contains(t, err.Error(), "neither a token")

	f.json("auth.createSession", 401, `{"success":false,"error":{"msg":"Invalid API Key"}}`)
	_, err = c.AuthSessions.Create(bg, sessionParams())
	require.ErrorIs(t, err, knit.ErrUnauthorized)
	assert.NotContains(t, err.Error(), testKey)
}

func TestMagicLinksCreate(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.json("auth.createSession", 200, `{"success":true,"msg":{"token":"t1","magicLink":"https://app.getknit.dev/magic/abc"}}`)
	c := f.client()
	prod := false
	ml, err := c.MagicLinks.Create(bg, &knit.MagicLinkParams{
		OriginOrgID: "org_1", OriginOrgName: "Org", OriginUserEmail: "u@org.test", OriginUserName: "U",
		Category: knit.CategoryAccounting, TestAccount: &prod,
	})
	require.NoError(t, err)
	assert.Equal(t, "https://app.getknit.dev/magic/abc", ml.URL)
	assert.Equal(t, "t1", ml.Token)
	assert.JSONEq(t, `{"originOrgId":"org_1","originOrgName":"Org","originUserEmail":"u@org.test",
		"originUserName":"U","filters":[{"category":"Accounting"}],"testAccount":false,
		"generateMagicLink":true}`, string(f.last().Body))

	f.json("auth.createSession", 200, `{"success":true,"msg":{"token":"t2"}}`)
	_, err = c.MagicLinks.Create(bg, &knit.MagicLinkParams{
		OriginOrgID: "org_1", OriginOrgName: "Org", OriginUserEmail: "u@org.test", OriginUserName: "U",
		Category: knit.CategoryHRIS,
	})
	require.ErrorIs(t, err, knit.ErrMagicLinkUnavailable)
	assert.Contains(t, err.Error(), "dashboard")

	n := len(f.requests())
	_, err = c.MagicLinks.Create(bg, &knit.MagicLinkParams{OriginOrgID: "o"})
	require.ErrorIs(t, err, knit.ErrInvalidParams)
	assert.Contains(t, err.Error(), "Category")
	assert.Len(t, f.requests(), n)
}
