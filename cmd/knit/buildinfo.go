package main

import (
	"regexp"
	"runtime"
	"runtime/debug"
)

// Set by the release binaries' linker flags (scripts/build-binaries.sh:
// -X main.version=v0.1.0 -X main.commit=<git commit>); empty in a go install
// or go build, which take both from the build info.
var (
	version string
	commit  string
)

// build is what `knit version` prints.
type build struct {
	Version   string `json:"version"`   // the CLI module's version: v0.1.0, or (devel) from a work tree
	Commit    string `json:"commit"`    // the git commit, or "unknown"
	GoVersion string `json:"goVersion"` // the Go toolchain that built the binary
	Platform  string `json:"platform"`  // GOOS/GOARCH
}

// pseudoRev is the commit at the end of a pseudo-version
// (v0.1.1-0.20261207162516-93ea4b2abcde).
var pseudoRev = regexp.MustCompile(`^v\d+\.\d+\.\d+-(?:[0-9A-Za-z.-]*\.)?\d{14}-([0-9a-f]{12})(?:\+incompatible)?$`)

// describeBuild reads the version, commit and Go version from the build info
// (ok false when there is none), the linker-set values winning: a release
// binary has both; go install module@vX.Y.Z records the version but no
// commit (the module proxy's zip has no git history), a pseudo-version ends
// in the commit, and go build in a git work tree records vcs.revision unless
// -buildvcs=false.
func describeBuild(bi *debug.BuildInfo, ok bool, ldVersion, ldCommit string) build {
	b := build{Version: "(devel)", Commit: "unknown", GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if ok {
		if bi.GoVersion != "" {
			b.GoVersion = bi.GoVersion
		}
		if v := bi.Main.Version; v != "" {
			b.Version = v
			if m := pseudoRev.FindStringSubmatch(v); m != nil {
				b.Commit = m[1]
			}
		}
		modified := false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Commit = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if modified && b.Commit != "unknown" {
			b.Commit += " (modified)"
		}
	}
	if ldVersion != "" {
		b.Version = ldVersion
	}
	if ldCommit != "" {
		b.Commit = ldCommit
	}
	return b
}
