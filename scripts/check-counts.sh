#!/usr/bin/env bash
# Checks escviz's counts against independent grep counts of their definitions (SPEC 4.1).
# Usage: scripts/check-counts.sh [--escviz BIN] LOG...   (.gz logs are read with zcat)
# Prints one table per log: key, grep count, escviz count, and OK or DIFF; exits 1 on any DIFF.
# A message that runs over several lines (a raw string literal printed verbatim) counts once: the
# greps read the log with each message joined on one line by scripts/join-records.awk, written
# apart from escviz's parser; `wc -l` of the raw log checks lines.total.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=$here/build/escviz
if [ "${1:-}" = "--escviz" ]; then bin=$2; shift 2; fi
export LC_ALL=C
# A position: `file:line[:col]`, the -L form `file:line[abs:line:col]`, or `<unknown line number>`.
# The position is optional: Go 1.26+ prints some verdicts without one (`moved to heap: #next`),
# and escviz counts a verdict whatever its position.
POS='^((<unknown line number>|[^ ]*:[0-9]+(:[0-9]+)?(\[[^]]*\])?): )?'
declare -A def=(
  [moved_to_heap]="${POS}moved to heap: "
  [escapes_to_heap]="${POS}.* escapes to heap\$"
  [does_not_escape]="${POS}.* does not escape\$"
  [leaking_param]="${POS}leaking param: [^ ]+\$"
  [leaking_param_content]="${POS}leaking param content: "
  [leaking_param_to_result]="${POS}leaking param: [^ ]+ to result [^ ]+ level=-?[0-9]+\$"
  [can_inline]="${POS}can inline "
  [inlining_call]="${POS}inlining call to "
)
keys=(moved_to_heap escapes_to_heap does_not_escape leaking_param leaking_param_content
      leaking_param_to_result can_inline cannot_inline inlining_call)
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for log in "$@"; do
  cat_cmd=(cat); case "$log" in *.gz) cat_cmd=(zcat) ;; esac
  "${cat_cmd[@]}" "$log" | awk -f "$here/scripts/join-records.awk" >"$tmp/joined"
  json=$("$bin" summary --format json "$log" 2>/dev/null)
  # The "counts" object is printed one key per line.
  counts=$(sed -n '/^  "counts": {/,/^  }/p' <<<"$json")
  get() { sed -n "s/^ *\"$1\": \([0-9]*\),\{0,1\}$/\1/p" <<<"$counts"; }
  echo "== $log"
  printf '  %-26s %10s %10s\n' key grep escviz
  total_json=$(sed -n '/^  "lines": {/,/^  }/p' <<<"$json" | sed -n 's/^ *"total": \([0-9]*\),*$/\1/p')
  unrec_json=$(sed -n '/^  "lines": {/,/^  }/p' <<<"$json" | sed -n 's/^ *"unrecognized": \([0-9]*\),*$/\1/p')
  wc_lines=$("${cat_cmd[@]}" "$log" | wc -l)
  for k in "${keys[@]}"; do
    if [ "$k" = cannot_inline ]; then
      # `cannot inline F: REASON`, but not `cannot inline F into G: repeated recursive cycle`.
      g=$(grep -E "${POS}cannot inline " "$tmp/joined" | grep -cvE ' into .+: repeated recursive cycle$' || true)
    else
      g=$(grep -cE "${def[$k]}" "$tmp/joined" || true)
    fi
    e=$(get "$k")
    verdict=OK; [ "$g" = "$e" ] || { verdict=DIFF; status=1; }
    printf '  %-26s %10s %10s  %s\n' "$k" "$g" "$e" "$verdict"
  done
  verdict=OK; [ "$wc_lines" = "$total_json" ] || { verdict=DIFF; status=1; }
  printf '  %-26s %10s %10s  %s\n' "lines.total (wc -l)" "$wc_lines" "$total_json" "$verdict"
  verdict=OK; [ "$unrec_json" = 0 ] || { verdict=DIFF; status=1; }
  printf '  %-26s %10s %10s  %s\n' "lines.unrecognized" 0 "$unrec_json" "$verdict"
done
exit $status
