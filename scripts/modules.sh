#!/usr/bin/env bash
# Prints the directories of the repository's Go modules, one a line, "."
# (the core) first: every go.mod tracked by git, outside testdata and the
# directories the go command ignores (names starting with "." or "_").
#
#   scripts/modules.sh             # the released modules, tagged in lockstep
#                                  # (scripts/tag.sh): all but bench/... and examples/...
#   scripts/modules.sh --all       # every module, bench/... and examples/... included
#
# Used by scripts/release.sh, scripts/tag.sh, scripts/modproxy.sh and
# .ci/rehearse, so that a new nested module needs no edit here.
set -euo pipefail
cd "$(dirname "$0")/.."
all=0
case "${1:-}" in
--all) all=1 ;;
"") ;;
*) echo "usage: $0 [--all]" >&2; exit 2 ;;
esac
git ls-files -- 'go.mod' '*/go.mod' |
	grep -Ev '(^|/)[._][^/]*/|(^|/)testdata/' |
	sed -e 's|/\{0,1\}go\.mod$||' -e 's|^$|.|' |
	{ if [ "$all" = 1 ]; then cat; else grep -Ev '^(bench|examples)(/|$)'; fi } |
	sort | awk '$0 == "." { print; next } { rest[++n] = $0 } END { for (i = 1; i <= n; i++) print rest[i] }'
