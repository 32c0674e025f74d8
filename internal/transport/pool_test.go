package transport

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDefaultClientReusesConnections runs 64 goroutines on a client built
// without option.WithHTTPClient and counts the connections the server sees:
// after a warm-up round, 1,280 calls must open no more than a handful (with
// cleanhttp's default of GOMAXPROCS+1 idle connections per host they
// opened hundreds).
func TestDefaultClientReusesConnections(t *testing.T) {
	// Not parallel: its 64 goroutines would slow the timing tests.
	const goroutines, perGoroutine = 64, 20
	var newConns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		time.Sleep(time.Millisecond) // keep the callers overlapping
		writeJSON(w, 200, `{"success":true,"data":{"n":1}}`)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			newConns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	cfg, err := NewConfig(testKey, NewOption(func(c *Config) error { c.BaseURL = srv.URL + "/v1.0"; return nil }))
	require.NoError(t, err)
	t.Cleanup(cfg.HTTPClient.CloseIdleConnections)
	c := New(cfg)

	run := func(calls int) {
		var wg sync.WaitGroup
		for g := range goroutines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				in := c.Integration("int_" + string(rune('a'+g%26)))
				for range calls {
					var out struct{ N int }
					if err := in.Get(context.Background(), "x.y", nil, &out, nil); err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
	}
	run(1) // warm-up: up to one connection per goroutine
	warm := newConns.Load()
	run(perGoroutine)
	opened := newConns.Load() - warm
	t.Logf("connections: %d in the warm-up, %d more over %d calls", warm, opened, goroutines*perGoroutine)
	// On a quiet machine this is 0-2; a loaded one (net/http puts a
	// connection back in the pool asynchronously) opens a few more. The
	// regression this guards against opened several hundred.
	assert.LessOrEqual(t, opened, int64(goroutines), "new connections after warm-up")
}
