#!/usr/bin/env bash
# --profile and the scope options as a user meets them (issue 23): malformed profiles (not gzip,
# truncated, a gzip of garbage, a CPU-like protobuf of the wrong kind), a profile of another
# program, a profile that matches nothing; each must exit 2 with a message naming the file, or
# warn and go on. Then --exclude-std/--package/--module must change what is counted.
# Usage: tests/profile_cli_test.sh ESCVIZ
set -uo pipefail
escviz=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
fx=$here/profile
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {  # check NAME WANT_RC PATTERN CMD...: exit status and a stderr+stdout pattern
  local name=$1 want=$2 pattern=$3
  shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ "$rc" != "$want" ] || ! grep -Eq -- "$pattern" "$tmp/err" "$tmp/out"; then
    echo "FAIL $name: exit $rc (want $want), no /$pattern/ in:" >&2
    head -5 "$tmp/err" "$tmp/out" >&2
    fail=1
  else
    echo "ok   $name"
  fi
}
log=$fx/direct/go1.19.m2.log
prof=$fx/direct/go1.19.mem.pprof
cd "$fx/direct" || exit 2
echo "this is not a profile" >"$tmp/text.pprof"
check not-gzip 2 "text.pprof" "$escviz" summary --profile "$tmp/text.pprof" "$log"
head -c 300 "$prof" >"$tmp/cut.pprof"
check truncated 2 "cut.pprof.*(truncat|corrupt|end)" "$escviz" summary --profile "$tmp/cut.pprof" "$log"
head -c 4000 /dev/urandom | gzip -c >"$tmp/garbage.pprof"
check gzip-of-garbage 2 "garbage.pprof" "$escviz" sites --profile "$tmp/garbage.pprof" "$log"
: >"$tmp/empty.pprof"
check empty 2 "empty.pprof" "$escviz" explain --all --profile "$tmp/empty.pprof" "$log"
check missing 2 "nope.pprof" "$escviz" summary --profile "$tmp/nope.pprof" "$log"
check other-program 2 "helpers/go1.19.mem.pprof: no source file of the profile" \
  "$escviz" summary --profile ../helpers/go1.19.mem.pprof "$log"
check bad-sample-index 2 "sample-index" "$escviz" summary --sample-index cpu --profile "$prof" "$log"
# A profile whose lines have no heap verdict: the log of the same files with the heap verdicts
# taken out. It warns, and still lists the allocations (without a verdict).
grep -v -e 'escapes to heap' -e 'moved to heap' "$log" >"$tmp/noheap.log"
check matches-nothing 0 "no sampled line has a heap verdict" \
  "$escviz" summary --profile "$prof" "$tmp/noheap.log"
check good 0 "explained by escape chains" "$escviz" summary --profile "$prof" "$log"
check inuse 0 "inuse_space" "$escviz" summary --sample-index inuse_space --profile "$prof" "$log"
check report 0 "index.html" "$escviz" report -q -o "$tmp/rep" --profile "$prof" "$log"
grep -q "Hottest allocations" "$tmp/rep/index.html" || { echo "FAIL report: no hottest section" >&2; fail=1; }
check diff 0 "\{9.6 KiB in 11 objects\}|added" "$escviz" diff "$log" "$fx/direct/go1.27.m2.log" \
  --profile "$fx/direct/go1.27.mem.pprof"
# An allocation inlined into a caller is its verdict at the call, and of the call's verdicts
# the one whose expression the inlined line spells: in drawSegments (alloc.go:150) newSegment's
# &Segment{...} is 43 objects (43 calls), its two &Point{...} 86 (2 per call), as alloc.go says.
"$escviz" sites --format jsonl --profile "$fx/direct/go1.27.mem.pprof" "$fx/direct/go1.27.m2.log" |
  python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin if json.loads(l)["position"].startswith("./alloc.go:150:")]
got = sorted((r["expression"], r["objects"], r["shared_by"]) for r in rows)
want = [("&Point{...}", 86, 2), ("&Point{...}", 86, 2), ("&Segment{...}", 43, 1)]
sys.exit(0 if got == want else "inlined split: got %s, want %s" % (got, want))' ||
  { echo "FAIL inlined allocations split by the line they were inlined from" >&2; fail=1; }
# explain names the line the profile has for an inlined allocation (pprof -lines's, by
# construction of alloc.go: newPoint and newSegment are inlined into drawSegments), and says
# nothing of the kind for an allocation made on its own line (newBig, go:noinline).
check explain-inlined-from 0 "allocated in newSegment at \./alloc\.go:137, inlined here" \
  "$escviz" explain --at ./alloc.go:150:23 --profile "$prof" "$log"
