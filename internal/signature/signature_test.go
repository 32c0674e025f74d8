package signature

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The expected value was computed outside Go:
//
//	printf '%s' '{"eventId":"e_1"}' | openssl dgst -sha256 -hmac sk_test -binary | basenc --base64url | tr -d =
func TestSignVector(t *testing.T) {
	t.Parallel()
	got := Sign([]byte(`{"eventId":"e_1"}`), "sk_test")
	assert.Equal(t, "_zAiri0Cj0GzH924GnGuRrw82bw8SvzRC58BAlH5CF0", got)
	assert.Len(t, got, Size)
	assert.NotEqual(t, got, Sign([]byte(`{"eventId":"e_1"} `), "sk_test"))
	assert.NotEqual(t, got, Sign([]byte(`{"eventId":"e_1"}`), "sk_test2"))
}
