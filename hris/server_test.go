package hris_test

import (
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

var update = flag.Bool("update", false, "rewrite golden request bodies under testdata/golden")

const testIntegration = "int_test"

// hit is one request the fake Knit server received.
type hit struct {
	Method      string
	Path        string
	RawQuery    string
	Integration string
	ContentType string
	Body        []byte
}

// fakeKnit answers every request with status and body and records it.
type fakeKnit struct {
	mu   sync.Mutex
	hits []hit
}

func (f *fakeKnit) all() []hit {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]hit(nil), f.hits...)
}

func newFake(t *testing.T, status int, body string) (*hris.Client, *fakeKnit) {
	t.Helper()
	f := &fakeKnit{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.hits = append(f.hits, hit{
			Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery,
			Integration: r.Header.Get(transport.HeaderIntegrationID),
			ContentType: r.Header.Get(transport.HeaderContentType), Body: b,
		})
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set(transport.HeaderExecutionID, "exec_1")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	client, err := knit.NewClient("test-key", option.WithBaseURL(srv.URL), option.WithMaxRetries(0))
	require.NoError(t, err)
	return client.Integration(testIntegration).HRIS, f
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// golden compares body with testdata/golden/<name>.json (rewritten with
// -update).
func golden(t *testing.T, name string, body []byte) string {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".json")
	if *update {
		var pretty any
		require.NoError(t, json.Unmarshal(body, &pretty))
		out, err := json.MarshalIndent(pretty, "", "  ")
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(path, append(out, '\n'), 0o600))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test -update")
	return strings.TrimSpace(string(want))
}

func ok(data string) string { return `{"success":true,"data":` + data + `}` }

// dec is the basemodel.Decimal of s.
func dec(t *testing.T, s string) basemodel.Decimal {
	t.Helper()
	d, err := basemodel.NewDecimal(s)
	require.NoError(t, err)
	return d
}
