#!/usr/bin/env bash
# Makes base.m2.log.gz and head.m2.log.gz, the real moved-lines case of `escviz diff`
# (tests/diff_test.cc): Debian's zap (golang-go.uber-zap-dev) built with Go 1.19's -m -m before
# and after change.patch, which
#   - adds three lines at the top of every .go file of package zap (every position moves),
#   - adds the function escvizNewAlloc to logger.go, with one new heap allocation (moved to heap: v),
#   - rewrites LevelFlag in flag.go from `lvl := defaultLevel ... &lvl` (moved to heap: lvl)
#     into `lvl := new(zapcore.Level)` (new(zapcore.Level) escapes to heap).
# Both builds run in the same folder, so the log's paths (./logger.go) are the same.
# Needs golang-go and golang-go.uber-zap-dev (apt-get install). Usage: make.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/gp/src/go.uber.org"
cp -r /usr/share/gocode/src/go.uber.org/zap "$tmp/gp/src/go.uber.org/"
build() {
  (cd "$tmp/gp/src/go.uber.org/zap" &&
    GO111MODULE=off GOFLAGS= GOPATH="$tmp/gp:/usr/share/gocode" \
      go build -a -gcflags='-m -m' go.uber.org/zap 2>"$tmp/log" || true)
  gzip -n -9 <"$tmp/log" >"$here/$1"
}
build base.m2.log.gz
(cd "$tmp/gp/src/go.uber.org/zap" && patch -s -p1 <"$here/change.patch")
build head.m2.log.gz
