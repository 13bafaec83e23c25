#!/usr/bin/env bash
# Regenerates the logs of the labelled pattern corpus (issue 22): every program directory here
# (one with a go.mod) is built with Debian's Go 1.19 (the system `go`) and with Go 1.27
# (scripts/fetch-go.sh 1.27, GOTOOLCHAIN=local) at -gcflags='-m -m' (only the program's own
# package), and the go command's standard error is written next to the sources:
# DIR/go1.19.m2.log and DIR/go1.27.m2.log. A private GOCACHE (the standard library is compiled
# once per release, without -m), GOENV=off, GOFLAGS= and GOPROXY=off make the logs the same
# from run to run. Each main.go says how the truth of its `// PATTERN:` comments is known;
# tests/patterns/check_patterns.py compares them with `escviz sites`.
# Usage: tests/patterns/gen.sh [DIR...]     (default: every program)
. "$(dirname "$0")/../go_build_env.sh"  # here, root, tmp, the go environment, goroot127
cd "$here"
dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || mapfile -t dirs < <(for d in */; do [ -f "$d/go.mod" ] && echo "${d%/}"; done)
for d in "${dirs[@]}"; do
  (
    cd "$here/$d"
    go build -o /dev/null -gcflags='-m -m' . 2>go1.19.m2.log
    GOROOT=$goroot127 GOTOOLCHAIN=local "$goroot127/bin/go" build -o /dev/null -gcflags='-m -m' . \
      2>go1.27.m2.log
  ) || { echo "gen.sh: $d: build failed, see $d/go1.*.m2.log" >&2; exit 1; }
done
