#!/usr/bin/env bash
# make run: install, build the demo site from the sample corpus, then serve it on 127.0.0.1.
#   --no-serve, DUBAN_NO_SERVE=1 or CI=true: stop after the demo (never blocks).
#   --port N (or DUBAN_PORT): port for the web server (default 8000).
#   DUBAN_CORPUS: where the sample notices are (default ../shared/corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
serve=1
port=${DUBAN_PORT:-8000}
while [ $# -gt 0 ]; do
    case "$1" in
        --no-serve) serve=0 ;;
        --port) port=$2; shift ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
    shift
done
if [ "${CI:-}" = "true" ] || [ "${DUBAN_NO_SERVE:-}" = "1" ]; then
    serve=0
fi
bash scripts/bootstrap.sh
.venv/bin/duban demo
if [ "$serve" = "1" ]; then
    exec .venv/bin/duban serve --port "$port"
fi
echo "demo ready; start the server with: .venv/bin/duban serve --port $port"
