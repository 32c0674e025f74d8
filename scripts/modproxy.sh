#!/usr/bin/env bash
# Writes a file:// Go module proxy to DIR holding every released module of this
# work tree (scripts/modules.sh) at the version in version.go, as a public proxy
# would serve them once tagged. Zips come from golang.org/x/mod/zip
# (.ci/modproxy) over `git archive` of the tracked files, uncommitted changes
# included (git stash create); untracked files are left out, as from a tag.
#
#   scripts/modproxy.sh DIR     # then GOPROXY=file://DIR,$(go env GOPROXY)
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
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
(cd .ci/modproxy && GOWORK=off GOFLAGS=-mod=mod go run . -repo "$root" -rev "$rev" -version "$version" -out "$out" "${modules[@]}")
