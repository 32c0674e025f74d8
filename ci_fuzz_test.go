package knit_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCIFuzzFuzzes: with Go's default -fuzzminimizetime (60s) a short
// fuzzing run spends most of its time minimizing instead of fuzzing, so
// .ci/fuzz must pass a small one (0 by default), and say where found
// inputs are kept as seed corpus.
func TestCIFuzzFuzzes(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(".ci/fuzz")
	require.NoError(t, err)
	script := string(b)
	assert.Regexp(t, `go test [^\n]*-fuzz [^\n]*\\\n\s*-fuzzminimizetime "\$FUZZMINIMIZETIME"`, script)
	assert.Regexp(t, `FUZZMINIMIZETIME="\$\{FUZZMINIMIZETIME:-0\}"`, script)
	assert.Contains(t, script, "testdata/fuzz/$target", "found inputs are kept under testdata")
}
