package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/webhook"
)

// mirrorDB returns the test database URL, skipping without one (and
// failing under CI=true, where .ci/run starts PostgreSQL).
func mirrorDB(t *testing.T) string {
	t.Helper()
	u := os.Getenv("KNIT_TEST_POSTGRES_URL")
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("KNIT_TEST_POSTGRES_URL is not set: CI must run the knit mirror tests (eval \"$(bash .ci/services start)\")")
		}
		t.Skip("set KNIT_TEST_POSTGRES_URL=postgres://user@127.0.0.1:5432/db?sslmode=disable to run the knit mirror tests (bash .ci/services start prints it)")
	}
	return u
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, url, nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

func TestMirrorCommand(t *testing.T) {
	t.Parallel()
	dbURL := mirrorDB(t)
	ctx := context.Background()
	env := map[string]string{envMirrorPostgres: dbURL, envAPIKey: knittest.DefaultAPIKey}

	r := cli(t, env, "", "mirror", "migrate")
	require.Equal(t, 0, r.code, r.stderr.String())
	assert.Equal(t, "schema at version 2\n", r.stdout.String())

	info, srvOut := background(t, env, "mirror", "serve", "--port", "0")
	base := info["url"].(string)
	code, body := get(t, base+mirrorHealthPath)
	assert.Equal(t, http.StatusOK, code)
	assert.Equal(t, "ok\n", body)
	code, body = get(t, base+mirrorReadyPath)
	assert.Equal(t, http.StatusOK, code, body)

	// Five employees of the playground and their initial sync's allConsumed,
	// for an account no other test uses.
	integ := "cli_" + strings.ToLower(webhook.NewClaimToken())[:12]
	pg := knittest.NewServer()
	t.Cleanup(pg.Close)
	events, err := pg.BuildEvents(knittest.EventParams{EventType: "record.new", DataType: "employee", Count: 5, EventIDPrefix: integ + "_ev_"})
	require.NoError(t, err)
	consumed, err := json.Marshal(map[string]any{"eventId": integ + "_done", "eventType": "sync.events.allConsumed", "syncType": "initial_sync",
		"syncDataType": "employee", "syncJobId": "sj_1", "syncRunId": "sr_1", "eventData": map[string]any{"status": "completed", "emitted": 5, "consumed": 5}})
	require.NoError(t, err)
	for _, ev := range append(events, consumed) {
		req, err := webhook.NewSignedRequest(ctx, info["webhook"].(string), ev, knittest.DefaultAPIKey)
		require.NoError(t, err)
		req.Header.Set("X-Knit-Integration-Id", integ)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		_ = resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
	}
	pool, err := pgxpool.New(ctx, dbURL)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	var n int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM knit_mirror_employees WHERE integration_id = $1 AND first_name <> ''`, integ).Scan(&n))
	assert.Equal(t, 5, n)
	assert.Contains(t, srvOut.stderr.String(), `"msg":"knit mirror serving"`, "structured logs on stderr")
	for _, line := range strings.Split(strings.TrimSpace(srvOut.stderr.String()), "\n") {
		assert.True(t, json.Valid([]byte(line)), "log line %q is not JSON", line)
	}

	r = cli(t, env, "", "mirror", "status", "--integration-id", integ)
	require.Equal(t, 0, r.code, r.stderr.String())
	assert.Contains(t, r.stdout.String(), integ+" employee: initial sync complete")
	assert.Contains(t, r.stdout.String(), "sr_1 employee initial_sync: 5 events, all consumed")

	r = cli(t, env, "", "--json", "mirror", "deactivate", "--integration-id", integ, "--purge")
	require.Equal(t, 0, r.code, r.stderr.String())
	out := r.stdout.lines(t)
	require.Len(t, out, 1)
	assert.InDelta(t, 6, out[0]["rowsDeleted"], 0, "five employees and one sync run")
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM knit_mirror_employees WHERE integration_id = $1`, integ).Scan(&n))
	assert.Zero(t, n)
}

func TestMirrorCommandUsage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"mirror", "migrate"}, nil, "no database: pass --postgres URL or set KNIT_MIRROR_POSTGRES_URL"},
		{[]string{"mirror", "migrate", "--postgres", "postgres://u:secret@host:notaport/db"}, nil, "--postgres: not a PostgreSQL URL"},
		{[]string{"mirror", "serve", "--postgres", "postgres://h/db"}, nil, "no API key: set KNIT_API_KEY"},
		{[]string{"mirror", "serve", "--data-type", "oops"}, map[string]string{envAPIKey: "k"}, `--data-type "oops": want DATATYPE=TABLE`},
		{[]string{"mirror", "serve", "--log-level", "loud"}, map[string]string{envAPIKey: "k"}, `--log-level "loud"`},
		{[]string{"mirror", "status", "--postgres", "postgres://h/db"}, nil, "--integration-id is required"},
		{[]string{"mirror", "deactivate", "--postgres", "postgres://h/db"}, nil, "--integration-id is required"},
	} {
		r := cli(t, tc.env, "", tc.args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", tc.args, r.stderr.String())
		assert.Contains(t, r.stderr.String(), tc.want, "%v", tc.args)
		assert.NotContains(t, r.stderr.String(), "secret", "the URL's password is never printed")
	}
}
