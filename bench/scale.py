"""Time the pages a 督查室 and a unit use on a generated district, at 3k / 30k / 100k tasks.

Why: issue 11 ("fast at scale") sets, at 100,000 tasks on PostgreSQL, p95 ≤ 300 ms for the
dashboard, task list, late list, review queue, ranking and reporter page, ≤ 10 s for the 台账
and the bulletin draft, and the same number of queries per page at every size.

Per size a database ``duban_scale_<size>`` is built (``scalegen`` / ``scalereports``): one
government, 200–400 units, 15 leaders, one notice with 99% of the tasks and a small one,
12 / 12 / 10 monthly periods with about 10 reports per task (≈1M at 100k). Then
``duban.progress.standing.refresh.rebuild_document`` materialises the read model (fails
loudly if it does not exist; ``--no-standing`` skips it), and every page is requested
through Django's test ``Client``: one warm-up, then ``--runs`` timed runs (fewer when a
page is slower than ``--page-budget`` allows), printing median, p95 (nearest rank), SQL
queries and status. A 404 is reported as "missing", a crash as its exception.

Usage: ``.venv/bin/python bench/scale.py [--sizes 3000,30000,100000 | --quick] [--runs 7]
[--keep] [--reuse] [--no-standing] [--postgres URL]``. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from djangodb import ROOT, drop_database, setup_fresh_database
from scalepages import print_summary, print_table, time_pages

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/postgres"
PERIODS = {3000: 12, 30000: 12, 100000: 10}
MAIN_SHA, SMALL_SHA = "scalemain", "scalesmall"


def _units(size: int) -> int:
    return 200 if size <= 3000 else 300 if size <= 30000 else 400


def _attach(name: str) -> bool:
    """Point Django at an existing, completely built ``name``; False when there is none."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            return False
    connection.close()
    settings.DATABASES["default"]["NAME"] = name
    connection.settings_dict["NAME"] = name
    call_command("migrate", verbosity=0)  # a reused database gets the newer migrations
    from duban.progress.models import TaskTracking

    # The small document's 督办 states are the last rows the build writes.
    small = (SMALL_SHA * 64)[:64]
    complete = TaskTracking.objects.filter(task__task_list__document__sha256=small).exists()
    connection.close()  # an incomplete one is dropped next: no session may stay on it
    return complete


