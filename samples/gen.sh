#!/usr/bin/env bash
# Regenerates every generated log in samples/ (see README.md). Byte-identical from run to run:
# -a everywhere (nothing replayed from the build cache, paths never come from an old cwd),
# a private GOCACHE in a temp directory, and GOENV=off/GOFLAGS= so user settings do not leak in.
# Hand-made fixtures (go126.m2.log, go124.m2.log, go119-excerpts.m2.log, go-m4.log) and the one-off
# capture escdemo.gotest.once.m2.log are not touched;
# go126-eq.m2.log is re-derived from go126.m2.log by make-twin.sh.
#
# Usage: ./gen.sh                      both parts below
#        ./gen.sh go1.19               only the top-level logs (system Go 1.19: Debian's golang-go)
#        ./gen.sh releases [VERSION...] only releases/go1.XX/*.m2.log.gz, made with each release's
#                                      toolchain from ../scripts/fetch-go.sh (default: $releases)
# Needs golang-go.uber-zap-dev and golang-github-gin-gonic-gin-dev (installed when missing).
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
releases="1.19 1.21 1.24 1.26 1.27"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GOCACHE="$tmp/cache" GOENV=off GOFLAGS= GOPROXY=off GOWORK=off GOTMPDIR=

need_pkgs() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "gen.sh: installing ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# A real library in GOPATH mode: `gopath_log PKG OUT` writes the -m -m log of Debian's source of PKG.
# Run from /usr/share/gocode/src so that file names are the stable relative paths PKG/*.go
# (cmd/go shortens them relative to the cwd).
gopath_log() {
  (
    cd /usr/share/gocode/src
    GO111MODULE=off GOPATH=/usr/share/gocode go build -a -gcflags='-m -m' "$1" 2> "$2"
  )
}

# Top-level logs, made with the system's Go 1.19.
gen_go119() {
  need_pkgs golang-go golang-go.uber-zap-dev
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
  gopath_log go.uber.org/zap "$tmp/zap.m2.log"
  gzip -n -9 -c "$tmp/zap.m2.log" > zap.m2.log.gz

  ./make-twin.sh

  wc -l escdemo.m1.log escdemo.m2.log escdemo.m3.log escdemo.m2.L.log escdemo.test.m2.log go126-eq.m2.log >&2
  echo "zap.m2.log.gz: $(gzip -dc zap.m2.log.gz | wc -l) lines uncompressed" >&2
}

# releases/go1.XX/{zap,gin,escdemo}.m2.log.gz with Go 1.XX (GOROOT from fetch-go.sh, GOTOOLCHAIN=local).
# Go 1.19's zap and escdemo logs are the top-level ones, so releases/go1.19 holds only gin.
gen_release() {
  local v=$1 dir=releases/go$1 goroot
  goroot=$("$here/../scripts/fetch-go.sh" "$v")
  (
    export GOROOT=$goroot PATH=$goroot/bin:$PATH GOTOOLCHAIN=local
    echo "go$v: $(go version)" >&2
    mkdir -p "$dir"
    if [ "$v" != 1.19 ]; then
      (cd escdemo && GO111MODULE=on go build -a -o /dev/null -gcflags='-m -m' ./... 2> "$tmp/escdemo.m2.log")
      gopath_log go.uber.org/zap "$tmp/zap.m2.log"
      gzip -n -9 -c "$tmp/escdemo.m2.log" > "$dir/escdemo.m2.log.gz"
      gzip -n -9 -c "$tmp/zap.m2.log" > "$dir/zap.m2.log.gz"
    fi
    gopath_log github.com/gin-gonic/gin "$tmp/gin.m2.log"
    gzip -n -9 -c "$tmp/gin.m2.log" > "$dir/gin.m2.log.gz"
    for f in "$dir"/*.m2.log.gz; do echo "$f: $(gzip -dc "$f" | wc -l) lines uncompressed" >&2; done
  )
}

part=${1:-all}
[ $# -gt 0 ] && shift
case $part in
  all) gen_go119 ;&
  releases)
    need_pkgs golang-go.uber-zap-dev golang-github-gin-gonic-gin-dev
    for v in ${*:-$releases}; do gen_release "$v"; done ;;
  go1.19) gen_go119 ;;
  *) echo "usage: gen.sh [all | go1.19 | releases [VERSION...]]" >&2; exit 2 ;;
esac
