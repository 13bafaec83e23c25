#!/usr/bin/env bash
# Checks that every tracked .h and .cc file is formatted as .clang-format says
# (clang-format --dry-run -Werror); names the files that are not. Fix with
#   git ls-files '*.h' '*.cc' | xargs clang-format -i
set -uo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "check-format: clang-format not found" >&2; exit 2; }
# The tracked files; outside a git checkout (a source archive), every .h/.cc but build folders.
files() {
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z '*.h' '*.cc'
  else
    find . -path './build*' -prune -o \( -name '*.h' -o -name '*.cc' \) -print0
  fi
}
bad=() n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done < <(files)
if [ ${#bad[@]} -gt 0 ]; then
  echo "check-format: ${#bad[@]} of $n files not formatted (clang-format -i FILE):" >&2
  printf '  %s\n' "${bad[@]}" >&2
  exit 1
fi
echo "check-format: $n files formatted"
