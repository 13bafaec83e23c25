#!/usr/bin/env bash
# Regenerates the JSON-form fixtures (README.md): go.uber.org/zap/zapcore (Debian's
# golang-go.uber-zap-dev) built once per Go version with both forms from the same compile:
#   go build -a -gcflags='-m -m -json=0,DIR' go.uber.org/zap/zapcore 2> text.log
# The text log is the go command's stderr; DIR gets one .json file per source file.
# Usage: tests/data/json/gen.sh [GOROOT...]   (default: Debian's Go 1.19 and, if unpacked,
# /var/cache/escviz-go/go1.27/usr/lib/go-1.27)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=/usr/share/gocode/src/go.uber.org/zap/zapcore
[ -d "$src" ] || { echo "gen.sh: $src missing (apt-get install golang-go.uber-zap-dev)" >&2; exit 1; }

roots=("$@")
if [ ${#roots[@]} -eq 0 ]; then
  roots=(/usr/lib/go-1.19)
  [ -d /var/cache/escviz-go/go1.27/usr/lib/go-1.27 ] && roots+=(/var/cache/escviz-go/go1.27/usr/lib/go-1.27)
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Reproducible archives: sorted names, no times, owners or gzip names.
pack() {  # pack DIR OUT.tar.gz
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$1" -cf - . | gzip -n -9 > "$2"
}

for goroot in "${roots[@]}"; do
  version=$(GOROOT=$goroot GOTOOLCHAIN=local "$goroot/bin/go" env GOVERSION)
  minor=${version#go1.}
  minor=${minor%%.*}
  out="$here/zapcore-go1.$minor"
  mkdir -p "$out"
  rm -rf "$tmp/json" "$tmp/cache"
  # Run from the temp directory: cmd/go then prints absolute paths in the text log, as the JSON
  # form always does (it would shorten them relative to a nearby working directory).
  (
    cd "$tmp"
    env GOROOT="$goroot" GOTOOLCHAIN=local GOCACHE="$tmp/cache" GOENV=off GOFLAGS= GOPROXY=off \
      GOWORK=off GO111MODULE=off GOPATH=/usr/share/gocode \
      "$goroot/bin/go" build -a -gcflags="-m -m -json=0,$tmp/json" go.uber.org/zap/zapcore \
      2> "$tmp/text.log"
  )
  gzip -n -9 -c "$tmp/text.log" > "$out/text.log.gz"
  pack "$tmp/json" "$out/json.tar.gz"
  echo "$version: $(wc -l < "$tmp/text.log") text lines, $(find "$tmp/json" -name '*.json' | wc -l) .json files" >&2
done

# samples/escdemo with Go 1.19 (module mode, two packages), unpacked, for the golden test of
# `summary` on a JSON directory. Built from a copy at a path that is removed afterwards, so the
# sources its headers name are never readable and the output does not depend on the machine.
if [ -z "${1:-}" ]; then
  demo=/tmp/escviz-escdemo-json-gen
  rm -rf "$demo" "$here/escdemo-go1.19" "$tmp/cache"
  cp -r "$here/../../../samples/escdemo" "$demo"
  (
    cd "$demo"
    env GOCACHE="$tmp/cache" GOENV=off GOFLAGS= GOPROXY=off GOWORK=off GO111MODULE=on \
      /usr/lib/go-1.19/bin/go build -a -o /dev/null -gcflags="-m -m -json=0,$here/escdemo-go1.19" \
      ./... 2> /dev/null
  )
  rm -rf "$demo"
fi

# The package's sources (not its tests), for function names: the JSON form names no function.
mkdir -p "$tmp/src"
cp "$src"/*.go "$tmp/src/"
rm -f "$tmp/src"/*_test.go
cp /usr/share/doc/golang-go.uber-zap-dev/copyright "$tmp/src/COPYRIGHT"
pack "$tmp/src" "$here/zapcore-src.tar.gz"
