package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/knittest"
)

func TestPlayground(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var out bytes.Buffer
	require.NoError(t, run(ctx, &out, func(string) string { return "" }))
	s := out.String()
	assert.Contains(t, s, "playground mode")
	assert.Regexp(t, `(?m)^  ATS +workable +mg_\w+ active=true$`, s)
	assert.Regexp(t, `(?m)^  HRIS +bamboohr +mg_\w+ active=true$`, s)
	assert.Regexp(t, `(?m)^jobs: 25 in 3 pages, e\.g\. "`, s, "Jobs.All pages: 10 jobs a page")
	m := regexp.MustCompile(`employee sync \S+: (\d+) record\.new events verified and decoded; then sync\.events\.processed, sync\.events\.allConsumed`).FindStringSubmatch(s)
	require.NotNil(t, m, s)
	assert.NotEqual(t, "0", m[1])
	assert.Regexp(t, `(?m)^  \S.* \d+ days`, s, "leave balances printed")
	assert.Regexp(t, `(?m)^summary: 2 Test accounts for acme-42 .*25 jobs, \d+ employees synced$`, s)
}

// TestLiveModeAgainstPlayground drives the live code path with the
// playground standing in for Knit.
func TestLiveModeAgainstPlayground(t *testing.T) {
	t.Parallel()
	srv := knittest.NewServer(knittest.WithT(t))
	atsID, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "org-live", Category: knit.CategoryATS})
	require.NoError(t, err)
	emp := srv.Employees()[0].Profile.ID
	hrisID, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "org-live", Category: knit.CategoryHRIS})
	require.NoError(t, err)

	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) }))
	t.Cleanup(hook.Close)
	require.NoError(t, srv.SetWebhookURL(knit.CategoryATS, hook.URL))

	env := func(id, syncType string) func(string) string {
		return func(k string) string {
			return map[string]string{
				"KNIT_API_KEY":        srv.APIKey(),
				"KNIT_INTEGRATION_ID": id,
				"KNIT_BASE_URL":       srv.URL(),
				"KNIT_ORIGIN_ORG_ID":  "org-live",
				"KNIT_EMPLOYEE_IDS":   emp,
				"KNIT_SYNC_DATA_TYPE": syncType,
			}[k]
		}
	}
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, env(atsID, "ats_jobs")))
	assert.Contains(t, out.String(), "live mode against "+srv.URL())
	assert.Contains(t, out.String(), "integrations of org-live: 2")
	assert.Contains(t, out.String(), "jobs: 25")
	assert.Contains(t, out.String(), "leave balances: not supported")
	assert.Regexp(t, `sync started: job \S+ run \S+`, out.String())

	out.Reset()
	require.NoError(t, run(context.Background(), &out, env(hrisID, "")))
	assert.Contains(t, out.String(), "jobs: not supported")
	assert.Contains(t, out.String(), "leave balances of "+emp+":")
	assert.NotContains(t, out.String(), "sync started")

	out.Reset()
	err = run(context.Background(), &out, func(k string) string {
		if k == "KNIT_API_KEY" {
			return "k"
		}
		return ""
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "KNIT_INTEGRATION_ID")
}
