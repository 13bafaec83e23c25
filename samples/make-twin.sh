#!/usr/bin/env bash
# Derives go126-eq.m2.log (the old "=" form, Go 1.14-1.24 style) from the hand-made fixture
# go126.m2.log (Go 1.26 "←" form). Line for line: same line count, only these edits:
#   " ← "                                  -> " = "             (flow lines)
#   " escapes to heap in FUNC:"            -> " escapes to heap:"   (block headers)
#   " leaks to D for FUNC with derefs=N:"  -> " leaks to D with derefs=N:" (block headers)
set -euo pipefail
cd "$(dirname "$0")"
LC_ALL=C.UTF-8 sed \
  -e 's/ ← / = /g' \
  -e 's/ escapes to heap in [^ ]*:$/ escapes to heap:/' \
  -e 's/^\(.*: parameter .* leaks to .*\) for [^ ]* \(with derefs=[0-9]*:\)$/\1 \2/' \
  go126.m2.log > go126-eq.m2.log.tmp
mv go126-eq.m2.log.tmp go126-eq.m2.log
