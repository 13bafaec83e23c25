#!/usr/bin/env bash
# Regenerates every generated log in samples/ (see README.md). Byte-identical from run to run:
# -a everywhere (nothing replayed from the build cache, paths never come from an old cwd),
# a private GOCACHE in a temp directory, and GOENV=off/GOFLAGS= so user settings do not leak in.
# Hand-made fixtures (go126.m2.log, go124.m2.log, go119-excerpts.m2.log, go-m4.log) and the one-off
# capture escdemo.gotest.once.m2.log are not touched;
# go126-eq.m2.log is re-derived from go126.m2.log by make-twin.sh.
# Needs Debian's Go 1.19 (golang-go) and golang-go.uber-zap-dev.
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GOCACHE="$tmp/cache" GOENV=off GOFLAGS= GOPROXY=off GOWORK=off GOTMPDIR=

go version >&2

# Every log is the stderr of the go command (the compiler's -m output is re-printed there).
(
  cd escdemo
  export GO111MODULE=on
  go build -a -o /dev/null -gcflags='-m' ./... 2> "$here/escdemo.m1.log"
  go build -a -o /dev/null -gcflags='-m -m' ./... 2> "$here/escdemo.m2.log"
  go build -a -o /dev/null -gcflags='-m=3' ./... 2> "$here/escdemo.m3.log"
  go build -a -o /dev/null -gcflags='-m -m -L -C' ./... 2> "$here/escdemo.m2.L.log"
  # `go vet` compiles the test variant "example.com/escdemo [example.com/escdemo.test]" (the external
  # test package escdemo_x_test.go needs its export data) but, unlike `go test -c`, not the generated
  # test main, whose positions are absolute paths into the random $WORK directory
  # (/tmp/go-buildNNN/b001/_testmain.go) and would differ on every run (see escdemo.gotest.once.m2.log).
  go vet -a -gcflags='-m -m' . 2> "$here/escdemo.test.m2.log"
)

# A real library in GOPATH mode. Run from /usr/share/gocode/src so that file names are the stable
# relative paths go.uber.org/zap/*.go (cmd/go shortens them relative to the cwd).
(
  cd /usr/share/gocode/src
  GO111MODULE=off GOPATH=/usr/share/gocode go build -a -gcflags='-m -m' go.uber.org/zap 2> "$tmp/zap.m2.log"
)
gzip -n -9 -c "$tmp/zap.m2.log" > zap.m2.log.gz

./make-twin.sh

wc -l escdemo.m1.log escdemo.m2.log escdemo.m3.log escdemo.m2.L.log escdemo.test.m2.log go126-eq.m2.log >&2
echo "zap.m2.log.gz: $(gzip -dc zap.m2.log.gz | wc -l) lines uncompressed" >&2
