#!/usr/bin/env bash
# Generates the reference workload: the escape-analysis log of the whole Go standard library at
# -m -m. By default built with the system's Go (Debian's golang-go, 1.19): about 220 MB, 1.9 M lines.
# With --go VERSION (1.19, 1.21, ..., 1.27), with that release's toolchain from scripts/fetch-go.sh
# (GOROOT set, GOTOOLCHAIN=local). Never committed.
# Usage: scripts/gen-std-log.sh [--go VERSION] [OUT]   (default OUT: build/std.log)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
gover=
if [ "${1:-}" = "--go" ]; then
  [ $# -ge 2 ] || { echo "gen-std-log: --go needs a VERSION" >&2; exit 2; }
  gover=$2; shift 2
fi
out=${1:-$here/build/std.log}
if [ -n "$gover" ]; then
  goroot=$("$here/scripts/fetch-go.sh" "$gover")
  export GOROOT=$goroot PATH=$goroot/bin:$PATH GOTOOLCHAIN=local GOENV=off GOPROXY=off
elif ! command -v go >/dev/null; then
  echo "gen-std-log: installing golang-go" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends golang-go >&2
fi
echo "gen-std-log: $(go version)" >&2
mkdir -p "$(dirname "$out")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# -a rebuilds everything so that nothing is replayed from the build cache; a private cache keeps the
# user's cache clean. The exit status of go build is 0 on success; the log goes to stderr.
(cd "$tmp" && GOCACHE="$tmp/cache" GOFLAGS= GO111MODULE=off go build -a -gcflags='all=-m -m' std) 2>"$out.tmp"
mv "$out.tmp" "$out"
echo "gen-std-log: wrote $out ($(wc -l <"$out") lines, $(du -h "$out" | cut -f1))" >&2
