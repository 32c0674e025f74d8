package knit_test

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
)

const modulePath = "github.com/knit-sdk/knit-go"

// goMod is what the release checks need from a go.mod file.
type goMod struct {
	module   string
	goLine   string            // the go directive, "1.26"
	requires map[string]string // module path → version
	replaces []string          // replaced module paths
}

// readGoMod parses the directives of a go.mod file that the release checks
// use (module, go, require and replace, single-line or in blocks).
func readGoMod(t *testing.T, path string) goMod {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	m := goMod{requires: map[string]string{}}
	block := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if i := strings.Index(line, "//"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		if block != "" {
			if fields[0] == ")" {
				block = ""
				continue
			}
			fields = append([]string{block}, fields...)
		} else if len(fields) == 2 && fields[1] == "(" {
			block = fields[0]
			continue
		}
		switch fields[0] {
		case "module":
			require.Len(t, fields, 2, "%s: %q", path, line)
			m.module = fields[1]
		case "go":
			require.Len(t, fields, 2, "%s: %q", path, line)
			m.goLine = fields[1]
		case "require":
			require.GreaterOrEqual(t, len(fields), 3, "%s: %q", path, line)
			m.requires[fields[1]] = fields[2]
		case "replace":
			require.GreaterOrEqual(t, len(fields), 4, "%s: %q", path, line)
			m.replaces = append(m.replaces, fields[1])
		}
	}
	require.NoError(t, sc.Err())
	require.NotEmpty(t, m.module, "%s has no module line", path)
	return m
}

// nestedModules returns the directories of the repository's nested modules:
// every go.mod below the root, outside testdata and the directories the go
// command ignores (names starting with "." or "_").
func nestedModules(t *testing.T) []string {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." {
			if n := d.Name(); strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_") || n == "testdata" {
				return filepath.SkipDir
			}
		}
		if !d.IsDir() && d.Name() == "go.mod" && path != "go.mod" {
			dirs = append(dirs, filepath.ToSlash(filepath.Dir(path)))
		}
		return nil
	})
	require.NoError(t, err)
	return dirs
}

// TestNestedModulesRequireTheRelease: every nested module requires the
// repository's modules at the release in version.go (lockstep, rewritten by
// scripts/release.sh), never at the zero version a user's go get cannot
// resolve; the CLI module has no replace directive, which go install
// refuses; and every module says the core's go line.
func TestNestedModulesRequireTheRelease(t *testing.T) {
	t.Parallel()
	want := "v" + knit.Version
	root := readGoMod(t, "go.mod")
	require.Equal(t, modulePath, root.module)
	dirs := nestedModules(t)
	for _, dir := range []string{"redis", "postgres", "knitotel", "cmd/knit"} {
		require.Contains(t, dirs, dir, "nested module %s not found", dir)
	}
	for _, dir := range dirs {
		m := readGoMod(t, filepath.Join(dir, "go.mod"))
		assert.Equal(t, modulePath+"/"+dir, m.module, "%s/go.mod: module path does not match its directory", dir)
		repoDeps := 0
		for path, v := range m.requires {
			if path != modulePath && !strings.HasPrefix(path, modulePath+"/") {
				continue
			}
			repoDeps++
			assert.NotEqual(t, "v0.0.0-00010101000000-000000000000", v,
				"%s/go.mod requires %s at the zero version, which a user's go get cannot resolve", dir, path)
			assert.Equal(t, want, v, "%s/go.mod requires %s %s, not the release in version.go (run scripts/release.sh)", dir, path, v)
		}
		assert.Positive(t, repoDeps, "%s/go.mod requires none of the repository's modules", dir)
		if strings.HasPrefix(dir, "cmd/") {
			assert.Empty(t, m.replaces, "%s/go.mod has replace directives: go install refuses such a module (go.work builds it against the tree)", dir)
		}
		assert.Equal(t, root.goLine, m.goLine, "%s/go.mod: every module says the core's go line (README, Install)", dir)
	}
}
