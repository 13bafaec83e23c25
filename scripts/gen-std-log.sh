#!/usr/bin/env bash
# Generates the reference workload: the escape-analysis log of the whole Go standard library,
# built with Debian's Go (1.19) at -m -m. About 220 MB, 1.9 M lines; never committed.
# Usage: scripts/gen-std-log.sh [OUT]   (default: build/std.log)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$here/build/std.log}
command -v go >/dev/null || { echo "gen-std-log: go not found (apt-get install golang-go)" >&2; exit 2; }
mkdir -p "$(dirname "$out")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# -a rebuilds everything so that nothing is replayed from the build cache; a private cache keeps the
# user's cache clean. The exit status of go build is 0 on success; the log goes to stderr.
(cd "$tmp" && GOCACHE="$tmp/cache" GOFLAGS= GO111MODULE=off go build -a -gcflags='all=-m -m' std) 2>"$out.tmp"
mv "$out.tmp" "$out"
echo "gen-std-log: wrote $out ($(wc -l <"$out") lines, $(du -h "$out" | cut -f1))" >&2
