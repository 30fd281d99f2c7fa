"""Time the import of seed notice 004 (parse + preview + confirm) on SQLite and PostgreSQL.

Usage: ``.venv/bin/python bench/import.py [--corpus DIR] [--postgres URL]``. Each database
runs in a child process (Django is configured once per process) against a fresh database:
a temporary SQLite file (WAL) and a throw-away PostgreSQL database ``duban_bench``.
Goal: under 1 s in total. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from djangodb import ROOT, drop_database, setup_fresh_database

BENCH_DB = "duban_bench"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/test"


def child(corpus: Path) -> None:
    vendor = setup_fresh_database(BENCH_DB)
    from duban.plans import parsing
    from duban.plans.services import import_batch_confirm, import_batch_create

    path = sorted(corpus.glob("004_*.txt"))[0]
    data = path.read_bytes()
    parsing.parse_document(data, filename=path.name)  # warm the parser's imports and regexes
    t0 = time.perf_counter()
    parsed = parsing.parse_document(data, filename=path.name)
    t1 = time.perf_counter()
    batch = import_batch_create(data=data, filename=path.name, actor=None)
    t2 = time.perf_counter()
    import_batch_confirm(batch=batch, actor=None)
    t3 = time.perf_counter()
    print(
        f"{vendor:10s} tasks={len(parsed.tasks)}  parse={t1 - t0:.3f}s  "
        f"preview(parse+match+store)={t2 - t1:.3f}s  confirm={t3 - t2:.3f}s  "
        f"total(preview+confirm)={t3 - t1:.3f}s"
    )
    drop_database(BENCH_DB)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--corpus", type=Path, default=Path(os.environ.get("DUBAN_CORPUS") or DEFAULT_CORPUS)
    )
    parser.add_argument("--postgres", default=os.environ.get("TEST_POSTGRES_URL") or DEFAULT_PG)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.corpus)
        return 0
    if not sorted(args.corpus.glob("004_*.txt")):
        print(f"seed 004 not found in {args.corpus}")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        runs = {
            "SQLite": {"DATABASE_URL": "", "DUBAN_DATA_DIR": tmp},
            "PostgreSQL": {"DATABASE_URL": args.postgres, "DUBAN_DATA_DIR": tmp},
        }
        for label, env in runs.items():
            cmd = [sys.executable, __file__, "--child", "--corpus", str(args.corpus)]
            done = subprocess.run(
                cmd, env={**os.environ, **env}, capture_output=True, text=True, check=False
            )
            out = done.stdout.strip() or done.stderr.strip().splitlines()[-1:]
            print(f"{label}: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
