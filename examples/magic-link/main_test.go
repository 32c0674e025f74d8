package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/knittest"
)

// env returns a getenv that knows only vars.
func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

var fullArgs = []string{
	"-org-id", "acme", "-org-name", "Acme Inc", "-email", "admin@acme.example",
	"-name", "Ada Admin", "-category", "ats",
}

var (
	linkRE        = regexp.MustCompile(`(?m)^(http://127\.0\.0\.1:\d+/\S+)$`)
	integrationRE = regexp.MustCompile(`Integration ID: (\S+)`)
)

func TestPlaygroundFollow(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	err := run(t.Context(), append(fullArgs, "-follow"), env(nil), &out)
	require.NoError(t, err)
	got := out.String()
	assert.Contains(t, got, "KNIT_API_KEY is not set")
	assert.Contains(t, got, "Magic link for Acme Inc (acme), admin@acme.example, category ATS:")
	assert.Regexp(t, linkRE, got)
	m := integrationRE.FindStringSubmatch(got)
	require.Len(t, m, 2, got)
	assert.NotEmpty(t, m[1])
	assert.Contains(t, got, "Connected workable (ATS) for acme.")
}

func TestPlaygroundLinkOnly(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), append(fullArgs, "-test"), env(nil), &out))
	assert.Regexp(t, linkRE, out.String())
	assert.NotContains(t, out.String(), "Integration ID")
}

// TestRealAPI plays Knit's API with a playground reached through
// KNIT_API_KEY and KNIT_BASE_URL, and checks the request the SDK sent.
func TestRealAPI(t *testing.T) {
	t.Parallel()
	srv := knittest.NewServer(knittest.WithT(t), knittest.WithAPIKey("real-key"))
	var out bytes.Buffer
	err := run(t.Context(), append(fullArgs, "-test=false"),
		env(map[string]string{envAPIKey: "real-key", envBaseURL: srv.URL()}), &out)
	require.NoError(t, err)
	assert.NotContains(t, out.String(), "playground")
	require.Regexp(t, linkRE, out.String())

	reqs := srv.RequestsFor("auth.createSession")
	require.Len(t, reqs, 1)
	var body map[string]any
	require.NoError(t, json.Unmarshal(reqs[0].Body, &body))
	assert.Equal(t, "acme", body["originOrgId"])
	assert.Equal(t, "Ada Admin", body["originUserName"])
	assert.Equal(t, false, body["testAccount"])
	assert.Equal(t, true, body[knittest.MagicLinkRequestField])
	assert.Equal(t, []any{map[string]any{"category": "ATS"}}, body["filters"])
}

// TestRealAPINoLink: Knit answers with a token only; the program explains
// that magic links are made in the dashboard.
func TestRealAPINoLink(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
		assert.Equal(t, "/v1.0/auth.createSession", r.URL.Path)
		assert.Equal(t, "Bearer real-key", r.Header.Get("Authorization"))
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"success":true,"msg":{"token":"tok_1"}}`)
	}))
	t.Cleanup(api.Close)
	var out bytes.Buffer
	err := run(t.Context(), fullArgs, env(map[string]string{envAPIKey: "real-key", envBaseURL: api.URL + "/v1.0"}), &out)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Knit dashboard")
	assert.Contains(t, err.Error(), `organisation "acme"`)
	assert.Equal(t, int32(1), hits.Load())
	assert.Empty(t, out.String())
}

func TestFlagErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"no flags", nil, nil, "missing required flags: -org-id, -org-name, -email, -name, -category"},
		{"some missing", []string{"-org-id", "acme", "-email", "a@b.c"}, nil, "missing required flags: -org-name, -name, -category"},
		{"blank", append(fullArgs[:len(fullArgs):len(fullArgs)], "-name", " "), nil, "missing required flags: -name"},
		{"bad category", append(fullArgs[:len(fullArgs):len(fullArgs)], "-category", "payroll"), nil, `-category "payroll": want HRIS, ATS, CRM or Accounting`},
		{"bad email", append(fullArgs[:len(fullArgs):len(fullArgs)], "-email", "nobody"), nil, "OriginUserEmail"},
		{"follow with real key", append(fullArgs[:len(fullArgs):len(fullArgs)], "-follow"), map[string]string{envAPIKey: "k"}, "-follow works only against the playground"},
		{"bad base URL", fullArgs, map[string]string{envAPIKey: "k", envBaseURL: "http://example.com"}, "knit client"},
		{"stray argument", append(fullArgs[:len(fullArgs):len(fullArgs)], "extra"), nil, "unexpected arguments"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := run(t.Context(), tc.args, env(tc.env), io.Discard)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestHelp(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	require.ErrorIs(t, run(t.Context(), []string{"-h"}, env(nil), &out), flag.ErrHelp)
	assert.Contains(t, out.String(), "-org-id")
}