def build(size: int, year: int, with_steps: bool, seed: int) -> dict[str, float]:
    """Generate the whole district year; returns the seconds per phase."""
    import random

    from django.db import connection, transaction
    from django.utils import timezone
    from scalegen import build_directory, build_tasks, build_users, create_document
    from scalereports import Period, build_reports, build_workflow

    from duban.accounts.models import UnitMembership
    from duban.progress.models import ReportingPeriod

    rng = random.Random(seed)
    now = timezone.now()
    periods = PERIODS.get(size, 12)
    small = max(30, size // 100)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    with transaction.atomic():
        directory = build_directory(_units(size), rng)
        docs = [
            (create_document(year=year, periods=periods, tag=MAIN_SHA, number=3,
                             title=f"临江区{year}年政府工作报告重点工作任务分解"), size - small),
            (create_document(year=year, periods=12, tag=SMALL_SHA, number=17,
                             title=f"临江区{year}年优化营商环境重点任务清单"), small),
        ]  # fmt: skip
        office = build_users(directory)
    users = dict(UnitMembership.objects.values_list("unit_id", "user_id"))
    timings["directory"] = time.perf_counter() - t0
    for doc_id, count in docs:
        t1 = time.perf_counter()
        with transaction.atomic():
            facts = build_tasks(
                document_id=doc_id, count=count, year=year, periods=periods, d=directory, rng=rng
            )
        t2 = time.perf_counter()
        rows = ReportingPeriod.objects.filter(document_id=doc_id, kind="monthly").order_by(
            "due_date"
        )
        plan = [Period(p.pk, p.label, p.end, p.due_date) for p in rows]
        kw: dict[str, Any] = {"facts": facts, "periods": plan, "users": users, "office": office}
        reported = build_reports(**kw, now=now, with_steps=with_steps, rng=rng)
        build_workflow(**kw, reported=reported, now=now, rng=rng)
        timings[f"tasks doc {doc_id}"] = t2 - t1
        timings[f"reports doc {doc_id}"] = time.perf_counter() - t2
    t3 = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    timings["vacuum analyze"] = time.perf_counter() - t3
    return timings


def _steps_table() -> bool:
    """ReportStep may be newer than the migrations of this checkout: write it when it exists."""
    from django.db import connection

    from duban.progress import models

    step = getattr(models, "ReportStep", None)
    return step is not None and step._meta.db_table in connection.introspection.table_names()


def standing(doc_ids: list[int]) -> dict[str, float]:
    """Materialise the read model of every document (the issue's rebuild step)."""
    import inspect

    try:
        from duban.progress.standing.refresh import rebuild_document
    except ImportError as err:
        raise SystemExit(
            f"read model missing: cannot import duban.progress.standing.refresh.rebuild_document"
            f" ({err}); run with --no-standing to time the pages without it"
        ) from err
    kw = {"progress": True} if "progress" in inspect.signature(rebuild_document).parameters else {}
    timings = {}
    for pk in doc_ids:
        t0 = time.perf_counter()
        spans = rebuild_document(pk, **kw)
        timings[f"standing doc {pk} ({spans} spans)"] = time.perf_counter() - t0
    # The spans were just written: until (auto)vacuum has run, PostgreSQL's index-only scans
    # of them fetch every heap row (about 5× slower at 30k). A running system is vacuumed;
    # time the pages in that steady state, as the build above does for the facts.
    from django.db import connection

    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE progress_taskstanding")
    timings["vacuum analyze spans"] = time.perf_counter() - t0
    return timings


def child(args: argparse.Namespace) -> None:
    size = args.size
    name = f"{args.db_prefix}_{size}"
    reused = args.reuse and _attach(name)
    timings: dict[str, float] = {}
    if not reused:
        setup_fresh_database(name)
        with_steps = _steps_table()
        if not with_steps:
            print("note: no ReportStep table in this checkout; review steps not written")
        t0 = time.perf_counter()
        timings = build(size, args.year, with_steps, args.seed)
        timings["build total"] = time.perf_counter() - t0
    from duban.plans.models import SourceDocument

    doc_ids = list(SourceDocument.objects.order_by("pk").values_list("pk", flat=True))
    if not args.no_standing:
        timings |= standing(doc_ids)
    for label, seconds in timings.items():
        print(f"  {label:40s} {seconds:8.1f} s")
    if args.build_only:
        print(f"  built {name}; kept for --reuse")
        return
    main_doc = SourceDocument.objects.get(sha256=(MAIN_SHA * 64)[:64])
    result = time_pages(main_doc, size=size, year=args.year, runs=args.runs,
                        export_runs=args.export_runs, budget=args.page_budget)  # fmt: skip
    result["build"] = timings
    result["reused"] = reused
    print_table(result)
    Path(args.result_file).write_text(json.dumps(result, ensure_ascii=False, default=str))
    if not (args.keep or args.reuse):
        drop_database(name)


def main() -> int:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    year = datetime.now(tz=ZoneInfo("Asia/Shanghai")).year - 1
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="3000,30000,100000", help="task counts, comma-separated")
    parser.add_argument("--quick", action="store_true", help="3000 tasks only")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per page (after 1 warm-up)")
    parser.add_argument("--export-runs", type=int, default=3, help="timed runs of 台账 and 通报")
    parser.add_argument("--page-budget", type=float, default=60.0,
                        help="seconds of timed runs per page at most (a slow page gets fewer runs)")  # fmt: skip
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument(
        "--reuse", action="store_true", help="reuse a built database (implies --keep)"
    )
    parser.add_argument("--build-only", action="store_true", help="build (and keep), time nothing")
    parser.add_argument("--no-standing", action="store_true", help="skip the read-model rebuild")
    parser.add_argument("--year", type=int, default=year, help="the reporting year")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--db-prefix", default="duban_scale", help="database name prefix")
    parser.add_argument("--postgres", default=os.environ.get("DATABASE_URL") or DEFAULT_PG)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--result-file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return 0
    sizes = [3000] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        env = os.environ | {"DATABASE_URL": args.postgres, "DUBAN_DATA_DIR": tmp}
        for size in sizes:
            out = Path(tmp) / f"result-{size}.json"
            cmd = [sys.executable, __file__, "--child", "--size", str(size),
                   "--result-file", str(out), *_passed(args)]  # fmt: skip
            print(f"=== {size} tasks ===", flush=True)
            done = subprocess.run(cmd, env=env, check=False)
            if args.build_only and done.returncode == 0:
                continue
            if done.returncode != 0 or not out.exists():
                print(f"size {size}: the run failed (exit {done.returncode})")
                continue
            results.append(json.loads(out.read_text()))
        print_summary(results)
    return 0


def _passed(args: argparse.Namespace) -> list[str]:
    flags = ["--runs", str(args.runs), "--export-runs", str(args.export_runs),
             "--page-budget", str(args.page_budget), "--year", str(args.year), "--seed", str(args.seed), "--db-prefix", args.db_prefix]  # fmt: skip
    flags += [
        f"--{n.replace('_', '-')}"
        for n in ("keep", "reuse", "no_standing", "build_only")
        if getattr(args, n)
    ]
    return flags


if __name__ == "__main__":
    raise SystemExit(main())
