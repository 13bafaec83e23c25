#!/usr/bin/env bash
# Installs what is missing, checks the layering of includes, builds, and runs the whole test
# suite twice: the ordinary build (g++,
# build/), then an AddressSanitizer + UndefinedBehaviorSanitizer build of everything (clang,
# build-asan/). Set SANITIZE=0 to skip the second pass.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
# golang-go and the Go sources of zap and gin: the property checks of chains over their real logs
# (tests/truth/propcheck.sh) build a checker in Go and read the sources the logs came from.
deps_install clang clang-format libclang-rt-14-dev libbenchmark-dev chromium chromium-driver python3-selenium \
  python3-jsonschema golang-go golang-go.uber-zap-dev golang-github-gin-gonic-gin-dev
scripts/check-layers.sh  # includes point one way (also a ctest test, with its self-test)
scripts/check-format.sh  # every .h/.cc as .clang-format says (also a ctest test)
deps_build build
ctest --test-dir build --output-on-failure -j "$(nproc)"

if [ "${SANITIZE:-1}" != 0 ]; then
  echo "== the same suite under AddressSanitizer and UndefinedBehaviorSanitizer (clang)"
  CC=clang CXX=clang++ deps_build build-asan -DESCVIZ_SANITIZE=ON
  # Graphviz's own leaks are suppressed (tests/lsan.supp); any other leak, memory error or
  # undefined behaviour fails the test that hit it.
  LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp \
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
fi
