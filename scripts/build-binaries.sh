#!/usr/bin/env bash
# Builds the knit CLI's release archives, with a checksums file, into DIR
# (default dist/): knit_X.Y.Z_GOOS_GOARCH.tar.gz (knit.exe in a .zip for
# Windows) holding the binary, LICENSE and README.md, for every platform in
# scripts/binaries.txt or the ones named (each must be listed there), and
# knit_X.Y.Z_checksums.txt (sha256sum format).
#
# Each binary is what `go install github.com/knit-sdk/knit-go/cmd/knit@vX.Y.Z`
# builds: the module at version.go's version from a file:// proxy made from
# this tree (scripts/modproxy.sh), not the workspace, with CGO_ENABLED=0,
# -trimpath and linker flags setting main.version and main.commit (the tree's
# git commit, "(modified)" with uncommitted changes), which `knit version` prints.
#
#   scripts/build-binaries.sh                              # every platform, into dist/
#   scripts/build-binaries.sh -o /tmp/out linux/amd64 darwin/arm64
#   scripts/build-binaries.sh -check                       # only check scripts/binaries.txt
set -euo pipefail
out=dist check=0
while [ $# -gt 0 ]; do
	case $1 in
	-o) [ $# -ge 2 ] || { echo "build-binaries: -o needs a directory" >&2; exit 2; }; out=$2; shift 2 ;;
	-check) check=1; shift ;;
	-*) echo "usage: $0 [-o DIR] [-check] [GOOS/GOARCH ...]" >&2; exit 2 ;;
	*) break ;;
	esac
done
cd "$(dirname "$0")/.."
root=$(pwd)
core=$(go mod edit -json | sed -n 's/^\t\t"Path": "\(.*\)"$/\1/p' | head -n1)
version=v$(sed -n 's/^const Version = "\(.*\)"$/\1/p' version.go)
[ "$version" != v ] || { echo "build-binaries: no const Version in version.go" >&2; exit 1; }

# The configuration: GOOS/GOARCH pairs the toolchain knows, each once.
mapfile -t listed < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' scripts/binaries.txt | grep -v '^$')
[ "${#listed[@]}" -gt 0 ] || { echo "build-binaries: scripts/binaries.txt lists no platform" >&2; exit 1; }
known=$(go tool dist list)
dups=$(printf '%s\n' "${listed[@]}" | sort | uniq -d)
[ -z "$dups" ] || { echo "build-binaries: scripts/binaries.txt lists twice: $dups" >&2; exit 1; }
for p in "${listed[@]}"; do
	grep -qx "$p" <<<"$known" || { echo "build-binaries: scripts/binaries.txt: $p is not a GOOS/GOARCH of $(go version | cut -d' ' -f3) (go tool dist list)" >&2; exit 1; }
done
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=("${listed[@]}")
for p in "${targets[@]}"; do
	printf '%s\n' "${listed[@]}" | grep -qx "$p" || { echo "build-binaries: $p is not in scripts/binaries.txt" >&2; exit 1; }
done
# Every listed platform resolves the CLI's package graph (cheap: no compiling).
for p in "${listed[@]}"; do
	GOOS=${p%/*} GOARCH=${p#*/} go list -deps ./cmd/knit >/dev/null
done
echo "scripts/binaries.txt: ${listed[*]}"
[ "$check" = 0 ] || exit 0

commit=$(git rev-parse HEAD)
git update-index -q --refresh >/dev/null || true
[ -z "$(git status --porcelain --untracked-files=no)" ] || commit="$commit (modified)"
mtime=$(git show -s --format=%ct HEAD)
mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null || true; rm -rf "$tmp"' EXIT
stranger_env=$(scripts/modproxy.sh --env "$tmp") # assigned first: a failure stops the script
eval "$stranger_env"
unset GOBIN GOEXPERIMENT
export GOPATH="$tmp/gopath" CGO_ENABLED=0
ldflags="-s -w -X main.version=$version -X 'main.commit=$commit'"
host="$(go env GOHOSTOS)/$(go env GOHOSTARCH)"

files=()
for p in "${targets[@]}"; do
	goos=${p%/*} goarch=${p#*/}
	name="knit_${version#v}_${goos}_${goarch}"
	# go install of a cross-compiled binary writes GOPATH/bin/GOOS_GOARCH/.
	(cd "$tmp" && GOOS=$goos GOARCH=$goarch go install -ldflags="$ldflags" "$core/cmd/knit@$version")
	bin="$GOPATH/bin"
	[ "$p" = "$host" ] || bin="$bin/${goos}_${goarch}"
	exe=knit
	[ "$goos" != windows ] || exe=knit.exe
	stage="$tmp/stage/$name"
	mkdir -p "$stage"
	cp "$bin/$exe" LICENSE README.md "$stage/"
	touch -d "@$mtime" "$stage"/*
	if [ "$goos" = windows ]; then
		(cd "$stage" && rm -f "$out/$name.zip" && zip -q -X "$out/$name.zip" "$exe" LICENSE README.md)
		files+=("$name.zip")
	else
		tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$mtime" -cf - "$exe" LICENSE README.md | gzip -n >"$out/$name.tar.gz"
		files+=("$name.tar.gz")
	fi
	echo "$out/${files[-1]}"
done
sums="knit_${version#v}_checksums.txt"
(cd "$out" && sha256sum "${files[@]}" >"$sums")
echo "$out/$sums"
cat "$out/$sums"
