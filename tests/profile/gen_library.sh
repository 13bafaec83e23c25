#!/usr/bin/env bash
# Makes the escape logs and a heap profile of a real library's benchmarks, for measuring escviz's
# join of -m=2 logs with pprof profiles (not run by the tests; the outputs are not committed):
# go.uber.org/zap as Debian packages it (golang-go.uber-zap-dev, /usr/share/gocode/src/go.uber.org/zap),
# built in GOPATH mode (GO111MODULE=off GOPATH=/usr/share/gocode: its dependencies are Debian's too;
# nothing is written under GOPATH), with Debian's Go 1.19 and with Go 1.27 (scripts/fetch-go.sh).
# For each release, into OUTDIR:
#   zap-1.XX.m2.log          go test -c -o /dev/null -gcflags='-m -m' go.uber.org/zap: blocks
#                            `# go.uber.org/zap [go.uber.org/zap.test]` and `# go.uber.org/zap_test ...`,
#                            absolute paths (/usr/share/gocode/src/go.uber.org/zap/logger.go:L:C: the
#                            build runs outside the package directory)
#   zap-1.XX.all.m2.log      the same with -gcflags=all=-m=2 (every dependency and the standard library)
#   zap-1.XX.mem.pprof       go test -run '^$' -bench . -benchtime 2000x -memprofile ... -memprofilerate=1
#   zap-1.XX.bench.txt       that run's output
#   zap-1.XX.alloc_space.top, zap-1.XX.alloc_objects.top
#                            go tool pprof -sample_index=INDEX -unit=B -lines -top -nodefraction=0
# The block of the generated test main package (`# go.uber.org/zap.test`, whose file is
# /tmp/go-buildNNN/b001/_testmain.go in Go 1.19) is removed from the logs. The -m -m logs are the
# same from run to run; the all=-m=2 logs are not: their package blocks come in the order the
# builds finish, and cgo-generated files (net's) are named /tmp/go-buildNNN/bMMM/_cgo_gotypes.go.
# Nor are the profiles (benchmark timing, GC).
# Takes about 3 minutes (mostly the all=-m=2 builds: ~30 MB of log with 1.19, ~65 MB with 1.27).
# Usage: tests/profile/gen_library.sh OUTDIR
. "$(dirname "$0")/../go_build_env.sh"  # here, root, tmp, the go environment, goroot127
[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
mkdir -p "$1"
out=$(cd "$1" && pwd)
pkg=go.uber.org/zap
export GO111MODULE=off GOPATH=/usr/share/gocode
[ -d "$GOPATH/src/$pkg" ] || { echo "gen_library.sh: $GOPATH/src/$pkg missing (apt-get install golang-go.uber-zap-dev)" >&2; exit 1; }
cd "$tmp"

strip_testmain() { awk '/^# /{skip = ($0 ~ /\.test$/)} !skip' "$1"; }

gen() { # gen GO TAG
  local go=$1 tag=$2 flags index
  for flags in '-m -m' 'all=-m=2'; do
    local name=zap-$tag.m2.log
    [ "$flags" = '-m -m' ] || name=zap-$tag.all.m2.log
    "$go" test -c -o /dev/null -gcflags="$flags" "$pkg" 2>"$tmp/m2.log" || {
      tail -20 "$tmp/m2.log" >&2
      echo "gen_library.sh: build failed ($tag, $flags)" >&2
      exit 1
    }
    strip_testmain "$tmp/m2.log" >"$out/$name"
  done
  "$go" test -run '^$' -bench . -benchtime 2000x -o "$tmp/zap-$tag.test" \
    -memprofile "$out/zap-$tag.mem.pprof" -memprofilerate=1 "$pkg" >"$out/zap-$tag.bench.txt" 2>&1 || {
    cat "$out/zap-$tag.bench.txt" >&2
    exit 1
  }
  for index in alloc_space alloc_objects; do
    "$go" tool pprof -sample_index=$index -unit=B -lines -top -nodefraction=0 \
      "$out/zap-$tag.mem.pprof" >"$out/zap-$tag.$index.top" 2>/dev/null
  done
  ls -l "$out"/zap-"$tag".* >&2
}

(export GOCACHE=$tmp/cache119; gen go 1.19)
(export GOCACHE=$tmp/cache127 GOROOT=$goroot127 GOTOOLCHAIN=local; gen "$goroot127/bin/go" 1.27)
