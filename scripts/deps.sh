#!/usr/bin/env bash
# Installs the Debian packages escviz needs to build and test, when they are missing.
# Sourced by demo.sh and test.sh; run as root on Debian 12 (or with sudo available).
# Usage: deps_install [extra packages...]
ESCVIZ_BUILD_DEPS=(g++ cmake make pkg-config libre2-dev libcli11-dev catch2 nlohmann-json3-dev
  libfmt-dev zlib1g-dev gzip libgraphviz-dev libexpat1-dev libboost-graph-dev
  libabsl-dev libdeflate-dev protobuf-compiler libprotobuf-dev golang-github-google-pprof-dev)

deps_install() {
  local missing=() p
  for p in "${ESCVIZ_BUILD_DEPS[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# Configures and builds into $1 (default build/) with extra cmake arguments after it.
deps_build() {
  local dir=${1:-build}
  shift || true
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j "$(nproc)"
}
