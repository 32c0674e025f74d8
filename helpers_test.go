package knit_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/option"
)

const testKey = "sk_test_ROOT_SECRET"

// captured is one request as the fake server saw it.
type captured struct {
	Method string // HTTP verb
	Path   string
	Query  string
	Header http.Header
	Body   []byte
}

// fake answers each request with the response registered for its path and
// records what it received.
type fake struct {
	t   *testing.T
	srv *httptest.Server

	mu     sync.Mutex
	routes map[string]func(w http.ResponseWriter, r *http.Request)
	reqs   []captured
}

func newFake(t *testing.T) *fake {
	t.Helper()
	f := &fake{t: t, routes: map[string]func(http.ResponseWriter, *http.Request){}}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.reqs = append(f.reqs, captured{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: body})
		h := f.routes[r.URL.Path]
		f.mu.Unlock()
		w.Header().Set("X-Knit-Execution-Id", "exec_test")
		if h == nil {
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, `{"success":false,"error":{"msg":"unknown method"}}`)
			return
		}
		h(w, r)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

// json registers a fixed JSON answer for a Knit method.
func (f *fake) json(method string, status int, body string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.routes["/v1.0/"+method] = func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

func (f *fake) requests() []captured {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]captured(nil), f.reqs...)
}

func (f *fake) last() captured {
	r := f.requests()
	require.NotEmpty(f.t, r, "no request reached the server")
	return r[len(r)-1]
}

func (f *fake) client(opts ...option.RequestOption) *knit.Client {
	base := []option.RequestOption{
		option.WithBaseURL(f.srv.URL + "/v1.0"),
		option.WithRetryWait(time.Millisecond, 5*time.Millisecond),
	}
	c, err := knit.NewClient(testKey, append(base, opts...)...)
	require.NoError(f.t, err)
	return c
}

var bg = context.Background()
