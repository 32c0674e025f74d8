#!/usr/bin/env bash
# Writes a file:// Go module proxy to DIR/proxy holding every released module of
# this work tree (scripts/modules.sh) at the version in version.go, as a proxy
# would serve them once tagged. Zips come from golang.org/x/mod/zip
# (.ci/modproxy) over `git archive` of the tracked files, uncommitted changes
# included (git stash create); untracked files are left out, as from a tag.
#
#   scripts/modproxy.sh DIR              # then GOPROXY=file://DIR/proxy,$(go env GOPROXY)
#   eval "$(scripts/modproxy.sh --env DIR)"
#
# --env also prints (for eval) a user's environment using it: no workspace,
# our modules from DIR only (GONOSUMDB: sum.golang.org has never seen them),
# third-party ones from the machine's module cache or its proxy, and a
# throw-away module cache in DIR/modcache so that no copy of our modules made
# from a work tree stays in the machine's cache. -trimpath lets the build
# cache serve third-party packages whatever the module cache's path.
set -euo pipefail
env=0
if [ "${1:-}" = --env ]; then env=1; shift; fi
[ $# -eq 1 ] || { echo "usage: $0 [--env] DIR" >&2; exit 2; }
mkdir -p "$1"
out=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."
root=$(pwd)

version=v$(sed -n 's/^const Version = "\(.*\)"$/\1/p' version.go)
[ "$version" != v ] || { echo "modproxy: no const Version in version.go" >&2; exit 1; }
# git stash create fails on files whose index entry is merely stale (touched
# by go mod tidy, say): refresh the index first.
git update-index -q --refresh >/dev/null || true
rev=$(git stash create)
rev=${rev:-HEAD}
mapfile -t modules < <(scripts/modules.sh)
(cd .ci/modproxy && GOWORK=off GOFLAGS=-mod=mod go run . -repo "$root" -rev "$rev" -version "$version" -out "$out/proxy" "${modules[@]}") |
	if [ "$env" = 1 ]; then cat >&2; else cat; fi
if [ "$env" = 1 ]; then
	core=$(go mod edit -json | sed -n 's/^\t\t"Path": "\(.*\)"$/\1/p' | head -n1)
	printf 'export GOWORK=off GONOSUMDB=%q GOPRIVATE= GONOPROXY= GOFLAGS=%q GOMODCACHE=%q GOPROXY=%q\n' \
		"$core" "-modcacherw -trimpath" "$out/modcache" "file://$out/proxy,file://$(go env GOMODCACHE)/cache/download,$(go env GOPROXY)"
fi