check explain-inlined-from-point 0 "allocated in newPoint at \./alloc\.go:129, inlined here" \
  "$escviz" explain --at ./alloc.go:143:23 --profile "$prof" "$log"
"$escviz" explain --at ./alloc.go:38 --profile "$prof" "$log" >"$tmp/big" 2>&1
if grep -q "inlined here" "$tmp/big" || ! grep -q "profile: " "$tmp/big"; then
  echo "FAIL explain-own-line: newBig's allocation is on its own line" >&2
  head -8 "$tmp/big" >&2
  fail=1
else
  echo "ok   explain-own-line"
fi
# The runtime's code under another package's name (time.newTimer in GOROOT/src/runtime/time.go,
# linknamed): no build flag gives it a verdict, so no -m=2 advice, though the log has no runtime.
"$escviz" summary --format json --profile "$fx/direct/go1.27.mem.pprof" "$fx/direct/go1.27.m2.log" |
  python3 -c '
import json, sys
rows = [l for l in json.load(sys.stdin)["profile"]["lines"]
        if l["function"] == "time.newTimer" and l["file"].endswith("/src/runtime/time.go")]
ok = rows and all(l["allocator"].startswith("in time.newTimer, the runtime") and
                  "-m=2" not in l["advice"] for l in rows)
sys.exit(0 if ok else "linknamed: %s" % rows)' && echo "ok   linknamed-runtime-code" ||
  { echo "FAIL linknamed runtime code is given -m=2 advice" >&2; fail=1; }
# export: the snapshot keeps the figures (and reads back), SARIF results carry them.
"$escviz" export -o "$tmp/snap.json" --profile "$prof" "$log" || { echo "FAIL export" >&2; fail=1; }
python3 - "$tmp/snap.json" <<'PY' || { echo "FAIL export: no profile array with newBig's 11 objects" >&2; fail=1; }
import json, sys
j = json.load(open(sys.argv[1]))
assert any(r[1] == 11 and r[2] == 9856 for r in j["profile"]), j.get("profile")
PY
check snapshot-reads-back 0 "Heap allocations: 18" "$escviz" summary "$tmp/snap.json"
check sarif 0 '"sampleIndex"' "$escviz" export --format sarif --profile "$prof" "$log"
# Scope: two programs' logs and a standard-library package in one input. --package keeps one
# program (and not a package that merely starts with the same letters), --module the one whose
# go.mod is in the working folder, --exclude-std all but the std package.
heap() { "$escviz" summary --format json "$@" | python3 -c 'import json,sys; print(json.load(sys.stdin)["heap"]["total"])'; }
{ cat "$log" "$fx/helpers/go1.19.m2.log"; printf '# strings\n/usr/lib/go-1.19/src/strings/builder.go:10:2: moved to heap: b\n'; } >"$tmp/three.log"
direct=$(heap "$log"); helpers=$(heap "$fx/helpers/go1.19.m2.log"); all=$(heap "$tmp/three.log")
got_pkg=$(heap --package example.com/proftruth/helpers "$tmp/three.log")
got_prefix=$(heap --package example.com/proftruth/help "$tmp/three.log" 2>/dev/null)
got_module=$(heap --module "$tmp/three.log")
got_std=$(heap --exclude-std "$tmp/three.log")
echo "scope: all $all, direct $direct, helpers $helpers; --package helpers $got_pkg," \
  "--package .../help $got_prefix, --module $got_module, --exclude-std $got_std"
[ "$all" -eq $((direct + helpers + 1)) ] || { echo "FAIL scope: total $all" >&2; fail=1; }
[ "$got_pkg" -eq "$helpers" ] || { echo "FAIL scope: --package" >&2; fail=1; }
[ "$got_prefix" -eq 0 ] || { echo "FAIL scope: a prefix is not a package" >&2; fail=1; }
[ "$got_module" -eq "$direct" ] || { echo "FAIL scope: --module" >&2; fail=1; }
[ "$got_std" -eq $((direct + helpers)) ] || { echo "FAIL scope: --exclude-std" >&2; fail=1; }
check scope-said 0 "scope: standard library excluded" "$escviz" summary --exclude-std "$tmp/three.log"
check no-package 0 "no package of the log is in the scope" \
  "$escviz" summary --package example.com/none "$log"
check exclude-std-profile 0 "outside the scope" "$escviz" summary --exclude-std --profile "$prof" "$log"
exit $fail
