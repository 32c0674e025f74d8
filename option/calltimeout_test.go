package option_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/option"
)

func TestWithCallTimeout(t *testing.T) {
	t.Parallel()
	_, err := knit.NewClient("sk_test_calltimeout", option.WithCallTimeout(-time.Second))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "option.WithCallTimeout")

	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	client, err := knit.NewClient("sk_test_calltimeout", option.WithBaseURL(srv.URL), option.WithCallTimeout(time.Hour))
	require.NoError(t, err)
	start := time.Now()
	_, err = client.Integrations.List(context.Background(), "org_1", option.WithCallTimeout(100*time.Millisecond))
	require.ErrorIs(t, err, context.DeadlineExceeded, "the per-call value overrides the client's")
	assert.Less(t, time.Since(start), 5*time.Second)
}
