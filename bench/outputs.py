"""Time the supervision outputs for a synthetic city-scale year on SQLite (and PostgreSQL).

Why: a city's 督查室 exports the 台账 and drafts the 通报 while waiting at the screen; a big
city has ~3,000 tasks, ~200 units and 12 monthly periods. Goal: each output under 10 s.
The year is written with ``bulk_create`` (the import/report services are benchmarked
elsewhere); every task has a target and a submitted report in each period.

Usage: ``.venv/bin/python bench/outputs.py [--tasks 3000] [--units 200] [--periods 12]
[--postgres [URL]]``. Each database runs in a child process against a fresh database.
Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from datetime import time as dtime
from decimal import Decimal
from zoneinfo import ZoneInfo

from djangodb import drop_database, setup_fresh_database

BENCH_DB = "duban_bench_outputs"
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/test"
TZ = ZoneInfo("Asia/Shanghai")


def _build(tasks: int, units: int, periods: int) -> tuple[object, object]:
    from duban.accounts.models import Role
    from duban.accounts.services import user_create
    from duban.orgs.models import Leader, OrgUnit, Post
    from duban.plans.models import (
        Milestone,
        Section,
        SourceDocument,
        Target,
        Task,
        TaskLeader,
        TaskList,
        TaskUnit,
    )
    from duban.progress.models import ProgressReport, ReportActual, ReportingPeriod

    doc = SourceDocument.objects.create(
        title="2024年重点工作任务分解（基准测试）",
        year=2024,
        issued_on=date(2024, 1, 5),
        filename="bench.txt",
        sha256="bench" * 12,
        issuer="基准市人民政府办公厅",
    )
    task_list = TaskList.objects.create(document=doc, title="重点任务")
    sections = [
        Section.objects.create(
            task_list=task_list, title=f"{n}、领域{n}", path=f"{n}、领域{n}", position=i
        )
        for i, n in enumerate("一二三四五六七八")
    ]
    org = OrgUnit.objects.bulk_create(OrgUnit(name=f"基准单位{i:03d}") for i in range(units))
    leaders = Leader.objects.bulk_create(Leader(name=f"领导{i:02d}") for i in range(20))
    posts = Post.objects.bulk_create(
        Post(title=f"副市长{i:02d}", holder=leader) for i, leader in enumerate(leaders)
    )
    rows = Task.objects.bulk_create(
        Task(
            task_list=task_list,
            section=sections[i % 8],
            number=i + 1,
            text=f"第{i + 1}项重点任务：推进某项工作，年底前完成建设任务{i % 50 + 1}个。",
            baseline_text="-",
            section_path=sections[i % 8].title,
            deadline_text="年底前",
        )
        for i in range(tasks)
    )
    TaskUnit.objects.bulk_create(
        TaskUnit(task=t, unit=org[i % units], role="lead" if i % 3 else "responsible")
        for i, t in enumerate(rows)
    )
    TaskLeader.objects.bulk_create(
        TaskLeader(task=t, post=posts[i % 20]) for i, t in enumerate(rows)
    )
    targets = Target.objects.bulk_create(
        Target(
            task=t,
            metric="建设任务",
            value=Decimal(i % 50 + 1),
            unit="个",
            kind="count",
            comparator="at_least",
            raw_text=f"建设任务{i % 50 + 1}个",
        )
        for i, t in enumerate(rows)
    )
    Milestone.objects.bulk_create(
        Milestone(
            task=t,
            due_date=date(2024, 6 if i % 4 == 0 else 12, 30 if i % 4 == 0 else 31),
            raw_phrase="年底前",
        )
        for i, t in enumerate(rows)
    )
    months = [
        ReportingPeriod(
            document=doc,
            kind="monthly",
            label=f"2024年{m}月",
            start=date(2024, m, 1),
            end=date(2024, m, 28),
            due_date=date(2024 + m // 12, m % 12 + 1, 10),
        )
        for m in range(1, periods + 1)
    ]
    months = ReportingPeriod.objects.bulk_create(months)
    for p_index, period in enumerate(months):
        late = datetime.combine(period.due_date, dtime(12), tzinfo=TZ)
        reports = ProgressReport.objects.bulk_create(
            ProgressReport(
                task=t,
                period=period,
                unit=org[i % units],
                state="approved" if i % 5 else "submitted",
                progress=f"{period.label}按计划推进，已完成阶段工作。",
                problems="" if i % 7 else "资金未到位。",
                next_steps="继续推进。",
                submitted_at=late,
            )
            for i, t in enumerate(rows)
            if (i + p_index) % 9
        )
        ReportActual.objects.bulk_create(
            ReportActual(
                report=r,
                target=targets[r.task.number - 1],
                value=Decimal(r.task.number % 50 + 1) * (p_index + 1) / periods,
            )
            for r in reports
        )
    office = user_create(username="bench-office", password="x" * 12, role=Role.OFFICE)
    return doc, office


def child(tasks: int, units: int, periods: int) -> None:
    vendor = setup_fresh_database(BENCH_DB)
    from duban.exports.base import ExportParams
    from duban.exports.bulletins import (
        BulletinContent,
        bulletin_context,
        draft_sections,
        draft_title,
        render_bulletin_docx,
    )
    from duban.exports.registry import EXPORTERS
    from duban.plans.models import Task
    from duban.supervision.snapshot import Dataset

    t0 = time.perf_counter()
    doc, office = _build(tasks, units, periods)
    t1 = time.perf_counter()
    as_of = date(2024, 7, 31)
    _, _, ledger = EXPORTERS["ledger"].render(ExportParams(user=office, document=doc, as_of=as_of))  # type: ignore[arg-type]
    t2 = time.perf_counter()
    data = Dataset(doc, Task.objects.all())  # type: ignore[arg-type]
    ctx = bulletin_context(data=data, as_of=as_of)
    content = BulletinContent(
        title=draft_title(ctx),
        doc_number="督查通报〔2024〕 号",
        issuer="督查室",
        date_text="2024年7月31日",
        sections=draft_sections(ctx),
    )
    bulletin = render_bulletin_docx(content)
    t3 = time.perf_counter()
    print(
        f"{vendor:10s} tasks={tasks} units={units} periods={periods}  "
        f"build={t1 - t0:.1f}s  ledger.xlsx={t2 - t1:.2f}s ({len(ledger) // 1024} KiB)  "
        f"bulletin.docx={t3 - t2:.2f}s ({len(bulletin) // 1024} KiB)"
    )
    drop_database(BENCH_DB)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=3000)
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--periods", type=int, default=12)
    parser.add_argument("--postgres", nargs="?", const=DEFAULT_PG, default=None)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.tasks, args.units, args.periods)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        runs = {"SQLite": ""}
        if args.postgres:
            runs["PostgreSQL"] = args.postgres
        for url in runs.values():
            env = os.environ | {"DATABASE_URL": url, "DUBAN_DATA_DIR": tmp}
            cmd = [
                sys.executable,
                __file__,
                "--child",
                "--tasks",
                str(args.tasks),
                "--units",
                str(args.units),
                "--periods",
                str(args.periods),
            ]
            subprocess.run(cmd, env=env, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
