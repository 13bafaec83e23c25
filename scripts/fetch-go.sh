#!/usr/bin/env bash
# Makes a Go toolchain of a given release available without installing it into the system, and
# prints its GOROOT (one line per VERSION; messages go to stderr). escviz must read the logs of every
# Go release, and only Debian's package mirror is reachable, so the toolchains are Debian's own:
#   1.19          bookworm's golang-1.19-go (a normal system package: apt-get install)
#   1.21 .. 1.23  bookworm-backports   1.24  trixie   1.25  trixie-backports   1.26, 1.27, ...  unstable
# All but 1.19 are fetched with a separate apt configuration (own sources.list, lists, cache and an
# empty dpkg status under $ESCVIZ_GO_CACHE, default /var/cache/escviz-go), never added to the system's
# sources and never dpkg -i'd: `apt-get download` of golang-1.XX-go and golang-1.XX-src, unpacked with
# dpkg-deb -x into $cache/go1.XX. GOROOT is then $cache/go1.XX/usr/lib/go-1.XX; its links into
# usr/share/go-1.XX are relative, and any absolute one is made relative, so the tree is self-contained.
# A toolchain already present is printed without fetching anything.
# Usage: scripts/fetch-go.sh VERSION...          e.g. scripts/fetch-go.sh 1.21 1.27
#        eval "$(scripts/fetch-go.sh --env VERSION)"   sets GOROOT, PATH and GOTOOLCHAIN=local
set -euo pipefail
cache=${ESCVIZ_GO_CACHE:-/var/cache/escviz-go}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
log() { echo "fetch-go: $*" >&2; }

# The machine's own Debian mirror: the first URIs line of its deb822 sources.
mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
mirror=${mirror:-http://deb.debian.org/debian}

suite_of() {
  case $1 in
    1.2[123]) echo bookworm-backports ;;
    1.24) echo trixie ;;
    1.25) echo trixie-backports ;;
    *) echo unstable ;;
  esac
}

apt_opts=(-o Dir::Etc::sourcelist="$cache/sources.list" -o Dir::Etc::sourceparts=-
  -o Dir::State::Lists="$cache/lists" -o Dir::Cache="$cache/cache"
  -o Dir::State::status="$cache/status" -o Dir::Etc::preferences="$cache/preferences"
  -o Dir::Etc::preferencesparts="$cache/preferences.d" -o APT::Sandbox::User=root)
updated=
apt_update() {
  [ -n "$updated" ] && return 0
  mkdir -p "$cache/lists/partial" "$cache/cache/archives/partial" "$cache/preferences.d" "$cache/debs"
  touch "$cache/status"
  local s
  : >"$cache/sources.list"
  for s in bookworm-backports trixie trixie-backports unstable experimental; do
    echo "deb [signed-by=$keyring] $mirror $s main" >>"$cache/sources.list"
  done
  log "apt-get update ($mirror, separate lists in $cache)"
  apt-get "${apt_opts[@]}" -qq update >&2
  updated=1
}

# Prints the GOROOT of Go $1, fetching it when missing.
goroot_of() {
  local v=$1 root
  case $v in
    1.19)
      root=/usr/lib/go-1.19
      if [ ! -x "$root/bin/go" ] || [ ! -d "$root/src/runtime" ]; then
        log "apt-get install golang-1.19-go golang-1.19-src"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
          golang-1.19-go golang-1.19-src >&2
      fi
      echo "$root"; return ;;
    1.[0-9]*) ;;
    *) log "bad version '$v' (want 1.NN)"; exit 2 ;;
  esac
  local dir=$cache/go$v
  root=$dir/usr/lib/go-$v
  if [ -x "$root/bin/go" ] && [ -d "$root/src/runtime" ]; then echo "$root"; return; fi
  apt_update
  local suite deb
  suite=$(suite_of "$v")
  log "downloading golang-$v-go and golang-$v-src from $suite"
  rm -rf "$cache/debs/$v" "$dir.tmp"
  mkdir -p "$cache/debs/$v" "$dir.tmp"
  (cd "$cache/debs/$v" && apt-get "${apt_opts[@]}" -qq download "golang-$v-go/$suite" "golang-$v-src/$suite" >&2)
  for deb in "$cache/debs/$v"/*.deb; do dpkg-deb -x "$deb" "$dir.tmp"; done
  # Absolute links would point into the system's /usr: make them relative inside the tree.
  local link target
  while IFS= read -r link; do
    target=$(readlink "$link")
    ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$dir.tmp$target")" "$link"
  done < <(find "$dir.tmp" -type l -lname '/*')
  [ -x "$dir.tmp/usr/lib/go-$v/bin/go" ] && [ -d "$dir.tmp/usr/lib/go-$v/src/runtime" ] \
    || { log "golang-$v-go/-src did not unpack to usr/lib/go-$v"; exit 1; }
  rm -rf "$cache/debs/$v"
  mv "$dir.tmp" "$dir"
  log "$(GOROOT=$root GOTOOLCHAIN=local "$root/bin/go" version) in $root"
  echo "$root"
}

if [ "${1:-}" = "--env" ]; then
  [ $# -eq 2 ] || { log "usage: fetch-go.sh --env VERSION"; exit 2; }
  root=$(goroot_of "$2")
  printf 'export GOROOT=%q; export PATH=%q:"$PATH"; export GOTOOLCHAIN=local\n' "$root" "$root/bin"
  exit 0
fi
[ $# -ge 1 ] || { log "usage: fetch-go.sh VERSION... | --env VERSION"; exit 2; }
for v in "$@"; do goroot_of "$v"; done
