#!/usr/bin/env bash
# Prepares release TAG in the work tree, modelled on go-redis scripts/release.sh:
# sets version.go, rewrites every require of this repository's modules in every
# nested go.mod (bench/... and examples/... included: scripts/modules.sh --all)
# to TAG, and tidies each nested module. cmd/knit has no replace directive, so it is tidied against
# a module proxy made from this work tree (scripts/modproxy.sh); its go.sum keeps
# no line for the repository's own modules, whose hash changes with every commit
# until the tag exists. It commits, tags and pushes nothing: review `git diff`,
# add the CHANGELOG heading, commit, then run scripts/tag.sh TAG.
#
#   scripts/release.sh v0.2.0
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 vX.Y.Z" >&2; exit 2; }
tag=$1
cd "$(dirname "$0")/.."
semver='^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$'
[[ $tag =~ $semver ]] || { echo "release: $tag is not a version such as v0.2.0" >&2; exit 1; }
if [ -n "$(git tag --list "$tag")" ]; then
	echo "release: tag $tag already exists" >&2
	exit 1
fi
core=$(go mod edit -json | sed -n 's/^\t\t"Path": "\(.*\)"$/\1/p' | head -n1)
[ -n "$core" ] || { echo "release: no module path in go.mod" >&2; exit 1; }

echo "version.go: ${tag#v}"
sed -i.bak "s/^const Version = \".*\"$/const Version = \"${tag#v}\"/" version.go && rm -f version.go.bak
grep -q "^const Version = \"${tag#v}\"$" version.go || { echo "release: version.go has no const Version line" >&2; exit 1; }

# repo_requires GOMOD: the repository's modules GOMOD requires.
repo_requires() {
	awk -v core="$core" '
		/^require[ \t]*\($/ { block = 1; next }
		block && /^\)/ { block = 0; next }
		{ p = ""; if (block) p = $1; else if ($1 == "require") p = $2 }
		p == core || index(p, core "/") == 1 { print p }' "$1"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mapfile -t modules < <(scripts/modules.sh --all)
for dir in "${modules[@]}"; do
	[ "$dir" != . ] || continue
	for p in $(repo_requires "$dir/go.mod"); do
		(cd "$dir" && go mod edit -require="$p@$tag")
	done
	echo "$dir/go.mod: $(repo_requires "$dir/go.mod" | tr '\n' ' ')at $tag"
done
# Tidy the modules with replace directives (the library modules, bench/..., examples/...)
# first: they build against the tree. Then the others (cmd/knit), against a
# proxy holding the tree at tag, tidied libraries included.
has_replace() { (cd "$1" && go mod edit -json | grep -q '"Replace": \['); }
for dir in "${modules[@]}"; do
	if [ "$dir" != . ] && has_replace "$dir"; then
		(cd "$dir" && GOWORK=off go mod tidy)
	fi
done
stranger_env=$(scripts/modproxy.sh --env "$tmp")
for dir in "${modules[@]}"; do
	if [ "$dir" != . ] && ! has_replace "$dir"; then
		(
			cd "$dir"
			eval "$stranger_env"
			GOFLAGS="$GOFLAGS -mod=mod" go mod tidy
			grep -v "^${core//./\\.}[/ ]" go.sum >go.sum.tmp || true
			mv go.sum.tmp go.sum
		)
	fi
done
echo
echo "Done. Add a '## [${tag#v}]' heading to CHANGELOG.md, review 'git diff', commit, then run scripts/tag.sh $tag."
