#!/usr/bin/env bash
# Regenerates the logs of a build that fails (main.go has compile errors on purpose: an unused
# import, a missing return, type mismatches, unused variables, an undefined name, too many
# arguments), with Debian's Go 1.19 and with Go 1.27 from scripts/fetch-go.sh. escviz must refuse
# them (exit 2, naming the first error), not report 0 heap allocations.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cd "$here"
GOFLAGS= GO111MODULE=on go build -a -gcflags='-m -m' -o /dev/null . >build.go119.m2.log 2>&1 && exit 1
goroot=$("$root/scripts/fetch-go.sh" 1.27)
GOROOT=$goroot GOTOOLCHAIN=local GOFLAGS= "$goroot/bin/go" build -a -gcflags='-m -m' -o /dev/null . \
  >build.go127.m2.log 2>&1 && exit 1
echo "gen: wrote $here/build.go119.m2.log and build.go127.m2.log"
