#!/usr/bin/env bash
# Installs what is missing, builds, and runs escviz on the bundled real logs in samples/:
# a summary and an explained chain on the terminal, written to out/ as well.
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
echo "=== escviz summary --top 5 samples/zap.m2.log.gz  (go.uber.org/zap from Debian, -m -m)"
$bin summary --top 5 samples/zap.m2.log.gz | tee out/zap-summary.txt
$bin summary --format json samples/zap.m2.log.gz > out/zap-summary.json
$bin summary --format markdown samples/zap.m2.log.gz > out/zap-summary.md
echo
echo "Files written: $(pwd)/out/ (escdemo-summary.txt, escdemo-explain.txt, zap-summary.{txt,json,md})"
