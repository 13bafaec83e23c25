#!/usr/bin/env bash
# Regenerates the logs of the truth corpus: every program directory here (one with a go.mod) is built
# with Debian's Go 1.19 (the system `go`) and with Go 1.27 (scripts/fetch-go.sh 1.27, GOTOOLCHAIN=local)
# at -gcflags='-m -m' (only the program's own package), and the go command's standard error is
# written next to the sources: DIR/go1.19.m2.log and DIR/go1.27.m2.log.
# A program that needs its callees' explanations too has a file `all-m2` in its directory: it gets a
# second pair of logs made with -gcflags=all=-m=2 (go1.19.all.m2.log.gz, go1.27.all.m2.log.gz).
# Byte-identical from run to run: -a (nothing replayed from the build cache), a private GOCACHE,
# GOENV=off, GOFLAGS= and GOPROXY=off. Paths in the logs are ./main.go (cmd/go shortens them relative to
# the program's directory, the cwd of the build).
# Usage: tests/truth/gen.sh [DIR...]     (default: every program)
. "$(dirname "$0")/../go_build_env.sh"  # here, root, tmp, the go environment, goroot127

build() { # build GO FLAGS OUT: the -m log of the program in the cwd
  local go=$1 flags=$2 out=$3
  "$go" build -a -o /dev/null -gcflags="$flags" . 2>"$out" || {
    echo "gen.sh: $(pwd): build failed, see $out" >&2
    exit 1
  }
}

cd "$here"
dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || mapfile -t dirs < <(ls -d */ | tr -d / | while read -r d; do [ -f "$d/go.mod" ] && echo "$d"; done)
for d in "${dirs[@]}"; do
  (
    cd "$here/$d"
    build go '-m -m' go1.19.m2.log
    GOROOT=$goroot127 GOTOOLCHAIN=local build "$goroot127/bin/go" '-m -m' go1.27.m2.log
    if [ -f all-m2 ]; then
      build go 'all=-m=2' "$tmp/all119.log"
      GOROOT=$goroot127 GOTOOLCHAIN=local build "$goroot127/bin/go" 'all=-m=2' "$tmp/all127.log"
      gzip -n -9 -c "$tmp/all119.log" >go1.19.all.m2.log.gz
      gzip -n -9 -c "$tmp/all127.log" >go1.27.all.m2.log.gz
    fi
    echo "$d: $(wc -l <go1.19.m2.log) lines (go1.19), $(wc -l <go1.27.m2.log) lines (go1.27)" >&2
  )
done
go version >&2
GOROOT=$goroot127 GOTOOLCHAIN=local "$goroot127/bin/go" version >&2
