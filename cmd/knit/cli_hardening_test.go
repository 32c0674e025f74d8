package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/webhook"
)

// TestListenSaveLongIDsFailuresAndStalls: knit listen --save could not
// write the file of a long eventId yet answered 200, losing the delivery for
// replay; names are now cut and hashed, and a failed save is answered 500.
// A sender stalling mid-body no longer holds its connection (--read-timeout).
func TestListenSaveLongIDsFailuresAndStalls(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "saved")
	info, _ := background(t, map[string]string{"KNIT_API_KEY": "right"}, "listen", "--port", "0", "--save", dir, "--read-timeout", "300ms", "--json")
	url := info["url"].(string) + "/hook"
	post := func(id string) int {
		body := []byte(`{"eventId":"` + id + `","eventType":"record.new"}`)
		req, err := webhook.NewSignedRequest(context.Background(), url, body, "right")
		require.NoError(t, err)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	long := strings.Repeat("a", 250)
	require.Equal(t, http.StatusOK, post(long+"1"))
	require.Equal(t, http.StatusOK, post(long+"2"))
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	require.NoError(t, err)
	assert.Len(t, files, 4, "two bodies and two header files, under distinct names")
	for _, f := range files {
		assert.Less(t, len(filepath.Base(f)), 120, f)
	}

	// The directory is gone (replaced by a file): saving fails, the answer is 500.
	require.NoError(t, os.RemoveAll(dir))
	require.NoError(t, os.WriteFile(dir, nil, 0o600))
	assert.Equal(t, http.StatusInternalServerError, post("e_unsaved"))

	// A body that stalls is cut off after --read-timeout.
	conn, err := net.Dial("tcp", strings.TrimPrefix(info["url"].(string), "http://"))
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.Write([]byte("POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"eventId\""))
	require.NoError(t, err)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
	_, err = io.ReadAll(conn)
	require.NoError(t, err, "the server closed the stalled connection well before 5s")
}

// TestSetPathKeepsNumbersExact: knit trigger --set re-encoded events through
// map[string]any, so 12345678901234567891 became 12345678901234567000.
func TestSetPathKeepsNumbersExact(t *testing.T) {
	t.Parallel()
	in := []byte(`{"eventId":"e1","eventData":{"n":12345678901234567891,"f":1.10,"big":1e400}}`)
	out, err := setPath(in, "eventData.m=98765432109876543210")
	require.NoError(t, err)
	for _, want := range []string{`"n":12345678901234567891`, `"f":1.10`, `"big":1e400`, `"m":98765432109876543210`} {
		assert.Contains(t, string(out), want)
	}
	out, err = setPath(in, "eventData.s=12 34")
	require.NoError(t, err)
	assert.Contains(t, string(out), `"s":"12 34"`, "not JSON: a string")
	_, err = setPath([]byte(`{"a":1} {"b":2}`), "a=2")
	require.Error(t, err, "trailing data is not one event")
}

// TestCLIErrorPrefixOnce: an SDK error printed as "knit: knit: ...".
func TestCLIErrorPrefixOnce(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"success":false,"error":{"msg":"Invalid API key"}}`))
	}))
	t.Cleanup(srv.Close)
	r := cli(t, map[string]string{"KNIT_BASE_URL": srv.URL + "/v1.0", "KNIT_API_KEY": "wrong-key-123"}, "", "integrations", "list", "--org-id", "acme")
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stderr.String(), "knit: ")
	assert.NotContains(t, r.stderr.String(), "knit: knit:")
}

// TestWebhookVerifyHintOnce: a malformed signature's hint ("want 43
// base64url characters") was printed twice.
func TestWebhookVerifyHintOnce(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "ev.json")
	require.NoError(t, os.WriteFile(file, []byte(`{"eventId":"e1"}`), 0o600))
	r := cli(t, map[string]string{"KNIT_API_KEY": "some-key-123"}, "", "webhook", "verify", file, "--signature", "abc")
	assert.Equal(t, exitFailure, r.code)
	out := r.stdout.String() + r.stderr.String()
	assert.Equal(t, 1, strings.Count(out, "want 43 base64url characters"), out)
}
