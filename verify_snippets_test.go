package knit_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSignatureSnippetsMatchExamples: the Node.js and Python signature
// checks shown in README.md and knittest/CONTROL.md are the code of
// examples/verify-signature, which .ci/e2e-cli runs against the SDK's
// signature.
func TestSignatureSnippetsMatchExamples(t *testing.T) {
	t.Parallel()
	for file, marks := range map[string][2]string{
		"examples/verify-signature/verify.mjs": {"// --- verify (shown in README.md and knittest/CONTROL.md)\n", "// --- end verify"},
		"examples/verify-signature/verify.py":  {"# --- verify (shown in README.md and knittest/CONTROL.md)\n", "# --- end verify"},
	} {
		b, err := os.ReadFile(file)
		require.NoError(t, err)
		_, rest, ok := strings.Cut(string(b), marks[0])
		require.True(t, ok, file)
		snippet, _, ok := strings.Cut(rest, marks[1])
		require.True(t, ok, file)
		snippet = strings.Trim(snippet, "\n")
		for _, doc := range []string{"README.md", "knittest/CONTROL.md"} {
			d, err := os.ReadFile(doc)
			require.NoError(t, err)
			assert.Contains(t, string(d), snippet, "%s shows %s as it is", doc, file)
		}
	}
}
