package ats

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

const testIntegrationID = "int_test"

// seen is one request as the fake Knit server received it.
type seen struct {
	Method string
	Path   string
	Query  url.Values
	Header http.Header
	Body   []byte
}

// fakeKnit records every request and answers with respond.
type fakeKnit struct {
	mu   sync.Mutex
	reqs []seen
}

func (f *fakeKnit) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.reqs)
}

// req returns the i-th request (0-based).
func (f *fakeKnit) req(t *testing.T, i int) seen {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	require.Less(t, i, len(f.reqs), "request %d was not received", i+1)
	return f.reqs[i]
}

func (f *fakeKnit) last(t *testing.T) seen {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	require.NotEmpty(t, f.reqs, "no request reached the server")
	return f.reqs[len(f.reqs)-1]
}

// newFake starts a server whose handler gets the 1-based request number.
func newFake(t *testing.T, respond func(w http.ResponseWriter, r *http.Request, n int)) (*Client, *fakeKnit) {
	t.Helper()
	f := &fakeKnit{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.reqs = append(f.reqs, seen{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: body})
		n := len(f.reqs)
		f.mu.Unlock()
		respond(w, r, n)
	}))
	t.Cleanup(srv.Close)
	cfg, err := transport.NewConfig("test-key", []option.RequestOption{option.WithBaseURL(srv.URL), option.WithMaxRetries(0)}...)
	require.NoError(t, err)
	return newClient(transport.New(cfg).Integration(testIntegrationID)), f
}

// serveJSON answers every request with status and body.
func serveJSON(t *testing.T, status int, body []byte) (*Client, *fakeKnit) {
	t.Helper()
	return newFake(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(body)
	})
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// assertCall checks the Knit method (URL path), verb and integration header.
func assertCall(t *testing.T, r seen, verb, method string) {
	t.Helper()
	require.Equal(t, verb, r.Method)
	require.Equal(t, "/"+method, r.Path)
	require.Equal(t, testIntegrationID, r.Header.Get(transport.HeaderIntegrationID))
	require.Equal(t, "Bearer test-key", r.Header.Get(transport.HeaderAuthorization))
}

// newClient is the category client on s, as knit.Client.Integration builds it.
func newClient(s transport.Scope) *Client {
	c := new(Client)
	c.bind(s)
	return c
}
