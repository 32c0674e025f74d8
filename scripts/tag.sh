#!/usr/bin/env bash
# Tags release TAG in lockstep, modelled on go-redis scripts/tag.sh: TAG for the
# core and DIR/TAG for every other released module (scripts/modules.sh; never
# bench/... or examples/...). Refuses when version.go, CHANGELOG.md's newest
# release or any go.mod's require of the repository's modules disagrees with TAG (fix that with
# scripts/release.sh), when the work tree has uncommitted changes, or when a tag
# exists already.
#
#   scripts/tag.sh v0.1.0          # checks, then prints the tags it would create
#   scripts/tag.sh v0.1.0 -t       # creates them on HEAD (nothing is pushed)
#   scripts/tag.sh v0.1.0 -t -p    # creates them and pushes them to origin
set -euo pipefail
usage() { echo "usage: $0 vX.Y.Z [-t] [-p]" >&2; exit 2; }
[ $# -ge 1 ] || usage
tag=$1
shift
create=0 push=0
for a in "$@"; do
	case $a in
	-t) create=1 ;;
	-p) push=1 ;;
	*) usage ;;
	esac
done
[ "$push" = 0 ] || [ "$create" = 1 ] || { echo "tag: -p needs -t" >&2; exit 2; }
cd "$(dirname "$0")/.."
semver='^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$'
[[ $tag =~ $semver ]] || { echo "tag: $tag is not a version such as v0.1.0" >&2; exit 1; }
core=$(go mod edit -json | sed -n 's/^\t\t"Path": "\(.*\)"$/\1/p' | head -n1)

errors=0
disagree() { echo "tag: $*" >&2; errors=$((errors + 1)); }
grep -q "^const Version = \"${tag#v}\"$" version.go || disagree "version.go does not say const Version = \"${tag#v}\""
newest=$(sed -n 's/^## \[\([0-9][^]]*\)\].*/\1/p' CHANGELOG.md | head -n1) # past [Unreleased]
[ "$newest" = "${tag#v}" ] || disagree "CHANGELOG.md's newest release is [$newest], not [${tag#v}]"
mapfile -t all < <(scripts/modules.sh --all)
for dir in "${all[@]}"; do
	while read -r p v; do
		[ "$v" = "$tag" ] || disagree "$dir/go.mod requires $p $v, not $tag"
	done < <(awk -v core="$core" '
		/^require[ \t]*\($/ { block = 1; next }
		block && /^\)/ { block = 0; next }
		{ p = ""; v = ""; if (block) { p = $1; v = $2 } else if ($1 == "require") { p = $2; v = $3 } }
		p == core || index(p, core "/") == 1 { print p, v }' "$dir/go.mod")
	case $dir in
	cmd/*) if (cd "$dir" && go mod edit -json | grep -q '"Replace": \['); then disagree "$dir/go.mod has replace directives, which go install refuses"; fi ;;
	esac
done
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
	disagree "the work tree has uncommitted changes: commit the release first"
fi
mapfile -t modules < <(scripts/modules.sh)
tags=()
for dir in "${modules[@]}"; do
	if [ "$dir" = . ]; then t=$tag; else t=$dir/$tag; fi
	[ -z "$(git tag --list "$t")" ] || disagree "tag $t exists already"
	tags+=("$t")
done
if [ "$errors" -gt 0 ]; then
	echo "tag: refusing to tag $tag ($errors problems)" >&2
	exit 1
fi

head=$(git rev-parse HEAD)
for t in "${tags[@]}"; do
	if [ "$create" = 1 ]; then
		git tag "$t" "$head"
		echo "created $t at $head"
	else
		echo "git tag $t $head"
	fi
done
if [ "$push" = 1 ]; then
	git push origin "${tags[@]}"
elif [ "$create" = 1 ]; then
	echo "push them with: git push origin ${tags[*]}"
else
	echo "(dry run: -t creates these tags, -t -p also pushes them)"
fi
