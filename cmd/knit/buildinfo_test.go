package main

import (
	"runtime"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDescribeBuild(t *testing.T) {
	t.Parallel()
	platform := runtime.GOOS + "/" + runtime.GOARCH
	vcs := []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "93ea4b2abcdef0123456789abcdef0123456789a"}}
	for _, tc := range []struct {
		name             string
		bi               *debug.BuildInfo
		ok               bool
		ldVersion, ldCom string
		want             build
	}{
		{"no build info", nil, false, "", "",
			build{"(devel)", "unknown", runtime.Version(), platform}},
		{"go install of a tag from a module proxy: no commit recorded",
			&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/knit-sdk/knit-go/cmd/knit", Version: "v0.1.0"}}, true, "", "",
			build{"v0.1.0", "unknown", "go1.26.8", platform}},
		{"go install of a pseudo-version: the commit ends it",
			&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.1.1-0.20261207162516-93ea4b2abcde"}}, true, "", "",
			build{"v0.1.1-0.20261207162516-93ea4b2abcde", "93ea4b2abcde", "go1.26.8", platform}},
		{"pre-release pseudo-version",
			&debug.BuildInfo{GoVersion: "go1.25.0", Main: debug.Module{Version: "v0.2.0-rc.1.0.20261207162516-93ea4b2abcde"}}, true, "", "",
			build{"v0.2.0-rc.1.0.20261207162516-93ea4b2abcde", "93ea4b2abcde", "go1.25.0", platform}},
		{"go build in a git work tree",
			&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: vcs}, true, "", "",
			build{"(devel)", "93ea4b2abcdef0123456789abcdef0123456789a", "go1.26.8", platform}},
		{"uncommitted changes",
			&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: append(vcs[:2:2], debug.BuildSetting{Key: "vcs.modified", Value: "true"})}, true, "", "",
			build{"(devel)", "93ea4b2abcdef0123456789abcdef0123456789a (modified)", "go1.26.8", platform}},
		{"release binary: the linker flags win",
			&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}}, true, "v0.1.0", "0123456789abcdef0123456789abcdef01234567",
			build{"v0.1.0", "0123456789abcdef0123456789abcdef01234567", "go1.26.8", platform}},
	} {
		assert.Equal(t, tc.want, describeBuild(tc.bi, tc.ok, tc.ldVersion, tc.ldCom), tc.name)
	}
}
