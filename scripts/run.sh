#!/usr/bin/env bash
# The main job: parse the sample decomposition notices into JSON and an Excel 台账 under data/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
corpus=${DUBAN_CORPUS:-../shared/corpus}
mkdir -p data/out
for f in "$corpus"/*.txt; do
    name=$(basename "$f" .txt)
    if .venv/bin/duban parse "$f" --xlsx "data/out/$name.xlsx" > "data/out/$name.json" 2> "data/out/$name.log"; then
        echo "parsed $f -> data/out/$name.json, data/out/$name.xlsx"
    else
        echo "skipped $f: $(tail -n 1 "data/out/$name.log")"
    fi
done
