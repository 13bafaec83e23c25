# Sourced by the scripts that regenerate committed Go logs (tests/truth/gen.sh,
# tests/patterns/gen.sh): sets `here` (the sourcing script's folder), `root` (the repository),
# `tmp` (removed on exit), the go command's environment that makes logs the same from run to run
# (a private GOCACHE, GOENV=off, GOFLAGS=, GOPROXY=off, ...), and `goroot127` (Go 1.27, fetched by
# scripts/fetch-go.sh).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GOCACHE="$tmp/cache" GOENV=off GOFLAGS= GOPROXY=off GOWORK=off GOTMPDIR= GO111MODULE=on
goroot127=$("$root/scripts/fetch-go.sh" 1.27)
