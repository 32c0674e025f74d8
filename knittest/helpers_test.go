package knittest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/knittest"
)

// envelope is Knit's response envelope, decoded independently of the SDK.
type envelope struct {
	Success *bool           `json:"success"`
	Data    json.RawMessage `json:"data"`
	Msg     json.RawMessage `json:"msg"`
	Error   *struct {
		Msg string `json:"msg"`
	} `json:"error"`
}

type result struct {
	status int
	header http.Header
	raw    []byte
	env    envelope
}

// do sends one Knit call with plain net/http. integ "" omits the header;
// key "" omits Authorization.
func do(t *testing.T, srv *knittest.Server, key, verb, method, integ string, query url.Values, body any) result {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(b)
	}
	u := srv.URL() + "/" + method
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(context.Background(), verb, u, rd)
	require.NoError(t, err)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if integ != "" {
		req.Header.Set("X-Knit-Integration-Id", integ)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	r := result{status: resp.StatusCode, header: resp.Header, raw: raw}
	require.NoError(t, json.Unmarshal(raw, &r.env), "body: %s", raw)
	require.NotNil(t, r.env.Success, "every response carries success: %s", raw)
	require.NotEmpty(t, resp.Header.Get("X-Knit-Execution-Id"), "every response carries X-Knit-Execution-Id")
	return r
}

func get(t *testing.T, srv *knittest.Server, method, integ string, query url.Values) result {
	t.Helper()
	return do(t, srv, srv.APIKey(), http.MethodGet, method, integ, query, nil)
}

func post(t *testing.T, srv *knittest.Server, method, integ string, body any) result {
	t.Helper()
	return do(t, srv, srv.APIKey(), http.MethodPost, method, integ, nil, body)
}

// ok asserts a 200 success envelope and decodes data into out (if non-nil).
func ok(t *testing.T, r result, out any) {
	t.Helper()
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.raw)
	require.True(t, *r.env.Success, "body: %s", r.raw)
	if out != nil {
		require.NoError(t, json.Unmarshal(r.env.Data, out), "data: %s", r.env.Data)
	}
}

// fails asserts an error envelope with status and returns error.msg.
func fails(t *testing.T, r result, status int) string {
	t.Helper()
	require.Equal(t, status, r.status, "body: %s", r.raw)
	require.False(t, *r.env.Success, "body: %s", r.raw)
	require.NotNil(t, r.env.Error, "body: %s", r.raw)
	require.NotEmpty(t, r.env.Error.Msg)
	return r.env.Error.Msg
}

// connect creates a Production integration of category for org, so tests
// are not limited by the three-Test-accounts rule.
func connect(t *testing.T, srv *knittest.Server, org string, category knit.Category) string {
	t.Helper()
	id, err := srv.Connect(knittest.ConnectParams{OriginOrgID: org, Category: category, Production: true})
	require.NoError(t, err)
	return id
}

func newServer(t *testing.T, opts ...knittest.Option) *knittest.Server {
	t.Helper()
	return knittest.NewServer(append([]knittest.Option{knittest.WithT(t)}, opts...)...)
}

// jsonRaw decodes a JSON literal into a value do can send.
func jsonRaw(t *testing.T, s string) any {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal([]byte(s), &v))
	return v
}

// readFixture returns a file under testdata/, copied from Knit's docs
// (testdata/README.md names the page of each).
func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return string(b)
}
