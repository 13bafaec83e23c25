#!/usr/bin/env bash
# Regenerates go1.19.m2.log (Debian's Go 1.19) and go1.27.m2.log (scripts/fetch-go.sh 1.27) of the
# program here, at -gcflags='-m -m', as tests/truth/gen.sh does for the truth corpus.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GOCACHE="$tmp/cache" GOENV=off GOFLAGS= GOPROXY=off GOWORK=off GO111MODULE=on
goroot127=$("$root/scripts/fetch-go.sh" 1.27)
cd "$here"
# The same program with one instance of put fewer (put(2.5) made `_ = 2.5`, lines kept): its sites
# are the same, only the copies of &Box[T]{v: v} change (fewer.go1.27.m2.log).
mkdir "$tmp/fewer"
cp go.mod "$tmp/fewer/"
sed 's/^\tput(2.5)$/\t_ = 2.5/' main.go >"$tmp/fewer/main.go"
(cd "$tmp/fewer" && GOROOT=$goroot127 GOTOOLCHAIN=local "$goroot127/bin/go" build -a -o /dev/null \
  -gcflags='-m -m' . 2>"$here/fewer.go1.27.m2.log")
go build -a -o /dev/null -gcflags='-m -m' . 2>go1.19.m2.log
GOROOT=$goroot127 GOTOOLCHAIN=local "$goroot127/bin/go" build -a -o /dev/null -gcflags='-m -m' . \
  2>go1.27.m2.log
