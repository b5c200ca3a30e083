#!/usr/bin/env bash
# For course maintainers: re-run every notebook and store its outputs, after changing content or the
# package. nbval then compares each test run against these stored outputs (see README, "Tests").
# Uses a throwaway data folder, so no answers are written anywhere that matters.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ensure_venv "[test]"
data_dir="$(mktemp -d)"
trap 'rm -rf "$data_dir"' EXIT
for notebook in notebooks/*.ipynb supervisor/*.ipynb; do
    echo "executing $notebook"
    WORKBOOK_DATA_DIR="$data_dir" QUERY_STRING="" .venv/bin/jupyter nbconvert --log-level=WARN \
        --to notebook --execute --inplace \
        --NotebookClient.store_widget_state=False --NotebookClient.record_timing=False "$notebook"
done
