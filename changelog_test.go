package knit_test

import (
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
)

// TestChangelogMatchesVersion: the newest release in CHANGELOG.md is
// knit.Version, the one sent in the User-Agent header.
func TestChangelogMatchesVersion(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("CHANGELOG.md")
	require.NoError(t, err)
	m := regexp.MustCompile(`(?m)^## \[(\d+\.\d+\.\d+[^\]]*)\]`).FindSubmatch(b)
	require.NotNil(t, m, "CHANGELOG.md has no release heading")
	require.Equal(t, knit.Version, string(m[1]), "CHANGELOG.md's newest release and knit.Version differ")
}
