#!/usr/bin/env bash
# One command: install what is missing (build and test tools), build, and run every test.
# Extra arguments go to ctest, e.g. ./test.sh -R SseParser
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
"$root/scripts/setup-deps.sh" --test
"$root/scripts/build.sh"
build=${WT_BUILD_DIR:-$root/build}
cd "$build"
ctest --output-on-failure --timeout 600 -j "$(nproc)" "$@"
