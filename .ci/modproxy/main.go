// Command modproxy writes a file:// Go module proxy (GOPROXY=file://DIR)
// holding modules of this repository at one version, made from a git
// revision by golang.org/x/mod/zip the way a public proxy makes them from a
// tag: the files of `git archive`, without nested modules, with the
// repository's LICENSE added to a nested module that has none (as
// modzip.CreateFromVCS does, which a git worktree defeats).
//
//	go run . -repo /path/to/knit-go -rev HEAD -version v0.1.0 -out DIR . redis postgres ...
//
// scripts/modproxy.sh runs it for the release rehearsal (.ci/rehearse). It is
// its own untagged module so that golang.org/x/mod is a dependency of no
// module users install.
package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "modproxy:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("modproxy", flag.ContinueOnError)
	repo := fs.String("repo", "", "root of the git work tree (required)")
	rev := fs.String("rev", "HEAD", "git revision to archive")
	version := fs.String("version", "", "module version, such as v0.1.0 (required)")
	out := fs.String("out", "", "proxy directory to write (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case *repo == "" || *version == "" || *out == "":
		return errors.New("-repo, -version and -out are required")
	case fs.NArg() == 0:
		return errors.New("name at least one module directory (. for the root)")
	case module.CanonicalVersion(*version) != *version:
		return fmt.Errorf("-version %q is not a canonical semantic version such as v0.1.0", *version)
	}
	root, err := filepath.Abs(*repo)
	if err != nil {
		return err
	}
	t, err := commitTime(root, *rev)
	if err != nil {
		return err
	}
	for _, dir := range fs.Args() {
		p, err := writeModule(root, *rev, path.Clean(filepath.ToSlash(dir)), *version, t, *out)
		if err != nil {
			return fmt.Errorf("module in %s: %w", dir, err)
		}
		fmt.Fprintf(stdout, "%s %s\n", p, *version)
	}
	return nil
}

func commitTime(repo, rev string) (time.Time, error) {
	b, err := git(repo, "show", "-s", "--format=%cI", rev)
	if err != nil {
		return time.Time{}, err
	}
	return time.Parse(time.RFC3339, strings.TrimSpace(string(b)))
}

// writeModule writes DIR/<escaped module path>/@v/{list,VERSION.info,.mod,.zip}
// for the module in subdirectory dir of the repository at rev.
func writeModule(repo, rev, dir, version string, t time.Time, out string) (string, error) {
	gitPath := "go.mod"
	subdir := ""
	if dir != "." {
		gitPath = dir + "/go.mod"
		subdir = dir + "/"
	}
	gomod, err := git(repo, "show", rev+":"+gitPath)
	if err != nil {
		return "", err
	}
	modPath := modfile.ModulePath(gomod)
	if modPath == "" {
		return "", fmt.Errorf("%s has no module line", gitPath)
	}
	m := module.Version{Path: modPath, Version: version}
	if err := module.Check(m.Path, m.Version); err != nil {
		return "", err
	}
	files, err := gitFiles(repo, rev, subdir)
	if err != nil {
		return "", err
	}
	var z bytes.Buffer
	if err := modzip.Create(&z, m, files); err != nil {
		return "", err
	}
	if err := checkZip(z.Bytes(), m, gomod); err != nil {
		return "", err
	}
	esc, err := module.EscapePath(m.Path)
	if err != nil {
		return "", err
	}
	vdir := filepath.Join(out, filepath.FromSlash(esc), "@v")
	if err := os.MkdirAll(vdir, 0o750); err != nil {
		return "", err
	}
	info, err := json.Marshal(struct {
		Version string
		Time    time.Time
	}{version, t.UTC()})
	if err != nil {
		return "", err
	}
	for name, data := range map[string][]byte{
		version + ".info": info,
		version + ".mod":  gomod,
		version + ".zip":  z.Bytes(),
		"list":            []byte(version + "\n"),
	} {
		if err := os.WriteFile(filepath.Join(vdir, name), data, 0o600); err != nil {
			return "", err
		}
	}
	return m.Path, nil
}

// git runs git in repo and returns its output.
func git(repo string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(context.Background(), "git", args...) //nolint:gosec // the revision and paths come from scripts/modproxy.sh
	cmd.Dir = repo
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return b, nil
}

// gitFiles lists the files of subdir at rev as `git archive` gives them, the
// way modzip.CreateFromVCS does (which refuses a git worktree, whose .git is a
// file): paths relative to subdir, and the repository's LICENSE when subdir
// has none. modzip.Create then leaves out nested modules.
func gitFiles(repo, rev, subdir string) ([]modzip.File, error) {
	args := []string{"-c", "core.autocrlf=input", "-c", "core.eol=lf", "archive", "--format=zip", rev}
	if subdir != "" {
		args = append(args, subdir)
	}
	b, err := git(repo, args...)
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	var files []modzip.File
	haveLicense := false
	for _, f := range zr.File {
		name, ok := strings.CutPrefix(f.Name, subdir)
		if !ok || name == "" || strings.HasSuffix(name, "/") {
			continue
		}
		files = append(files, zipFile{name: name, f: f})
		haveLicense = haveLicense || name == "LICENSE"
	}
	if !haveLicense && subdir != "" {
		if lic, err := git(repo, "cat-file", "blob", rev+":LICENSE"); err == nil {
			files = append(files, dataFile{name: "LICENSE", data: lic})
		}
	}
	return files, nil
}

// zipFile is a file of the git archive.
type zipFile struct {
	name string
	f    *zip.File
}

func (f zipFile) Path() string                 { return f.name }
func (f zipFile) Lstat() (os.FileInfo, error)  { return f.f.FileInfo(), nil }
func (f zipFile) Open() (io.ReadCloser, error) { return f.f.Open() }

// dataFile is a file held in memory (the root LICENSE for a nested module).
type dataFile struct {
	name string
	data []byte
}

func (f dataFile) Path() string                 { return f.name }
func (f dataFile) Lstat() (os.FileInfo, error)  { return dataInfo(f), nil }
func (f dataFile) Open() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(f.data)), nil }

type dataInfo dataFile

func (i dataInfo) Name() string       { return path.Base(i.name) }
func (i dataInfo) Size() int64        { return int64(len(i.data)) }
func (i dataInfo) Mode() os.FileMode  { return 0o644 }
func (i dataInfo) ModTime() time.Time { return time.Time{} }
func (i dataInfo) IsDir() bool        { return false }
func (i dataInfo) Sys() any           { return nil }

// checkZip: the zip holds the revision's go.mod at the module root.
func checkZip(b []byte, m module.Version, gomod []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return err
	}
	prefix := m.Path + "@" + m.Version + "/"
	for _, f := range zr.File {
		if f.Name == prefix+"go.mod" {
			rc, err := f.Open()
			if err != nil {
				return err
			}
			got, err := io.ReadAll(rc)
			_ = rc.Close()
			if err != nil {
				return err
			}
			if !bytes.Equal(got, gomod) {
				return fmt.Errorf("the zip's go.mod differs from the revision's")
			}
			return nil
		}
	}
	return fmt.Errorf("the zip of %s has no go.mod", m)
}
