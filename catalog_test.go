package knit_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/knittest"
)

// The operation catalog is the set of //knit:operation lines in the doc
// comments of the SDK's methods, one per Go method that calls Knit:
//
//	//knit:operation GET hr.employees.leave.balance documented
//
// verb, Knit method name, and provenance: "documented" (a Knit docs page
// names it) or "observed" (seen in public third-party code calling Knit).
// TestOperationCatalog keeps the catalog, the method-name constants, the
// package guides, the request-shape tests and the playground in step.

// catalogDirs are the packages whose methods call Knit.
var catalogDirs = []string{".", "hris", "ats", "accounting"}

var directiveRE = regexp.MustCompile(`^//knit:operation (GET|POST) ([a-zA-Z][a-zA-Z.]*[a-zA-Z]) (documented|observed)$`)

type operation struct {
	dir, goName, verb, name, provenance, doc string
}

// parseCatalog reads the directives and the method-name constants (package
// level consts named method...) of dir, without building anything.
func parseCatalog(t *testing.T, dir string) (ops []operation, consts map[string]string) {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	require.NoError(t, err)
	consts = map[string]string{}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		require.NoError(t, err)
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.GenDecl:
				if d.Tok != token.CONST {
					continue
				}
				for _, spec := range d.Specs {
					vs := spec.(*ast.ValueSpec)
					for i, n := range vs.Names {
						if !strings.HasPrefix(n.Name, "method") || i >= len(vs.Values) {
							continue
						}
						if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							v, err := strconv.Unquote(lit.Value)
							require.NoError(t, err)
							consts[n.Name] = v
						}
					}
				}
			case *ast.FuncDecl:
				if d.Doc == nil {
					continue
				}
				for _, c := range d.Doc.List {
					if !strings.HasPrefix(c.Text, "//knit:operation") {
						continue
					}
					m := directiveRE.FindStringSubmatch(c.Text)
					require.NotNil(t, m, "%s: malformed directive %q (want //knit:operation GET|POST name documented|observed)", fset.Position(c.Pos()), c.Text)
					ops = append(ops, operation{
						dir: dir, goName: funcName(d), verb: m[1], name: m[2], provenance: m[3], doc: d.Doc.Text(),
					})
				}
			}
		}
	}
	return ops, consts
}

func funcName(d *ast.FuncDecl) string {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return d.Name.Name
	}
	typ := d.Recv.List[0].Type
	if s, ok := typ.(*ast.StarExpr); ok {
		typ = s.X
	}
	if id, ok := typ.(*ast.Ident); ok {
		return id.Name + "." + d.Name.Name
	}
	return d.Name.Name
}

// provenanceLine is the one line a method's documentation carries.
func provenanceLine(op operation) string {
	if op.provenance == "documented" {
		return "Knit method " + op.verb + " " + op.name + ", documented by Knit: https://"
	}
	return "Knit method " + op.verb + " " + op.name + ", seen in third-party code; not in Knit's docs."
}

func TestOperationCatalog(t *testing.T) {
	t.Parallel()
	srv := knittest.NewServer(knittest.WithT(t))
	total := 0
	for _, dir := range catalogDirs {
		ops, consts := parseCatalog(t, dir)
		require.NotEmpty(t, ops, "%s: no //knit:operation lines", dir)
		guide, err := os.ReadFile(filepath.Join(dir, "doc.go"))
		require.NoError(t, err)

		var tests strings.Builder
		testFiles, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
		require.NoError(t, err)
		for _, f := range testFiles {
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			tests.Write(b)
		}

		named := map[string]bool{}
		for _, op := range ops {
			total++
			named[op.name] = true
			where := dir + ": " + op.goName + " (" + op.name + ")"

			// (a) a method-name constant of the package spells the name.
			found := false
			for _, v := range consts {
				found = found || v == op.name
			}
			assert.True(t, found, "%s: no method constant of the package equals %q", where, op.name)

			// The one uniform provenance line.
			if !strings.Contains(strings.Join(strings.Fields(op.doc), " "), provenanceLine(op)) {
				t.Errorf("%s: doc comment lacks the line %q", where, provenanceLine(op))
			}

			// (c) the package guide names the method.
			if !strings.Contains(string(guide), op.name) {
				t.Errorf("%s: %s/doc.go does not name it", where, dir)
			}

			// (d) a test of the package spells the name as a literal (a
			// second spelling; comparing the constant with itself proves
			// nothing).
			if !strings.Contains(tests.String(), `"`+op.name+`"`) && !strings.Contains(tests.String(), `"/`+op.name+`"`) {
				t.Errorf("%s: no test in %s spells %q literally", where, dir, op.name)
			}

			// (b) the playground serves it with that verb: any other verb is
			// answered 405 with Allow set to the route's verb, before any
			// handler runs.
			req, err := http.NewRequestWithContext(t.Context(), http.MethodPut, srv.URL()+"/"+op.name, nil)
			require.NoError(t, err)
			req.Header.Set("Authorization", "Bearer "+srv.APIKey())
			resp, err := http.DefaultTransport.RoundTrip(req)
			require.NoError(t, err)
			_ = resp.Body.Close()
			if assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode, "%s: knittest does not serve it", where) {
				assert.Equal(t, op.verb, resp.Header.Get("Allow"), "%s: knittest serves it with another verb", where)
			}
		}
		// Every method constant is called by a cataloged method.
		var orphans []string
		for c, v := range consts {
			if !named[v] {
				orphans = append(orphans, c+"="+v)
			}
		}
		sort.Strings(orphans)
		assert.Empty(t, orphans, "%s: method constants with no //knit:operation line", dir)
	}
	t.Logf("%d cataloged operations", total)
}
