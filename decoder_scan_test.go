package knit_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// v1Decoders are the encoding/json functions that decode with its own
// (v1) engine.
var v1Decoders = map[string]bool{"Unmarshal": true, "NewDecoder": true}

// v1DecodeAllowed lists the deliberate uses of encoding/json's decoder in
// the core module's library code, by "file:function", with the reason.
// Every byte that comes from Knit is decoded by internal/knitjson.
var v1DecodeAllowed = map[string]string{
	// Request building: it decodes encoding/json's own output for the
	// SDK's request struct to merge Extra into it, then encodes the result
	// with encoding/json again. No byte from Knit passes through it, and
	// the request side stays on one engine (encoding/json) end to end.
	"internal/transport/extra.go:MarshalWithExtra": "request body round trip",
}

// v1DecodeUse is one reference to a v1 decoder: where, and in which
// top-level function.
type v1DecodeUse struct {
	pos  token.Position
	fn   string
	name string
}

// v1DecodeUses returns the references of file f to encoding/json's
// Unmarshal and NewDecoder, whatever name the import has.
func v1DecodeUses(fset *token.FileSet, f *ast.File) []v1DecodeUse {
	names := map[string]bool{}
	for _, imp := range f.Imports {
		if path, _ := strconv.Unquote(imp.Path.Value); path == "encoding/json" {
			name := "json"
			if imp.Name != nil {
				name = imp.Name.Name
			}
			names[name] = true
		}
	}
	if len(names) == 0 {
		return nil
	}
	var uses []v1DecodeUse
	for _, decl := range f.Decls {
		fn := "(package level)"
		if fd, ok := decl.(*ast.FuncDecl); ok {
			fn = fd.Name.Name
			if fd.Recv != nil && len(fd.Recv.List) == 1 {
				fn = types.ExprString(fd.Recv.List[0].Type) + "." + fn
			}
		}
		ast.Inspect(decl, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok && names[id.Name] && v1Decoders[sel.Sel.Name] {
				uses = append(uses, v1DecodeUse{pos: fset.Position(sel.Pos()), fn: fn, name: id.Name + "." + sel.Sel.Name})
			}
			return true
		})
	}
	return uses
}

// TestV1DecodeUsesScanner shows that the scanner finds calls, method
// values and renamed imports, and ignores knitjson and encoding.
func TestV1DecodeUsesScanner(t *testing.T) {
	t.Parallel()
	const src = `package p

import (
	stdjson "encoding/json"
	"github.com/knit-sdk/knit-go/internal/knitjson"
)

var decode = stdjson.Unmarshal

func (x *T) UnmarshalJSON(b []byte) error {
	_ = knitjson.Unmarshal(b, x)
	_, _ = stdjson.Marshal(x)
	_ = stdjson.NewDecoder(nil)
	return stdjson.Unmarshal(b, x)
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.SkipObjectResolution)
	require.NoError(t, err)
	var got []string
	for _, u := range v1DecodeUses(fset, f) {
		got = append(got, u.fn+" "+u.name+" "+strconv.Itoa(u.pos.Line))
	}
	assert.Equal(t, []string{
		"(package level) stdjson.Unmarshal 8",
		"*T.UnmarshalJSON stdjson.NewDecoder 13",
		"*T.UnmarshalJSON stdjson.Unmarshal 14",
	}, got)
}

// TestKnitBytesDecodeWithOneEngine fails when a library file of the core
// module (not a test, not knittest's fake server, not a command or
// example) refers to encoding/json's Unmarshal or NewDecoder outside
// v1DecodeAllowed: the models' UnmarshalJSON methods and decode helpers
// decode with internal/knitjson, so that nested values follow the same
// rules, and the same engine, as the value around them.
func TestKnitBytesDecodeWithOneEngine(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	var offenders []string
	used := map[string]bool{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path == "." {
				return nil
			}
			name := d.Name()
			if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "knittest" {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir // a nested module
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		if f.Name.Name == "main" {
			return nil // commands, generators and examples are programs, not the library
		}
		for _, u := range v1DecodeUses(fset, f) {
			key := filepath.ToSlash(path) + ":" + u.fn
			if _, ok := v1DecodeAllowed[key]; ok {
				used[key] = true
				continue
			}
			offenders = append(offenders, u.pos.String()+": "+u.name+" in "+u.fn)
		}
		return nil
	})
	require.NoError(t, err)
	sort.Strings(offenders)
	assert.Empty(t, offenders, "decode Knit's bytes with knitjson.Unmarshal (internal/knitjson), not encoding/json; "+
		"a deliberate exception goes in v1DecodeAllowed with its reason")
	for key := range v1DecodeAllowed {
		assert.True(t, used[key], "v1DecodeAllowed lists %s, which no longer uses encoding/json's decoder: remove it", key)
	}
}
