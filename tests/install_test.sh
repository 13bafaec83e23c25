#!/usr/bin/env bash
# Runs the install rules into a temporary prefix and checks what they put there: the binary
# (which must run and print its version), the man page, and the license.
# Usage: tests/install_test.sh BUILD_DIR VERSION
set -euo pipefail
build=$1 version=$2
prefix=$(mktemp -d); trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
fail=0
for f in bin/escviz share/man/man1/escviz.1 share/doc/escviz/LICENSE share/doc/escviz/CHANGELOG.md; do
  [ -f "$prefix/$f" ] || { echo "install: $f missing under the prefix"; fail=1; }
done
[ -x "$prefix/bin/escviz" ] || { echo "install: bin/escviz is not executable"; fail=1; }
got=$("$prefix/bin/escviz" --version 2>&1) || { echo "install: bin/escviz --version failed: $got"; fail=1; }
[ "$got" = "escviz $version" ] || { echo "install: --version printed '$got', want 'escviz $version'"; fail=1; }
# The man page is well-formed roff with the sections the binary's users look for.
if command -v groff >/dev/null; then
  warnings=$(groff -man -ww -z "$prefix/share/man/man1/escviz.1" 2>&1)
  [ -z "$warnings" ] || { echo "install: groff warns about the man page: $warnings"; fail=1; }
fi
for section in NAME SYNOPSIS COMMANDS "EXIT STATUS" EXAMPLES; do
  grep -q "^\.SH \"\?$section\"\?$" "$prefix/share/man/man1/escviz.1" ||
    { echo "install: the man page has no $section section"; fail=1; }
done
[ $fail = 0 ] && echo "install: ok ($prefix)"
exit $fail
