#!/usr/bin/env bash
# Install what the site needs into ./.venv (first run only takes long), then serve the training site
# and the supervisor dashboard. Extra arguments go to `workbook serve` (see `--help`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ensure_venv ""
exec .venv/bin/workbook serve "$@"
