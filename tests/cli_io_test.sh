#!/usr/bin/env bash
# What users do to the built binary's output: a full disk on standard output, `-o` into a folder
# that cannot take the file, `-o` naming an input. Each must exit 2 with a message naming the
# output and the reason, and leave no file behind. Usage: tests/cli_io_test.sh BIN
set -uo pipefail
bin=$1
root=$(cd "$(dirname "$0")/.." && pwd)
log=$root/samples/escdemo.m2.log
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
expect() {  # expect NAME STATUS MESSAGE-SUBSTRING (of stderr) -- command...
  local name=$1 want=$2 msg=$3; shift 4
  "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
  local got=$?
  if [ "$got" = "$want" ] && grep -qF -- "$msg" "$tmp/err"; then pass=$((pass+1)); else
    fail=$((fail+1)); echo "FAIL $name: status $got (want $want), stderr:"; cat "$tmp/err"; fi
}
for cmd in "summary" "summary --format json" "explain --name local" "graph --top 1" "export" \
  "export --format sarif" "diff $log"; do
  # shellcheck disable=SC2086
  expect "$cmd > /dev/full" 2 "standard output: cannot write: No space left on device" -- \
    sh -c "\"$bin\" $cmd \"$log\" >/dev/full"
done
mkdir "$tmp/ro"; chmod 500 "$tmp/ro"
if [ "$(id -u)" != 0 ]; then  # root writes anywhere
  expect "export -o unwritable folder" 2 "$tmp/ro/x.json: cannot write: Permission denied" -- \
    "$bin" export -o "$tmp/ro/x.json" "$log"
fi
expect "export -o missing folder" 2 "$tmp/none/x.json: cannot write: No such file or directory" -- \
  "$bin" export -o "$tmp/none/x.json" "$log"
cp "$log" "$tmp/in.log"
expect "export -o its input" 2 "$tmp/in.log: is also an input" -- \
  "$bin" export -o "$tmp/in.log" "$tmp/in.log"
cmp -s "$log" "$tmp/in.log" || { fail=$((fail+1)); echo "FAIL: the input was changed"; }
# Options that cannot mean what they say are refused, naming the option.
expect "--top -1" 2 "--top: Value -1 not in range" -- "$bin" summary --top -1 "$log"
expect "--max-nodes huge" 2 "--max-nodes: Value 99999999999999999999 not in range" -- \
  "$bin" graph --max-nodes 99999999999999999999 "$log"
expect "--no-sources with --source-root" 2 "excludes" -- \
  "$bin" summary --no-sources --source-root "$root" "$log"
expect "graph -o x.png" 2 "graph writes DOT or SVG" -- "$bin" graph -o "$tmp/x.png" "$log"
[ -e "$tmp/x.png" ] && { fail=$((fail+1)); echo "FAIL: graph -o x.png wrote a file"; }
# The gate never passes on an empty side (an empty log, the wrong file).
: >"$tmp/empty.log"
expect "diff --fail-on new LOG EMPTY" 2 "HEAD ($tmp/empty.log) holds no package and no verdict" -- \
  "$bin" diff --fail-on new "$log" "$tmp/empty.log"
# Standard input that is a regular file is read from where it stands, and read once.
want=$(tail -n +201 "$log" | "$bin" summary --format json 2>/dev/null | grep '"total"')
got=$({ head -n 200 >/dev/null; "$bin" summary --format json 2>/dev/null; } <"$log" | grep '"total"')
if [ "$want" = "$got" ]; then pass=$((pass+1)); else
  fail=$((fail+1)); echo "FAIL: standard input read from offset 0: $got, want $want"; fi
expect "diff - -" 2 "standard input (-) is named on both sides" -- sh -c "\"$bin\" diff - - <\"$log\""
# Running out of memory is a message naming the input, exit 2 (issue 21), whether it happens
# while the log is read or while it is analysed. ulimit -v cannot be combined with
# AddressSanitizer (it reserves terabytes of address space), so that build skips this.
# The lines differ one from the next (a line of the source each), so each is a verdict kept.
if [ -z "${ASAN_OPTIONS:-}" ]; then
  awk 'BEGIN { for (i = 0; i < 3000000; i++) printf "./a.go:%d:2: moved to heap: x\n", i % 50000 + 1 }' \
    >"$tmp/flood.log"
  gzip -c "$tmp/flood.log" >"$tmp/flood.log.gz"
  for limit in 300000 530000; do
    for f in "$tmp/flood.log" "$tmp/flood.log.gz"; do
      expect "out of memory ($f, ulimit -v $limit)" 2 "$f" -- \
        sh -c "ulimit -v $limit; \"$bin\" summary \"$f\""
      grep -qF "out of memory" "$tmp/err" || {
        fail=$((fail+1)); echo "FAIL: $f under ulimit -v $limit: no 'out of memory'"; }
    done
  done
  # One line repeated is one verdict that stands for its lines (Model::collapse_runs): summary
  # counts all 3,000,000 within the limit that the lines above exhaust.
  yes './a.go:5:2: moved to heap: x' | head -n 3000000 | gzip -c >"$tmp/same.log.gz"
  got=$(sh -c "ulimit -v 300000; \"$bin\" summary --format json \"$tmp/same.log.gz\"" 2>"$tmp/err" |
    grep -o '"moved_to_heap": *[0-9]*' | head -1 | grep -o '[0-9]*$')
  if [ "$got" = 3000000 ]; then pass=$((pass+1)); else
    fail=$((fail+1)); echo "FAIL: summary of one line 3,000,000 times under ulimit -v 300000: '$got'"
    cat "$tmp/err"; fi
fi

left=$(find "$tmp" -name '.*escviz-*' | wc -l)
[ "$left" = 0 ] || { fail=$((fail+1)); echo "FAIL: $left temporary files left behind"; }
echo "cli io: $pass passed, $fail failed"
[ "$fail" = 0 ]
