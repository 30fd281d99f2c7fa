#!/usr/bin/env bash
# Parse every gold-labelled notice and score it with the shared scorer: one line per file.
# Usage: bash scripts/score-gold.sh [PATTERN]   (PATTERN filters file names, e.g. 0[4-8])
set -uo pipefail
cd "$(dirname "$0")/.."
shared=${DUBAN_SHARED:-../shared}
out=$(mktemp -d)
for gold in "$shared"/gold/*.json "$shared"/corpus-dev/*_decomp_*.json; do
    name=$(basename "$gold" .json)
    [[ "$name" == *${1:-}* ]] || continue
    src=$(ls "$shared"/corpus/"$name".txt "$shared"/corpus-dev/"$name".txt 2>/dev/null | head -1)
    if ! .venv/bin/duban parse "$src" >"$out/$name.json" 2>"$out/$name.err"; then
        echo "$name: 解析失败 $(head -c 160 "$out/$name.err")"
        continue
    fi
    .venv/bin/python "$shared"/tools/score_parse.py "$gold" "$out/$name.json" | tail -1
done
rm -rf "$out"
