package main

import (
	"go/importer"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The files under api/ record the exported API of every released module;
// this test fails when the API changed and the files were not regenerated.
func TestAPIFilesAreCurrent(t *testing.T) {
	root := filepath.Join("..", "..")
	files, err := Generate(root)
	require.NoError(t, err)
	if !gowork(root) {
		t.Logf("no go.work in effect: checking api/%s only", modules[rootModule])
	}
	if stale := Compare(root, files); stale != "" {
		t.Fatal("\n" + stale)
	}
}

// Compare names every added and removed line, the regenerate command and
// the CHANGELOG.
func TestCompareSaysWhatChanged(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(root, "api"), 0o755))
	old := "# header\npkg p, func A()\npkg p, func B()\n"
	require.NoError(t, os.WriteFile(filepath.Join(root, "api", "p.txt"), []byte(old), 0o644))

	assert.Empty(t, Compare(root, map[string][]byte{"p.txt": []byte("# other header\npkg p, func B()\npkg p, func A()\n")}),
		"order and comments are not API")
	got := Compare(root, map[string][]byte{"p.txt": []byte("pkg p, func A(int)\npkg p, func B()\n"), "q.txt": []byte("pkg q, var V int\n")})
	assert.Contains(t, got, "api/p.txt: - pkg p, func A()\n")
	assert.Contains(t, got, "api/p.txt: + pkg p, func A(int)\n")
	assert.Contains(t, got, "api/q.txt: + pkg q, var V int\n", "a missing file is all additions")
	assert.Contains(t, got, "run `go run ./internal/apigen -w`")
	assert.Contains(t, got, "name the change in CHANGELOG.md")

	require.Error(t, run(root, false, &strings.Builder{}), "apigen without -w exits non-zero when stale")
}

// packageAPI writes every kind of declaration; checked on a package of the
// standard library whose API does not move.
func TestPackageAPIShapes(t *testing.T) {
	t.Parallel()
	pkg, err := importer.ForCompiler(token.NewFileSet(), "source", nil).Import("container/list")
	require.NoError(t, err)
	got := strings.Join(packageAPI(pkg), "\n")
	for _, want := range []string{
		"pkg container/list, func New() *List",
		"pkg container/list, type Element struct",
		"pkg container/list, type Element struct, Value any",
		"pkg container/list, method (*List) InsertBefore(any, *Element) *Element",
		"pkg container/list, method (*Element) Next() *Element",
	} {
		assert.Contains(t, got, want)
	}
	assert.NotContains(t, got, "next", "unexported fields are not API")

	pkg, err = importer.ForCompiler(token.NewFileSet(), "source", nil).Import("io")
	require.NoError(t, err)
	got = strings.Join(packageAPI(pkg), "\n")
	for _, want := range []string{
		"pkg io, type Reader interface { Read }",
		"pkg io, type Reader interface, Read([]byte) (int, error)",
		"pkg io, type ReadCloser interface, embedded Reader",
		"pkg io, var EOF error",
		"pkg io, const SeekStart untyped int",
		"pkg io, func MultiReader(...Reader) Reader",
	} {
		assert.Contains(t, got, want)
	}
}
