package option_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/option"
)

func TestWithOptionsAppliesInOrder(t *testing.T) {
	t.Parallel()
	_, err := knit.NewClient("k", option.WithOptions(option.WithMaxRetries(1), option.WithMaxRetries(-1)))
	require.ErrorContains(t, err, "option.WithMaxRetries: -1 is negative")
	_, err = knit.NewClient("k", option.WithOptions(option.RequestOption{}, option.WithMaxRetries(1)))
	require.NoError(t, err)
}

func TestObservationOptionsRefuseNil(t *testing.T) {
	t.Parallel()
	_, err := knit.NewClient("k", option.WithCallHook(nil))
	require.ErrorContains(t, err, "option.WithCallHook: hook is nil")
	_, err = knit.NewClient("k", option.WithMiddleware())
	require.ErrorContains(t, err, "no middleware given")
	_, err = knit.NewClient("k", option.WithMiddleware(nil))
	require.ErrorContains(t, err, "middleware is nil")
	_, err = knit.NewClient("k", option.WithMiddleware(func(http.RoundTripper) http.RoundTripper { return nil }))
	require.ErrorContains(t, err, "returned a nil http.RoundTripper")
}
