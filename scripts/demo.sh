#!/usr/bin/env bash
# Installs what is missing, builds, and runs escviz on the bundled real logs in samples/:
# a summary and an explained chain on the terminal, graphs of the chains (SVG and DOT), and the
# HTML report (out/report/index.html, whose path it prints last), all written to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
deps_install
deps_build build >/dev/null
bin=build/escviz
mkdir -p out

echo "=== escviz summary samples/escdemo.m2.log  (our sample program, go build -gcflags='-m -m')"
$bin summary samples/escdemo.m2.log | tee out/escdemo-summary.txt
echo
echo "=== escviz explain --at main.go:LINE:COL samples/escdemo.m2.log  (why a variable moved to heap)"
at=$(grep -m1 -oE '^[^ ]+:[0-9]+:[0-9]+: moved to heap' samples/escdemo.m2.log | sed 's/: moved to heap//')
$bin explain --at "$at" samples/escdemo.m2.log | tee out/escdemo-explain.txt
echo
echo "=== escviz graph --at main.go:51:2 samples/escdemo.m2.log  (a chain across two functions, drawn)"
$bin graph --at main.go:51:2 samples/escdemo.m2.log -o out/escdemo-chain.svg
$bin graph --at main.go:51:2 samples/escdemo.m2.log -o out/escdemo-chain.dot
echo "wrote out/escdemo-chain.svg and .dot"
echo
echo "=== escviz summary --top 5 samples/zap.m2.log.gz  (go.uber.org/zap from Debian, -m -m)"
$bin summary --top 5 samples/zap.m2.log.gz | tee out/zap-summary.txt
$bin summary --format json samples/zap.m2.log.gz > out/zap-summary.json
$bin summary --format markdown samples/zap.m2.log.gz > out/zap-summary.md
$bin graph --top 5 samples/zap.m2.log.gz -o out/zap-top5.svg
echo
echo "=== escviz report  (the HTML report of the samples; source view of the demo program)"
$bin report -q -o out/report --source-root samples/escdemo samples/escdemo.m2.log \
  samples/zap.m2.log.gz >/dev/null
echo
echo "Files written in $(pwd)/out/:"
echo "  escdemo-summary.txt escdemo-explain.txt escdemo-chain.svg escdemo-chain.dot"
echo "  zap-summary.txt zap-summary.json zap-summary.md zap-top5.svg (chains of zap's top 5 causes)"
echo "  report/ (HTML report of escdemo and zap; open it in a browser):"
echo "$(pwd)/out/report/index.html"
