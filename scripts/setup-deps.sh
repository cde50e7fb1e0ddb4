#!/usr/bin/env bash
# Installs the Debian 12 packages WikiTide needs to build (and, with --test, to run its tests).
# Already-installed packages are skipped; apt-get runs through sudo when not root.
set -euo pipefail

build_pkgs=(cmake ninja-build g++ pkg-config
            qt6-base-dev qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev
            librdkafka-dev libsimdjson-dev libsqlite3-dev zlib1g-dev
            libgl1-mesa-dev libxkbcommon-dev fonts-dejavu-core)
test_pkgs=(xvfb xauth kcat x11-apps desktop-file-utils appstream dpkg-dev file)

want=("${build_pkgs[@]}")
if [[ "${1:-}" == "--test" ]]; then
    want+=("${test_pkgs[@]}")
fi

missing=()
for p in "${want[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if ((${#missing[@]} == 0)); then
    exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then
    SUDO="sudo"
fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
