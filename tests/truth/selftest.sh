#!/usr/bin/env bash
# The checkers checked, without escviz: selftest/handler.go1.19.json is escviz's chains JSON of
# handler/go1.19.m2.log as the schema says it must be, written by hand (from a real run, every chain
# set right by hand after handler/main.go's TRUTH); handler-broken.go1.19.json is the same with three
# faults put in on purpose: users continues into writeJSON's w (index 0), a step of []User{...} goes
# through a location introduced elsewhere, and the chain of (*memStore).Put's u is dropped.
# Both checkers must pass the first and fail the second with exactly those faults.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "selftest: FAIL: $*" >&2; exit 1; }
(cd "$here/propcheck" && GO111MODULE=off GOFLAGS= GOCACHE="$tmp/cache" go build -o "$tmp/propcheck" .)
mkdir "$tmp/good" "$tmp/bad"
cp "$here/selftest/handler.go1.19.json" "$tmp/good/"
cp "$here/selftest/handler-broken.go1.19.json" "$tmp/bad/handler.go1.19.json"
log=$here/handler/go1.19.m2.log

python3 "$here/check_truth.py" none --json-dir "$tmp/good" --release 1.19 handler >"$tmp/out" ||
  { cat "$tmp/out"; fail "check_truth.py rejects the right chains"; }
grep -q '16 matched, 0 mismatched' "$tmp/out" || fail "check_truth.py: $(head -1 "$tmp/out")"
set +e
python3 "$here/check_truth.py" none --json-dir "$tmp/bad" --release 1.19 handler >"$tmp/out"
rc=$?
set -e
[ $rc -eq 1 ] || { cat "$tmp/out"; fail "check_truth.py exit $rc on the broken chains, expected 1"; }
grep -q 'MISMATCH handler/main.go:57 users' "$tmp/out" || fail "check_truth.py missed users -> writeJSON.w"
grep -q 'MISMATCH handler/main.go:48 u' "$tmp/out" || fail "check_truth.py missed the dropped chain of u"

"$tmp/propcheck" "$here/selftest/handler.go1.19.json" "$log" "$here/handler" >"$tmp/out" ||
  { cat "$tmp/out"; fail "propcheck rejects the right chains"; }
set +e
"$tmp/propcheck" "$here/selftest/handler-broken.go1.19.json" "$log" "$here/handler" >"$tmp/out"
rc=$?
set -e
[ $rc -eq 1 ] || { cat "$tmp/out"; fail "propcheck exit $rc on the broken chains, expected 1"; }
grep -q '^(a) .* 1 violations' "$tmp/out" || { cat "$tmp/out"; fail "propcheck (a)"; }
grep -q '^(b) .* 1 violations' "$tmp/out" || { cat "$tmp/out"; fail "propcheck (b)"; }
grep -q 'block at log line 33 belongs to no chain' "$tmp/out" || { cat "$tmp/out"; fail "propcheck (c)"; }
echo "selftest: both checkers pass the right chains and catch the three faults"
