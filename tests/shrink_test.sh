#!/usr/bin/env bash
# A log that shrinks while escviz reads it (a build still writing it, another job truncating
# it) must end in `FILE: the input shrank while it was read`, exit 2 and no output file, never
# in "Bus error" (exit 135). Each command that reads a mapped file is run on a log of about
# 300 MB made from a sample, which is truncated a moment after the run starts. A run that
# finishes before the truncation proves nothing: it is tried again on a log twice as big (three
# times at most, then reported as not shown). Usage: tests/shrink_test.sh BIN
set -uo pipefail
bin=$1
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
sample=$root/samples/escdemo.m2.log
make_log() {  # make_log COPIES: the sample COPIES times into $tmp/big.log
  local n=$1
  for _ in $(seq 1 100); do cat "$sample"; done >"$tmp/block"
  : >"$tmp/big.log"
  for _ in $(seq 1 $((n / 100))); do cat "$tmp/block"; done >>"$tmp/big.log"
}
pass=0 fail=0 unshown=0
run() {  # run NAME ARGS... (the log is $tmp/big.log; `STDIN` as an argument reads it from stdin)
  local name=$1; shift
  local copies=25000 try status
  for try in 1 2 3; do
    make_log $copies
    rm -rf "$tmp/out"; mkdir "$tmp/out"
    local args=() use_stdin=0
    for a in "$@"; do if [ "$a" = STDIN ]; then use_stdin=1; args+=(-); else args+=("$a"); fi; done
    if [ $use_stdin = 1 ]; then
      "$bin" "${args[@]}" <"$tmp/big.log" >"$tmp/stdout" 2>"$tmp/err" &
    else
      "$bin" "${args[@]}" >"$tmp/stdout" 2>"$tmp/err" &
    fi
    local pid=$!
    sleep 0.15
    truncate -s 100000 "$tmp/big.log"
    wait $pid; status=$?
    if [ $status = 0 ]; then copies=$((copies * 2)); continue; fi  # finished first: again
    if [ $status = 2 ] && grep -q "the input shrank while it was read" "$tmp/err" &&
      [ -z "$(ls -A "$tmp/out")" ]; then
      pass=$((pass + 1))
    else
      fail=$((fail + 1)); echo "FAIL $name: exit $status"; head -5 "$tmp/err"; ls -A "$tmp/out"
    fi
    return
  done
  unshown=$((unshown + 1)); echo "NOT SHOWN $name: it always finished before the truncation"
}
run "summary" summary "$tmp/big.log"
run "summary - < file" summary STDIN
run "diff" diff "$root/samples/escdemo.m2.log" "$tmp/big.log" -o "$tmp/out/d.txt"
run "export" export -o "$tmp/out/x.json" "$tmp/big.log"
run "report" report -q -o "$tmp/out/r" "$tmp/big.log"
echo "shrink: $pass passed, $fail failed, $unshown skipped"
[ $fail = 0 ]
