#!/usr/bin/env bash
# Regenerates the profile truth corpus: every program directory here (one with a go.mod) is, with
# Debian's Go 1.19 (the system `go`) and with Go 1.27 (scripts/fetch-go.sh 1.27, GOTOOLCHAIN=local):
#   1. compiled as a test binary at -gcflags='-m -m' (the binary is thrown away): DIR/go1.XX.m2.log,
#      the compiler's standard error for the package with its _test.go files (the block of the
#      generated test main package, which -gcflags reaches too, is removed);
#   2. tested with `go test -run TestAlloc -count=1 -memprofile ... -memprofilerate=1` (the test
#      binary goes to a temporary folder, not into DIR): DIR/go1.XX.mem.pprof, a symbolized
#      gzipped profile.proto that runtime/pprof writes (pprof reads it without the binary);
#   3. summarized by that release's `go tool pprof -unit=B -lines -top -nodefraction=0` with
#      -sample_index=alloc_objects and alloc_space: DIR/go1.XX.alloc_objects.top and
#      DIR/go1.XX.alloc_space.top (every sample of the profile; flat = allocated at that
#      function:line itself, cum = at or under it; -unit=B labels the object counts "B" too), and
#      the same restricted to TestAlloc's stacks with `-focus=TestAlloc -relative_percentages`:
#      DIR/go1.XX.alloc_objects.focus.top and DIR/go1.XX.alloc_space.focus.top.
# From run to run (a private GOCACHE, GOENV=off, GOFLAGS=, GOPROXY=off): the logs are the same; the
# .focus.top files are the same but for their `Time:` line; the full .top files also differ in
# the allocations of the runtime's background goroutines (scavenger, GC workers, new Ms, timers)
# and of testing's regexp pool, hence in their `Showing nodes ... total` line and every
# percentage, though never in a row of ours; the .pprof files differ likewise (and in time_nanos).
# A .top is always the table of the .pprof beside it. Each alloc.go says how its `// PROFILE:`
# counts are known.
# With PROFILE_TRACES=FOLDER, `go tool pprof -traces -lines` of every profile is written there too
# (FOLDER/NAME.go1.XX.traces; not committed: for reading stacks).
# Usage: tests/profile/gen.sh [DIR...]     (default: every program)
. "$(dirname "$0")/../go_build_env.sh"  # here, root, tmp, the go environment, goroot127

gen() { # gen GO TAG DIR: the log, profile and tables of the program in DIR for one release
  local go=$1 tag=$2 d=$3
  cd "$here/$d"
  "$go" test -c -o /dev/null -gcflags='-m -m' . 2>"$tmp/m2.log" || {
    cat "$tmp/m2.log" >&2
    echo "gen.sh: $d: test build failed ($tag)" >&2
    exit 1
  }
  # -gcflags reaches the generated test main package too (its block `# PKG.test` comes last; in
  # Go 1.19 its file is /tmp/go-buildNNN/b001/_testmain.go, a different name every run): drop it.
  awk '/^# /{skip = ($0 ~ /\.test$/)} !skip' "$tmp/m2.log" >"$tag.m2.log"
  "$go" test -run '^TestAlloc$' -count=1 -o "$tmp/$d.test" -memprofile "$here/$d/$tag.mem.pprof" \
    -memprofilerate=1 . >"$tmp/test.out" 2>&1 || {
    cat "$tmp/test.out" >&2
    echo "gen.sh: $d: go test failed ($tag)" >&2
    exit 1
  }
  local index
  for index in alloc_objects alloc_space; do
    "$go" tool pprof -sample_index=$index -unit=B -lines -top -nodefraction=0 "$tag.mem.pprof" \
      >"$tag.$index.top" 2>"$tmp/pprof.err" &&
      "$go" tool pprof -sample_index=$index -unit=B -lines -top -nodefraction=0 \
        -focus=TestAlloc -relative_percentages "$tag.mem.pprof" >"$tag.$index.focus.top" \
        2>"$tmp/pprof.err" || {
      cat "$tmp/pprof.err" >&2
      exit 1
    }
  done
  if [ -n "${PROFILE_TRACES:-}" ]; then
    "$go" tool pprof -traces -lines "$tag.mem.pprof" >"$PROFILE_TRACES/$d.$tag.traces" 2>/dev/null
  fi
}

[ -z "${PROFILE_TRACES:-}" ] || mkdir -p "$PROFILE_TRACES"
cd "$here"
dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || mapfile -t dirs < <(for d in */; do [ -f "$d/go.mod" ] && echo "${d%/}"; done)
for d in "${dirs[@]}"; do
  (gen go go1.19 "$d")
  (GOROOT=$goroot127 GOTOOLCHAIN=local gen "$goroot127/bin/go" go1.27 "$d")
  echo "$d: $(wc -l <"$d/go1.19.m2.log") log lines, $(wc -l <"$d/go1.19.alloc_objects.top") top lines (go1.19);" \
    "$(wc -l <"$d/go1.27.m2.log") log lines, $(wc -l <"$d/go1.27.alloc_objects.top") top lines (go1.27)" >&2
done
go version >&2
GOROOT=$goroot127 GOTOOLCHAIN=local "$goroot127/bin/go" version >&2
