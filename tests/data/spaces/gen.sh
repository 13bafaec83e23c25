#!/usr/bin/env bash
# Regenerates the logs of a build whose paths hold a space: main.go and keep.go copied into a
# GOPATH under "/tmp/escviz-spaces/John Doe", built at -m -m from another folder, so the compiler
# prints absolute paths with the space (Debian's Go 1.19, and Go 1.27 from scripts/fetch-go.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
gopath="/tmp/escviz-spaces/John Doe/gopath"
rm -rf /tmp/escviz-spaces
mkdir -p "$gopath/src/example.com/spaces"
cp "$here/main.go" "$here/keep.go" "$gopath/src/example.com/spaces/"
cd /
GOPATH=$gopath GO111MODULE=off GOFLAGS= go build -a -gcflags='-m -m' -o /dev/null example.com/spaces \
  >"$here/build.go119.m2.log" 2>&1
goroot=$("$root/scripts/fetch-go.sh" 1.27)
GOROOT=$goroot GOTOOLCHAIN=local GOPATH=$gopath GO111MODULE=off GOFLAGS= "$goroot/bin/go" build -a \
  -gcflags='-m -m' -o /dev/null example.com/spaces >"$here/build.go127.m2.log" 2>&1
rm -rf /tmp/escviz-spaces
echo "gen: wrote $here/build.go119.m2.log and build.go127.m2.log"
