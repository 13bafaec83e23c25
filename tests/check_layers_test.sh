#!/usr/bin/env bash
# Shows that scripts/check-layers.sh fails on includes that break the layers: it runs the check on
# a small tree with one deliberate violation of each rule (and allowed includes beside them) and
# compares the whole output and the exit status.
set -uo pipefail
check=$(cd "$(dirname "$0")/.." && pwd)/scripts/check-layers.sh
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree"/src/cli "$tree"/parsers "$tree"/render
put() { printf '%s\n' "${@:2}" >"$tree/$1"; }
put src/model.h '#pragma once' '#include "src/position.h"' '#include "render/escape.h"'
put src/query.cc '#include "src/query.h"' '  #  include "src/cli/app.h"' '#include <CLI/CLI.hpp>'
put src/chains.cc '#include <boost/graph/adjacency_list.hpp>'
put src/cli/graph_command.cc '#include "src/cli/command.h"' '#include <CLI/CLI.hpp>'
put src/escape_graph.cc '#include <boost/graph/adjacency_list.hpp>'
put parsers/classifier.cc '#include "parsers/classifier.h"' '#include "src/model.h"' \
  '#include "render/escape.h"'
put render/summary_render.cc '#include "render/escape.h"' '#include "parsers/line_reader.h"' \
  '#include <graphviz/gvc.h>'
put src/cli/app.cc '#include "parsers/classifier.h"' '#include "render/escape.h"' \
  '#include "src/model.h"' '#include <CLI/CLI.hpp>' '#include <graphviz/cgraph.h>'

want='parsers/classifier.cc:3: includes "render/escape.h": parsers/ may include only parsers/ and src/ (not render/ or src/cli/)
render/summary_render.cc:2: includes "parsers/line_reader.h": render/ may include only render/ and src/ (not parsers/ or src/cli/)
src/chains.cc:1: includes <boost/graph/adjacency_list.hpp>: Boost.Graph stays inside src/escape_graph.cc
src/cli/app.cc:5: includes <graphviz/cgraph.h>: Graphviz is for render/ only
src/cli/graph_command.cc:2: includes <CLI/CLI.hpp>: CLI11 stays inside src/cli/app.cc (one translation unit: the build is slow otherwise)
src/model.h:3: includes "render/escape.h": the model (src/) may include only src/ (not parsers/, render/ or src/cli/)
src/query.cc:2: includes "src/cli/app.h": the model (src/) may include only src/ (not parsers/, render/ or src/cli/)
src/query.cc:3: includes <CLI/CLI.hpp>: CLI11 stays inside src/cli/app.cc (one translation unit: the build is slow otherwise)'
got=$("$check" "$tree")
status=$?
fail=0
[ "$status" = 1 ] || { echo "FAIL: exit status $status on a tree with violations, want 1"; fail=1; }
diff -u <(echo "$want") <(echo "$got") || { echo "FAIL: output differs"; fail=1; }

# The same tree without the violations passes.
for f in src/model.h src/query.cc src/chains.cc parsers/classifier.cc render/summary_render.cc \
  src/cli/app.cc src/cli/graph_command.cc; do
  grep -v -e 'render/escape.h"$' -e 'src/cli/app.h' -e '<CLI/' -e 'boost/graph' \
    -e 'parsers/line_reader' -e '<graphviz/cgraph' "$tree/$f" >"$tree/tmp" || true
  mv "$tree/tmp" "$tree/$f"
done
put render/summary_render.cc '#include "render/escape.h"' '#include <graphviz/gvc.h>'
put src/cli/app.cc '#include "parsers/classifier.h"' '#include "render/escape.h"' \
  '#include <CLI/CLI.hpp>'
"$check" "$tree" >/dev/null || { echo "FAIL: a tree without violations fails"; "$check" "$tree"; fail=1; }
[ $fail = 0 ] && echo "check-layers test: 2 passed, 0 failed"
exit $fail
