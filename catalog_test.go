package knit_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
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
// The Knit method name is written once more, as a string literal in the
// method's body (go-github's shape: the directive, then the literal a few
// lines below). TestOperationCatalog keeps the catalog, those literals, the
// package guides (whose tables internal/gencatalog generates from the
// directives), the request-shape tests and the playground in step.

// catalogDirs are the packages whose methods call Knit.
var catalogDirs = []string{".", "hris", "ats", "accounting"}

var directiveRE = regexp.MustCompile(`^//knit:operation (GET|POST) ([a-zA-Z][a-zA-Z.]*[a-zA-Z]) (documented|observed)$`)

type operation struct {
	dir, goName, verb, name, provenance, doc string
	literals                                 map[string]bool // string literals of the body
	calls                                    []string        // methods of the same receiver it calls
}

// parseCatalog reads the directives of dir and the string literals of the
// methods that carry them, without building anything.
func parseCatalog(t *testing.T, dir string) (ops []operation, literals map[string]bool) {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	require.NoError(t, err)
	bodies := map[string]*ast.BlockStmt{}
	literals = map[string]bool{}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		require.NoError(t, err)
		for l := range stringLiterals(t, f) {
			literals[l] = true
		}
		for _, decl := range f.Decls {
			if d, ok := decl.(*ast.FuncDecl); ok {
				bodies[funcName(d)] = d.Body
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
						literals: stringLiterals(t, d.Body), calls: sameReceiverCalls(d),
					})
				}
			}
		}
	}
	// A method that pages through another (All through list, Confirm
	// through List) may leave the literal to that one: add the literals of
	// the methods of the same receiver it calls.
	for i := range ops {
		for _, callee := range ops[i].calls {
			if b := bodies[callee]; b != nil {
				for l := range stringLiterals(t, b) {
					ops[i].literals[l] = true
				}
			}
		}
	}
	return ops, literals
}

// sameReceiverCalls returns the methods of d's receiver that d calls
// through the receiver variable, as funcName spells them.
func sameReceiverCalls(d *ast.FuncDecl) []string {
	if d.Recv == nil || len(d.Recv.List) == 0 || len(d.Recv.List[0].Names) == 0 {
		return nil
	}
	recv := d.Recv.List[0].Names[0].Name
	typ := strings.SplitN(funcName(d), ".", 2)[0]
	var calls []string
	ast.Inspect(d.Body, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == recv {
				calls = append(calls, typ+"."+sel.Sel.Name)
			}
		}
		return true
	})
	return calls
}

// stringLiterals returns the string literals in body.
func stringLiterals(t *testing.T, body ast.Node) map[string]bool {
	t.Helper()
	lits := map[string]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			v, err := strconv.Unquote(lit.Value)
			require.NoError(t, err)
			lits[v] = true
		}
		return true
	})
	return lits
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

var knitMethodRE = regexp.MustCompile(`^[a-z]+(\.[a-zA-Z]+)*$`)

// served returns the verb the playground serves the Knit method name with
// ("" when it does not): it answers any other verb 405 with Allow set,
// before any handler runs.
func served(t *testing.T, srv *knittest.Server, name string) string {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPut, srv.URL()+"/"+name, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+srv.APIKey())
	resp, err := http.DefaultTransport.RoundTrip(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		return ""
	}
	return resp.Header.Get("Allow")
}

func TestOperationCatalog(t *testing.T) {
	t.Parallel()
	srv := knittest.NewServer(knittest.WithT(t))
	total := 0
	for _, dir := range catalogDirs {
		ops, literals := parseCatalog(t, dir)
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

			// (a) the method's body spells the name as a literal.
			assert.True(t, op.literals[op.name], "%s: the method's body has no string literal %q", where, op.name)

			// The one uniform provenance line.
			if !strings.Contains(strings.Join(strings.Fields(op.doc), " "), provenanceLine(op)) {
				t.Errorf("%s: doc comment lacks the line %q", where, provenanceLine(op))
			}

			// (c) the package guide names the method.
			if !strings.Contains(string(guide), op.name) {
				t.Errorf("%s: %s/doc.go does not name it", where, dir)
			}

			// (d) a test of the package spells the name as a literal (a
			// second spelling, checked against the first by the package's
			// request tests).
			if !strings.Contains(tests.String(), `"`+op.name+`"`) && !strings.Contains(tests.String(), `"/`+op.name+`"`) {
				t.Errorf("%s: no test in %s spells %q literally", where, dir, op.name)
			}

			// (b) the playground serves it with that verb: any other verb is
			// answered 405 with Allow set to the route's verb, before any
			// handler runs.
			if allow := served(t, srv, op.name); assert.NotEmpty(t, allow, "%s: knittest does not serve it", where) {
				assert.Equal(t, op.verb, allow, "%s: knittest serves it with another verb", where)
			}
		}
		// A string literal of the package that names a Knit method the
		// playground serves is cataloged: a method whose //knit:operation
		// line was forgotten fails here.
		for l := range literals {
			if !named[l] && knitMethodRE.MatchString(l) && served(t, srv, l) != "" {
				t.Errorf("%s: the literal %q names a Knit method, but no //knit:operation line does", dir, l)
			}
		}
	}
	t.Logf("%d cataloged operations", total)
}
