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
# Coverage is collected over the parser leg and the SQLite leg, then gated below (not per leg).
rm -f .coverage
pytest tests/taskdoc -p no:django -q --cov --cov-report= --cov-fail-under=0

echo "== Chromium for the browser test (tests/duban/browser, SQLite leg only)"
# Idempotent: install Debian's chromium (and a CJK font for the screenshots) when missing and
# we are root. If it still is missing, the browser test fails with a message saying so.
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" -eq 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei; } \
        || echo "chromium 安装失败：浏览器测试将报错。" >&2
fi

echo "== LibreOffice for the PDF test (tests/duban/exports/test_gbt9704.py)"
# Idempotent, like chromium: Debian's writer without the GUI (about a minute) and a CJK font.
# Without it the PDF test is skipped and the pages say why there is no PDF.
if ! command -v soffice >/dev/null && [ "$(id -u)" -eq 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui fonts-wqy-zenhei; } \
        || echo "LibreOffice 安装失败：PDF 测试将跳过。" >&2
fi

echo "== system tests on PostgreSQL (started now, in the background, beside the SQLite leg)"
# The two legs are independent (each has its own database) and each is one process, so on a
# machine of two cores they run side by side; the PostgreSQL leg's output is printed after.
# A test database of this run's own, so that two runs on one server never collide.
pg_log="$(mktemp)"
DATABASE_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}" \
DUBAN_TEST_DB_NAME="test_duban_$$" \
    pytest tests --ignore=tests/taskdoc -q -m "not browser" --create-db --durations=10 \
    >"$pg_log" 2>&1 &
pg_pid=$!

echo "== system tests on SQLite"
rc=0
DATABASE_URL="" pytest tests --ignore=tests/taskdoc -q --durations=10 \
    --cov --cov-append --cov-report= --cov-fail-under=0 || rc=$?

echo "== coverage (parser + SQLite legs; fail_under in pyproject.toml, 100% on the status engine)"
cov_rc=0
if [ "$rc" -eq 0 ]; then
    coverage report --skip-covered --sort=cover | tail -n 25 || cov_rc=$?
    coverage report --include=duban/progress/status.py --show-missing --fail-under=100 || cov_rc=$?
fi

echo "== system tests on PostgreSQL (its output)"
pg_rc=0
wait "$pg_pid" || pg_rc=$?
cat "$pg_log"
rm -f "$pg_log"
# a leg that collects no tests (rc 5) fails the run too
[ "$rc" -eq 0 ] || { echo "SQLite 一轮测试失败（退出码 $rc）。" >&2; exit "$rc"; }
[ "$cov_rc" -eq 0 ] || { echo "覆盖率未达标。" >&2; exit "$cov_rc"; }
[ "$pg_rc" -eq 0 ] || { echo "PostgreSQL 一轮测试失败（退出码 $pg_rc）。" >&2; exit "$pg_rc"; }
