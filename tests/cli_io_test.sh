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
left=$(find "$tmp" -name '.*escviz-*' | wc -l)
[ "$left" = 0 ] || { fail=$((fail+1)); echo "FAIL: $left temporary files left behind"; }
echo "cli io: $pass passed, $fail failed"
[ "$fail" = 0 ]
