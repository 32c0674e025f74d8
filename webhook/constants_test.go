package webhook

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/internal/transport"
)

// TestPublicConstantsMatchTransport: the header constants spell their values
// out (so go doc shows them), and the transport keeps its own copies; the
// two must never drift apart.
func TestPublicConstantsMatchTransport(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, public, internal string }{
		{"HeaderSignature", HeaderSignature, transport.HeaderSignature},
		{"HeaderIntegrationID", HeaderIntegrationID, transport.HeaderIntegrationID},
		{"HeaderExecutionID", HeaderExecutionID, transport.HeaderExecutionID},
		{"HeaderContentType", HeaderContentType, transport.HeaderContentType},
		{"ContentTypeJSON", ContentTypeJSON, transport.ContentTypeJSON},
	} {
		require.Equalf(t, c.internal, c.public, "webhook.%s differs from transport.%s", c.name, c.name)
	}
}
