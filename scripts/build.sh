#!/usr/bin/env bash
# Configures and builds WikiTide into ./build (or $WT_BUILD_DIR). Extra arguments go to cmake.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${WT_BUILD_DIR:-$root/build}
werror=OFF
if [[ "${CI:-}" == "true" ]]; then
    werror=ON
fi
if [[ ! -f "$build/build.ninja" ]]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWT_WERROR=$werror "$@"
fi
cmake --build "$build" --parallel "$(nproc)"
