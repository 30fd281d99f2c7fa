#!/usr/bin/env bash
# The whole check: lint, types, import contracts, then the tests on SQLite and on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export PATH="$PWD/.venv/bin:$PATH"

echo "== ruff"
ruff check .
ruff format --check .
echo "== mypy"
mypy taskdoc duban bench
echo "== import contracts"
lint-imports

echo "== parser tests (no Django loaded)"
pytest tests/taskdoc -p no:django -q

echo "== system tests on SQLite"
DATABASE_URL="" pytest tests --ignore=tests/taskdoc -q || rc=$?
[ "${rc:-0}" -eq 0 ] || [ "${rc:-0}" -eq 5 ] || exit "$rc"

echo "== system tests on PostgreSQL"
rc=0
DATABASE_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}" \
    pytest tests --ignore=tests/taskdoc -q -m "not browser" || rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 5 ] || exit "$rc"
