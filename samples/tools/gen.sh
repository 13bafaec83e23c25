#!/usr/bin/env bash
# Regenerates the logs in samples/tools/ (see README.md): real output of the go command in which
# lines printed by other tools (gcc for cgo, vet under `go test`/`go vet`, the compiler's b.Loop
# notes) share the stream with the escape-analysis diagnostics. Each log is what a user gets with
# `CMD 2>&1` (stdout and stderr of the go command together).
#
# Every log is made twice, each time with -a and a fresh private GOCACHE, and the two runs must be
# byte-identical, otherwise the script stops. GOENV=off GOFLAGS= GOPROXY=off GOWORK=off
# GOTOOLCHAIN=local keep user settings out; LC_ALL=C.UTF-8 fixes gcc's quotes (‘x’; the *.C.m2.log
# log is made with LC_ALL=C and has 'x'). Commands are run from the program's own directory, so
# cmd/go prints paths as ./file.go or dir/file.go.
#
# The one-off captures (*.once.m2.log) are NOT rewritten by a plain run: with Go 1.19 their
# _cgo_gotypes.go / _testmain.go lines carry the random build directory /tmp/go-buildNNN, so they
# differ on every run. `./gen.sh once` captures them again (a single run, no comparison).
#
# Usage: ./gen.sh            all deterministic logs
#        ./gen.sh once       only the one-off captures
# Toolchains: Go 1.19 is Debian's golang-go (`go` on PATH); the others come from
# ../../scripts/fetch-go.sh (GOROOT under /var/cache/escviz-go by default). The Go 1.26+ `go test`
# logs name files of that GOROOT by absolute path (/var/cache/escviz-go/go1.2X/usr/lib/go-1.2X/src/...),
# so they only reproduce byte for byte with the toolchains at that place.
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
fetch=$here/../../scripts/fetch-go.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GOENV=off GOFLAGS= GOPROXY=off GOWORK=off GOTMPDIR= GO111MODULE=on GOTOOLCHAIN=local
export CGO_ENABLED=1 LC_ALL=C.UTF-8
unset GOROOT GOPATH CC CGO_CFLAGS GCC_COLORS

goroot_of() {
  if [ "$1" = 1.19 ]; then
    echo /usr/lib/go-1.19
  else
    "$fetch" "$1"
  fi
}

# run VERSION DIR OUT EXPECTED_RC CMD...: runs CMD (a go command) in DIR with Go VERSION, stdout and
# stderr together into OUT, checks its exit status; ONCE=1 runs it once, otherwise twice and compares.
run() {
  local v=$1 dir=$2 out=$3 want=$4 goroot i rc
  shift 4
  goroot=$(goroot_of "$v")
  local n=2
  [ "${ONCE:-}" = 1 ] && n=1
  for i in $(seq 1 $n); do
    rc=0
    (
      cd "$dir"
      export GOROOT=$goroot PATH=$goroot/bin:$PATH GOCACHE="$tmp/cache.$i"
      rm -rf "$GOCACHE"
      "$@" > "$tmp/out.$i" 2>&1
    ) || rc=$?
    if [ "$rc" != "$want" ]; then
      echo "gen.sh: $out: exit status $rc, expected $want" >&2
      cat "$tmp/out.$i" >&2
      exit 1
    fi
  done
  if [ $n = 2 ] && ! cmp -s "$tmp/out.1" "$tmp/out.2"; then
    echo "gen.sh: $out: two runs differ:" >&2
    diff "$tmp/out.1" "$tmp/out.2" >&2 || true
    exit 1
  fi
  mv "$tmp/out.1" "$out"
  rm -rf "$tmp"/cache.*
  printf '%s: %s lines, %s, exit %s\n' "$out" "$(wc -l < "$out")" "$(GOROOT=$goroot "$goroot/bin/go" version)" "$rc" >&2
}

gen_all() {
  # 1. cgo: gcc warnings (cgo-gcc-prolog, In file included from, note: declared here, excerpts).
  #    cgowarn: the cgo code is in the main package itself (preamble + oldapi.h) and gets -m.
  #    Go 1.21+ print its generated file as _cgo_gotypes.go; Go 1.19 as /tmp/go-buildNNN/... (once).
  run 1.27 cgowarn cgowarn.build.go127.m2.log 0 go build -a -o /dev/null -gcflags='-m -m' .
  LC_ALL=C run 1.27 cgowarn cgowarn.build.go127.C.m2.log 0 go build -a -o /dev/null -gcflags='-m -m' .
  #    split (plain Go, gets -m) imports capi (cgo, gets no -m: -gcflags without a pattern applies to
  #    the named packages only): gcc's warnings for capi, then split's -m lines; stable on Go 1.19 too.
  run 1.19 cgowarn cgosplit.build.go119.m2.log 0 go build -a -o /dev/null -gcflags='-m -m' ./split
  run 1.27 cgowarn cgosplit.build.go127.m2.log 0 go build -a -o /dev/null -gcflags='-m -m' ./split

  # 2. vet findings printed by `go test` (its built-in vet subset: printf, errorsas, ...), and by
  #    `go vet`, which also compiles the test variant with -m (vetdemo_x_test.go needs its export data).
  #    Go 1.19's `go test` log names /tmp/go-buildNNN/b001/_testmain.go: once only.
  run 1.24 vetdemo vetdemo.gotest.go124.m2.log 1 go test -a -gcflags='-m -m' .
  run 1.27 vetdemo vetdemo.gotest.go127.m2.log 1 go test -a -gcflags='-m -m' .
  run 1.19 vetdemo vetdemo.govet.go119.m2.log 2 go vet -a -gcflags='-m -m' .
  run 1.27 vetdemo vetdemo.govet.go127.m2.log 1 go vet -a -gcflags='-m -m' .

  # 3. testing.B.Loop (go 1.24 module): 1.24/1.25 print "skip inlining within testing.B.loop for
  #    for loop" (on the compiler's stdout), 1.26+ print "... will be kept alive" instead.
  local v
  for v in 1.24 1.25 1.26 1.27; do
    run "$v" bloop "bloop.gotest.go${v/./}.m2.log" 0 go test -c -a -o /dev/null -gcflags='-m -m' .
  done
}

gen_once() {
  ONCE=1 run 1.19 cgowarn cgowarn.build.go119.once.m2.log 0 go build -a -o /dev/null -gcflags='-m -m' .
  ONCE=1 run 1.19 vetdemo vetdemo.gotest.go119.once.m2.log 2 go test -a -gcflags='-m -m' .
}

case ${1:-all} in
  all) gen_all ;;
  once) gen_once ;;
  *) echo "usage: gen.sh [all | once]" >&2; exit 2 ;;
esac
