#!/usr/bin/env bash
# Expected-output tests: each tests/golden/<case>/ holds `args` (the escviz arguments, one line,
# run from the repository root), `stdout`, and optionally `stderr` and `status` (default 0).
# Standard error is always compared: a case without a `stderr` file expects none, so a new
# warning fails the case.
# Usage: tests/golden_test.sh BIN [CASE...]; set UPDATE_GOLDEN=1 to rewrite the expected files
# (review the diff by eye before committing).
set -uo pipefail
bin=$(realpath "$1"); shift
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=($(ls tests/golden))
fail=0 pass=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for c in "${cases[@]}"; do
  dir=tests/golden/$c
  read -r -a args <"$dir/args"
  NO_COLOR=1 "$bin" "${args[@]}" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null
  status=$?
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$tmp/stdout" "$dir/stdout"
    if [ -s "$tmp/stderr" ]; then cp "$tmp/stderr" "$dir/stderr"; else rm -f "$dir/stderr"; fi
    if [ $status -ne 0 ]; then echo $status >"$dir/status"; else rm -f "$dir/status"; fi
    echo "updated $c"; continue
  fi
  want_status=0; [ -f "$dir/status" ] && want_status=$(cat "$dir/status")
  ok=1
  diff -u "$dir/stdout" "$tmp/stdout" >"$tmp/diff" || ok=0
  want_stderr=/dev/null; [ -f "$dir/stderr" ] && want_stderr=$dir/stderr
  diff -u --label "$dir/stderr" --label "stderr" "$want_stderr" "$tmp/stderr" >>"$tmp/diff" || ok=0
  [ "$status" = "$want_status" ] || { ok=0; echo "status $status, want $want_status" >>"$tmp/diff"; }
  if [ $ok = 1 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $c"; head -60 "$tmp/diff"; fi
done
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]
