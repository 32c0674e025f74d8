// Command apigen records the exported API of every released module of this
// repository in api/<module>.txt, one line per exported identifier, in the
// spirit of the Go project's own api/ files:
//
//	pkg github.com/knit-sdk/knit-go/hris, func NewClient(...)
//	pkg github.com/knit-sdk/knit-go/hris, type Employee struct
//	pkg github.com/knit-sdk/knit-go/hris, type Employee struct, Profile *Profile
//	pkg github.com/knit-sdk/knit-go/hris, method (*LeaveService) Balances(context.Context, string, ...option.RequestOption) (*LeaveBalanceList, error)
//
// Run it from the repository root:
//
//	go run ./internal/apigen        # exit status 1 and a diff when api/ is stale
//	go run ./internal/apigen -w     # rewrite api/
//
// It reads the compiler's export data (go list -export), so it needs only the
// standard library and adds no dependency to any module. Constants are
// recorded with their type, not their value (knit.Version changes with every
// release); struct tags are not recorded. Packages under internal/ and
// examples/, and commands (package main), have no API to keep.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/importer"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// rootModule is the core module; the released modules are it and the
// nested modules below, each recorded in api/<file>.
const rootModule = "github.com/knit-sdk/knit-go"

// modules maps each released module to its API file under api/. cmd/knit
// is a command and bench/dedupe is never released; neither has a file.
var modules = map[string]string{
	rootModule:               rootModule[strings.LastIndex(rootModule, "/")+1:] + ".txt",
	rootModule + "/redis":    "redis.txt",
	rootModule + "/postgres": "postgres.txt",
	rootModule + "/knitotel": "knitotel.txt",
}

// Regenerate is the one-line command that rewrites the API files.
const Regenerate = "go run ./internal/apigen -w"

func main() {
	write := flag.Bool("w", false, "rewrite the files under api/ instead of comparing with them")
	flag.Parse()
	if err := run(".", *write, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "apigen:", err)
		os.Exit(1)
	}
}

func run(root string, write bool, out io.Writer) error {
	files, err := Generate(root)
	if err != nil {
		return err
	}
	if write {
		if err := os.MkdirAll(filepath.Join(root, "api"), 0o750); err != nil {
			return err
		}
		for name, content := range files {
			if err := os.WriteFile(filepath.Join(root, "api", name), content, 0o600); err != nil {
				return err
			}
		}
		return nil
	}
	stale := Compare(root, files)
	if stale == "" {
		return nil
	}
	fmt.Fprint(out, stale)
	return errors.New("the exported API differs from api/")
}

// Compare returns what differs between files and the files under
// root/api, with what to do about it, or "" when they agree.
func Compare(root string, files map[string][]byte) string {
	var b strings.Builder
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		old, err := os.ReadFile(filepath.Join(root, "api", name)) //nolint:gosec // a file of this repository's api/ directory
		if err != nil {
			old = nil
		}
		added, removed := diffLines(old, files[name])
		for _, l := range removed {
			fmt.Fprintf(&b, "api/%s: - %s\n", name, l)
		}
		for _, l := range added {
			fmt.Fprintf(&b, "api/%s: + %s\n", name, l)
		}
	}
	if b.Len() == 0 {
		return ""
	}
	fmt.Fprintf(&b, "The exported API changed and api/ does not say so: run `%s` from the repository root, commit api/, and name the change in CHANGELOG.md.\n", Regenerate)
	return b.String()
}

func diffLines(old, cur []byte) (added, removed []string) {
	o, c := lineSet(old), lineSet(cur)
	for l := range c {
		if !o[l] {
			added = append(added, l)
		}
	}
	for l := range o {
		if !c[l] {
			removed = append(removed, l)
		}
	}
	sort.Strings(added)
	sort.Strings(removed)
	return added, removed
}

func lineSet(b []byte) map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			m[l] = true
		}
	}
	return m
}

// listed is the part of go list's JSON that apigen reads.
type listed struct {
	ImportPath string
	Name       string
	Export     string
	Standard   bool
	DepOnly    bool
	Module     *struct{ Path string }
	Error      *struct{ Err string }
}

// Generate returns the API files of every released module found from root
// (with the go.work of the repository, all of them; without it, the core
// module only), by file name.
func Generate(root string) (map[string][]byte, error) {
	pkgs, err := goList(root)
	if err != nil {
		return nil, err
	}
	exports := map[string]string{}
	for _, p := range pkgs {
		exports[p.ImportPath] = p.Export
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		f, ok := exports[path]
		if !ok || f == "" {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(f) //nolint:gosec // an export data file named by go list
	})
	lines := map[string][]string{}
	for _, p := range pkgs {
		if p.DepOnly || p.Standard || p.Module == nil || p.Name == "main" {
			continue
		}
		file, ok := modules[p.Module.Path]
		if !ok || !public(p.Module.Path, p.ImportPath) {
			continue
		}
		if p.Error != nil {
			return nil, fmt.Errorf("%s: %s", p.ImportPath, p.Error.Err)
		}
		tp, err := imp.Import(p.ImportPath)
		if err != nil {
			return nil, fmt.Errorf("reading the export data of %s: %w", p.ImportPath, err)
		}
		lines[file] = append(lines[file], packageAPI(tp)...)
	}
	files := map[string][]byte{}
	for mod, file := range modules {
		l, ok := lines[file]
		if !ok {
			continue // a nested module outside the workspace
		}
		sort.Strings(l)
		var b bytes.Buffer
		fmt.Fprintf(&b, "# The exported API of module %s, one line per exported identifier.\n", mod)
		fmt.Fprintf(&b, "# Generated by `%s`; a test fails when it is stale. Name every change in CHANGELOG.md.\n", Regenerate)
		for _, s := range l {
			b.WriteString(s)
			b.WriteByte('\n')
		}
		files[file] = b.Bytes()
	}
	if _, ok := files[modules[rootModule]]; !ok {
		return nil, fmt.Errorf("no package of %s found from %s", rootModule, root)
	}
	return files, nil
}

// public reports whether the package at path is part of module mod's API:
// not under internal/, examples/ or testdata/.
func public(mod, path string) bool {
	rel := strings.TrimPrefix(strings.TrimPrefix(path, mod), "/")
	for _, seg := range strings.Split(rel, "/") {
		if seg == "internal" || seg == "examples" || seg == "testdata" {
			return false
		}
	}
	return true
}

// goList lists every package of the repository's modules with its export
// data, compiling what the build cache does not hold.
func goList(root string) ([]listed, error) {
	patterns := []string{"./..."}
	if gowork(root) {
		patterns = []string{rootModule + "/..."}
	}
	args := append([]string{"list", "-e", "-deps", "-export", "-json=ImportPath,Name,Export,Standard,DepOnly,Module,Error"}, patterns...)
	cmd := exec.CommandContext(context.Background(), "go", args...) //nolint:gosec // the go command with this tool's own arguments
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %w: %s", err, stderr.String())
	}
	var pkgs []listed
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p listed
		if err := dec.Decode(&p); err != nil {
			return nil, fmt.Errorf("decoding go list's output: %w", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// gowork reports whether go commands run in root use a workspace.
func gowork(root string) bool {
	cmd := exec.CommandContext(context.Background(), "go", "env", "GOWORK")
	cmd.Dir = root
	out, err := cmd.Output()
	return err == nil && strings.TrimSpace(string(out)) != "" && strings.TrimSpace(string(out)) != "off"
}
