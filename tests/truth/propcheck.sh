#!/usr/bin/env bash
# Checks the properties of issue 20 on escviz's chains of a real log (tests/truth/propcheck/main.go):
# builds propcheck with the system Go (1.19, GOPATH mode, standard library only), runs
# `ESCVIZ explain --all --format json --source-root SRCROOT LOG` and gives the JSON, the log and
# SRCROOT to propcheck. Exit status: propcheck's (0 no violation, 1 violations, 2 usage or input error).
# Usage: tests/truth/propcheck.sh [--escviz BIN] LOG SRCROOT      (default BIN: build/escviz)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
escviz=$here/../../build/escviz
if [ "${1:-}" = --escviz ]; then escviz=$2; shift 2; fi
[ $# -eq 2 ] || { echo "usage: propcheck.sh [--escviz BIN] LOG SRCROOT" >&2; exit 2; }
log=$1 srcroot=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$here/propcheck" && GO111MODULE=off GOFLAGS= GOCACHE="$tmp/cache" go build -o "$tmp/propcheck" .)
"$escviz" explain --all --format json --source-root "$srcroot" "$log" >"$tmp/chains.json"
"$tmp/propcheck" "$tmp/chains.json" "$log" "$srcroot"
