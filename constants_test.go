package knit

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/internal/transport"
)

// TestPublicConstantsMatchTransport: the public constants spell their values
// out (so go doc shows them), and the transport keeps its own copies; the
// two must never drift apart.
func TestPublicConstantsMatchTransport(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name             string
		public, internal any
	}{
		{"ProductionBaseURL", ProductionBaseURL, transport.ProductionBaseURL},
		{"SandboxBaseURL", SandboxBaseURL, transport.SandboxBaseURL},
		{"EUBaseURL", EUBaseURL, transport.EUBaseURL},
		{"DefaultCallTimeout", DefaultCallTimeout, transport.DefaultCallTimeout},
		{"MaxEmptyPages", MaxEmptyPages, transport.MaxEmptyPages},
		{"Version", Version, transport.Version},
	} {
		require.Equalf(t, c.internal, c.public, "knit.%s differs from transport.%s", c.name, c.name)
	}
}
