package knitredis_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestReadmeSnippet builds the repository README's Redis handler (the
// block fenced "go module=redis"), so that it cannot drift from the API.
func TestReadmeSnippet(t *testing.T) {
	if os.Getenv("KNIT_CHECK_README") != "1" {
		t.Skip("builds a program with the go command; set KNIT_CHECK_README=1 to run it (.ci/run does)")
	}
	t.Parallel()
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	require.NoError(t, err)
	blocks := regexp.MustCompile("(?s)```go module=redis\n(.*?)```").FindAllSubmatch(readme, -1)
	require.Len(t, blocks, 1, "README.md has one Redis handler snippet")
	// Inside the module so its dependencies resolve; "_" keeps it out of ./... .
	dir, err := os.MkdirTemp(".", "_readme_check_")
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), blocks[0][1], 0o600))
	goBin, err := exec.LookPath("go")
	require.NoError(t, err)
	out, err := exec.CommandContext(t.Context(), goBin, "vet", "./"+filepath.Base(dir)).CombinedOutput()
	require.NoError(t, err, "the README snippet does not build:\n%s", out)
}
