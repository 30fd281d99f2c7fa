#!/usr/bin/env bash
# make run: install, build the demo site from the sample corpus, then serve it on 127.0.0.1.
#   --no-serve, DUBAN_NO_SERVE=1 or CI=true: stop after the demo (never blocks).
#   --port N (or DUBAN_PORT): port for the web server (default 8000).
#   --reload: Django's development server (restarts on code changes) instead of gunicorn.
#   DUBAN_CORPUS: where the sample notices are (default ../shared/corpus).
# Every long-running process the demo needs is started by start() below, each in a process
# group of its own; Ctrl-C, SIGTERM or the end of any one of them stops them all (groups and
# their children: gunicorn's workers, the background worker's cluster processes).
set -euo pipefail
cd "$(dirname "$0")/.."
serve=1
port=${DUBAN_PORT:-8000}
serve_args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --no-serve) serve=0 ;;
        --port) port=$2; shift ;;
        --reload) serve_args+=(--reload) ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
    shift
done
if [ "${CI:-}" = "true" ] || [ "${DUBAN_NO_SERVE:-}" = "1" ]; then
    serve=0
fi
bash scripts/bootstrap.sh
.venv/bin/duban demo
if [ "$serve" = "0" ]; then
    echo "demo ready; start the server with: .venv/bin/duban serve --port $port"
    exit 0
fi

groups=()
# start CMD...: run CMD in the background as the leader of a new process group.
start() {
    setsid "$@" &
    groups+=("$!")
}
stop_all() {
    trap - INT TERM EXIT
    local g
    for g in "${groups[@]}"; do kill -TERM -- "-$g" 2>/dev/null || true; done
    # gunicorn finishes the requests in flight (graceful_timeout 20 s), then anything left dies.
    for _ in $(seq 1 25); do
        local alive=0
        for g in "${groups[@]}"; do kill -0 -- "-$g" 2>/dev/null && alive=1; done
        [ "$alive" = "0" ] && return 0
        sleep 1
    done
    for g in "${groups[@]}"; do kill -KILL -- "-$g" 2>/dev/null || true; done
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

start .venv/bin/duban serve --port "$port" "${serve_args[@]}"
# The background worker: e-mail and group-robot delivery, retries, the daily reminders.
start .venv/bin/duban worker
wait -n  # the first one to end (or a signal) stops the rest through the traps
