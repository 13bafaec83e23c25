#!/usr/bin/env bash
# Checks that includes point one way (README, "Layout"):
#
#   src/cli/  commands   may include  src/cli/, parsers/, render/, src/
#   parsers/  parsers    may include  parsers/, src/
#   render/   renderers  may include  render/, src/
#   src/      the model  may include  src/ (not src/cli/)
#
# and that three libraries stay where they belong: CLI11 (<CLI/...>) in src/cli/app.cc alone, Graphviz
# (<graphviz/...>) in render/, Boost.Graph (<boost/graph/...>) in src/escape_graph.cc alone.
# Prints one line per include that breaks a rule, `FILE:LINE: includes X: RULE`, and exits 1 if
# there is any. Usage: scripts/check-layers.sh [ROOT]   (default: this checkout)
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"

# The layer of a path: cli, parsers, render, model, or other.
layer_of() {
  case "$1" in
    src/cli/*) echo cli ;;
    src/*) echo model ;;
    parsers/*) echo parsers ;;
    render/*) echo render ;;
    *) echo other ;;
  esac
}

declare -A may=(
  [cli]="cli parsers render model"
  [parsers]="parsers model"
  [render]="render model"
  [model]="model"
)
declare -A rule=(
  [cli]="the commands (src/cli/) may include src/cli/, parsers/, render/ and src/"
  [parsers]="parsers/ may include only parsers/ and src/ (not render/ or src/cli/)"
  [render]="render/ may include only render/ and src/ (not parsers/ or src/cli/)"
  [model]="the model (src/) may include only src/ (not parsers/, render/ or src/cli/)"
)

bad=0
while IFS= read -r file; do
  from=$(layer_of "$file")
  while IFS=: read -r line text; do
    if [[ $text =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([^\"]+)\" ]]; then
      target=${BASH_REMATCH[1]}
      to=$(layer_of "$target")
      if [[ " ${may[$from]} " != *" $to "* ]]; then
        echo "$file:$line: includes \"$target\": ${rule[$from]}"
        bad=1
      fi
    elif [[ $text =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\<([^\>]+)\> ]]; then
      target=${BASH_REMATCH[1]}
      case "$target" in
        CLI/*) [ "$file" = src/cli/app.cc ] || { echo "$file:$line: includes <$target>: CLI11 stays inside src/cli/app.cc (one translation unit: the build is slow otherwise)"; bad=1; } ;;
        graphviz/*) [ "$from" = render ] || { echo "$file:$line: includes <$target>: Graphviz is for render/ only"; bad=1; } ;;
        boost/graph/*) [ "$file" = src/escape_graph.cc ] || { echo "$file:$line: includes <$target>: Boost.Graph stays inside src/escape_graph.cc"; bad=1; } ;;
      esac
    fi
  done < <(grep -n '^[[:space:]]*#[[:space:]]*include' "$file" || true)
done < <(find src parsers render -type f \( -name '*.h' -o -name '*.cc' \) 2>/dev/null | LC_ALL=C sort)

if [ $bad = 0 ]; then echo "check-layers: every include points down a layer"; fi
exit $bad
