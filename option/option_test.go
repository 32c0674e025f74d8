package option_test

import (
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/apierror"
	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

func TestOptionsApply(t *testing.T) {
	t.Parallel()
	hc := &http.Client{}
	logger := slog.New(slog.DiscardHandler)
	var resp apierror.Response
	base, err := transport.NewConfig("key")
	require.NoError(t, err)
	cfg, err := base.With([]option.RequestOption{
		option.WithBaseURL("https://api.sandbox.getknit.dev/v1.0/"),
		option.WithHTTPClient(hc),
		option.WithMaxRetries(5),
		option.WithRetryWait(time.Second, time.Minute),
		option.WithRequestTimeout(3 * time.Second),
		option.WithMaxResponseBytes(1024),
		option.WithHeader("x-trace", "a"),
		option.WithHeader("X-Trace", "b"),
		option.WithLogger(logger),
		option.WithUserAgent(" acme/1.0 "),
		option.WithRetryWrites(),
		option.WithResponseInto(&resp),
	})
	require.NoError(t, err)
	assert.Equal(t, "https://api.sandbox.getknit.dev/v1.0", cfg.BaseURL)
	assert.Same(t, hc, cfg.HTTPClient)
	assert.Equal(t, 5, cfg.MaxRetries)
	assert.Equal(t, time.Second, cfg.RetryWaitMin)
	assert.Equal(t, time.Minute, cfg.RetryWaitMax)
	assert.Equal(t, 3*time.Second, cfg.RequestTimeout)
	assert.EqualValues(t, 1024, cfg.MaxResponseBytes)
	assert.Equal(t, []string{"a", "b"}, cfg.Headers.Values("X-Trace"))
	assert.Same(t, logger, cfg.Logger)
	assert.Equal(t, "acme/1.0", cfg.UserAgent)
	assert.True(t, cfg.RetryWrites)
	assert.Same(t, &resp, cfg.ResponseInto)
}

func TestOptionsReject(t *testing.T) {
	t.Parallel()
	cases := map[string]option.RequestOption{
		"option.WithBaseURL":          option.WithBaseURL("http://example.com"),
		"option.WithHTTPClient":       option.WithHTTPClient(nil),
		"option.WithMaxRetries":       option.WithMaxRetries(-1),
		"option.WithRetryWait":        option.WithRetryWait(time.Minute, time.Second),
		"option.WithRequestTimeout":   option.WithRequestTimeout(-time.Second),
		"option.WithMaxResponseBytes": option.WithMaxResponseBytes(0),
		"option.WithHeader":           option.WithHeader("X-Knit-Integration-Id", "x"),
		"option.WithUserAgent":        option.WithUserAgent("a\r\nb"),
		"option.WithResponseInto":     option.WithResponseInto(nil),
	}
	base, err := transport.NewConfig("key")
	require.NoError(t, err)
	for name, o := range cases {
		_, err := transport.NewConfig("key", []option.RequestOption{o}...)
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), name)
		_, err = base.With([]option.RequestOption{o})
		require.Error(t, err, name+" per call")
		assert.Contains(t, err.Error(), name)
	}
}

// WithResponseInto is per call: on a client, every call would write to the
// same destination concurrently, so NewConfig refuses it by name.
func TestResponseIntoRefusedOnClient(t *testing.T) {
	t.Parallel()
	var resp apierror.Response
	_, err := transport.NewConfig("key", []option.RequestOption{option.WithResponseInto(&resp)}...)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "option.WithResponseInto is a per-call option")
}

func TestPerCallCopy(t *testing.T) {
	t.Parallel()
	base, err := transport.NewConfig("key", []option.RequestOption{option.WithHeader("X-A", "1")}...)
	require.NoError(t, err)
	call, err := base.With([]option.RequestOption{option.WithHeader("X-A", "2"), option.WithMaxRetries(0)})
	require.NoError(t, err)
	assert.Equal(t, []string{"1", "2"}, call.Headers.Values("X-A"))
	assert.Equal(t, []string{"1"}, base.Headers.Values("X-A"), "the client's config is not changed by a call's options")
	assert.Equal(t, transport.DefaultMaxRetries, base.MaxRetries)
	assert.Zero(t, call.MaxRetries)
}
