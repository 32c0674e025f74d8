// Command gencatalog writes the "Each method calls one Knit method" table
// of each package guide (doc.go of the root package, hris, ats and
// accounting) from the //knit:operation lines of the package's methods:
//
//	//knit:operation GET hr.employees.leave.balance documented
//	func (s *LeaveService) Balances(...)
//
// becomes the row
//
//	in.HRIS.Leave.Balances  GET  hr.employees.leave.balance
//
// A category method is named by its path from the integration handle (the
// field of the category's Client that holds its service); a root method by
// its receiver type. Methods of one service that call the same Knit method
// share a row (List, All). Run it from the repository root:
//
//	go generate .                      # or: go run ./internal/gencatalog -w
//	go run ./internal/gencatalog       # exit status 1 when a table is stale
//
// The table is the code block that follows the guide's line ending in
// "calls one Knit method:".
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// packages are the directories whose methods call Knit, with the prefix of
// their methods' path from an integration handle ("" for the root package,
// whose methods are named by receiver type).
var packages = []struct{ dir, prefix string }{
	{".", ""},
	{"hris", "in.HRIS."},
	{"ats", "in.ATS."},
	{"accounting", "in.Accounting."},
}

// Regenerate is the command that rewrites the tables.
const Regenerate = "go generate . (go run ./internal/gencatalog -w)"

const marker = "calls one Knit method:"

var directiveRE = regexp.MustCompile(`^//knit:operation (GET|POST) (\S+) (documented|observed)$`)

func main() {
	write := flag.Bool("w", false, "rewrite the package guides instead of comparing with them")
	flag.Parse()
	if err := run(".", *write, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gencatalog:", err)
		os.Exit(1)
	}
}

func run(root string, write bool, out io.Writer) error {
	guides, err := Generate(root)
	if err != nil {
		return err
	}
	var stale []string
	for _, path := range sortedKeys(guides) {
		cur, err := os.ReadFile(path) //nolint:gosec // a doc.go of this repository
		if err != nil {
			return err
		}
		if bytes.Equal(cur, guides[path]) {
			continue
		}
		if write {
			if err := os.WriteFile(path, guides[path], 0o600); err != nil {
				return err
			}
			continue
		}
		stale = append(stale, path)
	}
	if len(stale) > 0 {
		fmt.Fprintf(out, "%s: the table of Knit methods differs from the //knit:operation lines; run %s\n", strings.Join(stale, ", "), Regenerate)
		return errors.New("stale package guides")
	}
	return nil
}

// op is one //knit:operation line and the method that carries it.
type op struct {
	recv, method, verb, name string
	pos                      token.Position
}

// Generate returns the content every package guide should have, by path.
func Generate(root string) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, p := range packages {
		dir := filepath.Join(root, p.dir)
		ops, fields, err := parseDir(dir)
		if err != nil {
			return nil, err
		}
		rows, err := tableRows(p.prefix, ops, fields)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.dir, err)
		}
		path := filepath.Join(dir, "doc.go")
		doc, err := os.ReadFile(path) //nolint:gosec // a doc.go of this repository
		if err != nil {
			return nil, err
		}
		updated, err := replaceTable(doc, rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out[path] = updated
	}
	return out, nil
}

// parseDir reads the directives of dir's methods, in file and source
// order, and the fields of its Client struct (service type to field name).
func parseDir(dir string) ([]op, map[string]field, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(files)
	fset := token.NewFileSet()
	var ops []op
	fields := map[string]field{}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return nil, nil, err
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.GenDecl:
				clientFields(d, fields)
			case *ast.FuncDecl:
				if d.Doc == nil || d.Recv == nil || len(d.Recv.List) == 0 {
					continue
				}
				for _, c := range d.Doc.List {
					if !strings.HasPrefix(c.Text, "//knit:operation") {
						continue
					}
					m := directiveRE.FindStringSubmatch(c.Text)
					if m == nil {
						return nil, nil, fmt.Errorf("%s: malformed directive %q", fset.Position(c.Pos()), c.Text)
					}
					ops = append(ops, op{recv: recvType(d), method: d.Name.Name, verb: m[1], name: m[2], pos: fset.Position(d.Pos())})
				}
			}
		}
	}
	return ops, fields, nil
}

// field is a service field of a category's Client.
type field struct {
	name  string // Jobs
	index int    // its place among the Client's fields
}

// clientFields records the exported pointer fields of a struct type named
// Client, by the name of the type they point to (JobService: Jobs).
func clientFields(d *ast.GenDecl, fields map[string]field) {
	for _, spec := range d.Specs {
		ts, ok := spec.(*ast.TypeSpec)
		if !ok || ts.Name.Name != "Client" {
			continue
		}
		st, ok := ts.Type.(*ast.StructType)
		if !ok {
			continue
		}
		for _, f := range st.Fields.List {
			star, ok := f.Type.(*ast.StarExpr)
			if !ok {
				continue
			}
			if id, ok := star.X.(*ast.Ident); ok && len(f.Names) == 1 && f.Names[0].IsExported() {
				fields[id.Name] = field{name: f.Names[0].Name, index: len(fields)}
			}
		}
	}
}

func recvType(d *ast.FuncDecl) string {
	t := d.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// tableRows formats the rows of the table: one per service and Knit
// method, services in the order of the Client's fields (root: of the
// files), methods in source order.
func tableRows(prefix string, ops []op, fields map[string]field) ([]string, error) {
	type row struct {
		left, verb, name string
		order            int
	}
	var rows []*row
	byKey := map[string]*row{}
	for _, o := range ops {
		svc, order := o.recv, 0
		if prefix != "" {
			f, ok := fields[o.recv]
			if !ok {
				return nil, fmt.Errorf("%s: %s is not the type of a field of Client", o.pos, o.recv)
			}
			svc, order = prefix+f.name, f.index
		}
		key := svc + " " + o.verb + " " + o.name
		if r, ok := byKey[key]; ok {
			r.left += ", " + o.method
			continue
		}
		r := &row{left: svc + "." + o.method, verb: o.verb, name: o.name, order: order}
		byKey[key] = r
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].order < rows[j].order })
	width := 0
	for _, r := range rows {
		width = max(width, len(r.left))
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = fmt.Sprintf("//\t%-*s  %-4s %s", width, r.left, r.verb, r.name)
	}
	return out, nil
}

// replaceTable replaces the code block after the line ending in marker
// with rows.
func replaceTable(doc []byte, rows []string) ([]byte, error) {
	lines := strings.Split(string(doc), "\n")
	at := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "//") && strings.HasSuffix(l, marker) {
			if at >= 0 {
				return nil, fmt.Errorf("two lines end in %q", marker)
			}
			at = i
		}
	}
	if at < 0 || at+2 >= len(lines) || lines[at+1] != "//" {
		return nil, fmt.Errorf("no line ending in %q followed by an empty comment line and the table", marker)
	}
	start, end := at+2, at+2
	for end < len(lines) && strings.HasPrefix(lines[end], "//\t") {
		end++
	}
	out := append(append(append([]string{}, lines[:start]...), rows...), lines[end:]...)
	return []byte(strings.Join(out, "\n")), nil
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
