#!/usr/bin/env bash
# One command: install what is missing, build, and start WikiTide. Arguments are passed on,
# e.g. ./run.sh --headless --replay tests/data/polars_definitive_guide.ndjson --batch
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
"$root/scripts/setup-deps.sh"
"$root/scripts/build.sh" >&2
exec "${WT_BUILD_DIR:-$root/build}/app/wikitide" "$@"
