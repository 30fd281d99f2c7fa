"""The timing half of bench/scale.py: which pages, as whom, how they are timed and printed.

Each page is requested through Django's test ``Client`` (logged in with ``force_login``, so
the full middleware stack and templates run), inside ``CaptureQueriesContext`` to count the
SQL. One warm-up request first; then up to ``runs`` timed requests, fewer when the warm-up
says they would not fit in ``budget`` seconds (then the warm-up is the only sample).
"""

from __future__ import annotations

import math
import os
import platform
import statistics
import time
import traceback
from dataclasses import asdict, dataclass
from typing import Any

EXPORTS = ("ledger", "bulletin")


@dataclass
class Page:
    key: str
    label: str
    user: str  # office | reporter
    path: str
    method: str = "get"
    data: dict[str, str] | None = None


def _pages(doc: int, year: int, task: int) -> list[Page]:
    d = f"?document={doc}"
    return [
        Page("dashboard", "督查看板", "office", f"/supervision/{d}"),
        Page(
            "dashboard_mid",
            "督查看板（年中 as_of）",
            "office",
            f"/supervision/{d}&as_of={year}-06-30",
        ),
        Page("tasks", "任务清单", "office", f"/tasks/{d}"),
        Page("late", "未报送（催办）", "office", "/progress/late/"),
        Page("review", "待审核", "office", "/progress/review/"),
        Page("ranking", "单位排名", "office", f"/supervision/ranking/{d}"),
        Page("reporter", "单位填报 /progress/", "reporter", "/progress/"),
        Page("task_page", "任务进展页", "office", f"/tasks/{task}/progress/"),
        Page("api_tasks", "API tasks", "office", f"/api/v1/tasks/{d}"),
        Page("api_dashboard", "API dashboard", "office", f"/api/v1/dashboard/{d}"),
        Page("ledger", "台账 xlsx", "office", f"/exports/ledger.xlsx{d}"),
        Page(
            "bulletin", "通报起草（POST）", "office", "/bulletins/", "post", {"document": str(doc)}
        ),
    ]


def _hit(client: Any, page: Page) -> tuple[float, int, int, int]:
    """One request: seconds (body included), status, queries, body bytes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        t0 = time.perf_counter()
        response = getattr(client, page.method)(page.path, page.data or {})
        body = b"".join(response.streaming_content) if response.streaming else response.content
        seconds = time.perf_counter() - t0
    return seconds, response.status_code, len(queries), len(body)


def _nearest_rank(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def time_page(client: Any, page: Page, runs: int, budget: float) -> dict[str, Any]:
    row: dict[str, Any] = asdict(page) | {"status": None, "n": 0, "note": ""}
    try:
        warm, status, queries, size = _hit(client, page)
    except Exception as err:  # a page that crashes at scale is a finding, not the end
        traceback.print_exc()
        return row | {"status": "crash", "note": f"{type(err).__name__}: {err}"[:200]}
    row |= {"status": status, "queries": queries, "kib": size // 1024}
    if status == 404:
        return row | {"note": "missing"}
    samples = [warm]
    planned = min(runs, int(budget // max(warm, 1e-3)))
    if planned >= 1:
        samples = []
        for _ in range(planned):
            seconds, status, queries, _size = _hit(client, page)
            samples.append(seconds)
    else:
        row["note"] = "warm-up only (slower than the budget)"
    return row | {
        "n": len(samples),
        "median_ms": statistics.median(samples) * 1000,
        "p95_ms": _nearest_rank(samples, 0.95) * 1000,
        "queries": queries,
        "status": status,
    }


def _reporter(doc: Any) -> tuple[Any, int, int]:
    """The 填报员 of the unit with the median number of lead tasks (and that number)."""
    from django.db.models import Count

    from duban.accounts.models import UnitMembership
    from duban.plans.models import TaskUnit

    loads = list(
        TaskUnit.objects.filter(task__task_list__document=doc, role="lead")
        .values("unit_id")
        .annotate(n=Count("id"))
        .order_by("n", "unit_id")
        .values_list("unit_id", "n")
    )
    unit_id, lead = loads[len(loads) // 2]
    member = UnitMembership.objects.select_related("user").filter(unit_id=unit_id).first()
    assert member is not None, "every generated unit has its 填报员"
    seen = TaskUnit.objects.filter(unit_id=unit_id).values("task_id").distinct().count()
    return member.user, lead, seen


def _task_for(doc: Any, user: Any) -> int:
    """A task of the reporter's unit with targets, milestones and reports (a full page)."""
    from django.db.models import Count

    from duban.plans.models import Task

    unit_id = user.memberships.values_list("unit_id", flat=True).first()
    qs = Task.objects.filter(
        task_list__document=doc, assignments__unit_id=unit_id, assignments__role="lead"
    )
    qs = qs.annotate(t=Count("targets", distinct=True), m=Count("milestones", distinct=True))
    task = qs.order_by("-t", "-m", "pk").values_list("pk", flat=True).first()
    return int(task or Task.objects.filter(task_list__document=doc).order_by("pk")[0].pk)


def counts() -> dict[str, int]:
    from django.db import connection

    from duban.progress import models

    tables = {
        "tasks": "plans_task",
        "task units": "plans_taskunit",
        "targets": "plans_target",
        "milestones": "plans_milestone",
        "reports": "progress_progressreport",
        "actuals": "progress_reportactual",
        "completions": "progress_completionrequest",
        "revisions": "progress_revision",
    }
    for label, name in (("steps", "ReportStep"), ("standings", "TaskStanding")):
        model = getattr(models, name, None)
        if model is not None:
            tables[label] = model._meta.db_table
    existing = set(connection.introspection.table_names())
    result = {}
    with connection.cursor() as cursor:
        for label, table in tables.items():
            if table in existing:
                cursor.execute(f'SELECT count(*) FROM "{table}"')
                result[label] = int(cursor.fetchone()[0])
        cursor.execute("SELECT pg_database_size(current_database())")
        result["database MiB"] = int(cursor.fetchone()[0]) // 2**20
    return result


def machine() -> dict[str, str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = str(cursor.fetchone()[0])
    with open("/proc/meminfo", encoding="ascii") as meminfo:
        kib = int(meminfo.readline().split()[1])
    return {
        "cpus": str(os.cpu_count()),
        "ram": f"{kib / 2**20:.1f} GiB",
        "cpu": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "postgresql": version.split(" on ", maxsplit=1)[0],
    }


def time_pages(
    doc: Any, *, size: int, year: int, runs: int, export_runs: int, budget: float
) -> dict[str, Any]:
    from django.conf import settings
    from django.test import Client

    from duban.accounts.models import User

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    reporter, lead, seen = _reporter(doc)
    users = {"office": User.objects.get(username="bench-office"), "reporter": reporter}
    clients = {}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    task = _task_for(doc, reporter)
    rows = []
    for page in _pages(doc.pk, year, task):
        n = export_runs if page.key in EXPORTS else runs
        print(f"  timing {page.label} {page.path} …", flush=True)
        rows.append(time_page(clients[page.user], page, n, budget))
    return {
        "size": size,
        "document": doc.pk,
        "reporter": f"{reporter.username}: leads {lead} tasks, sees {seen}",
        "task_page": task,
        "counts": counts(),
        "machine": machine(),
        "pages": rows,
    }


def _cell(row: dict[str, Any]) -> str:
    if row.get("median_ms") is None:
        return str(row.get("note") or row.get("status"))[:38]
    return f"{row['median_ms']:.0f}/{row['p95_ms']:.0f} ms q{row['queries']}"


def print_table(result: dict[str, Any]) -> None:
    print(
        f"\n{result['size']} tasks — document {result['document']}; reporter {result['reporter']}"
    )
    print("  " + ", ".join(f"{k} {v:,}" for k, v in result["counts"].items()))
    print(
        f"  {'page':28s} {'status':>6s} {'n':>3s} {'median ms':>10s} {'p95 ms':>10s} {'queries':>8s} {'KiB':>7s}  note"
    )
    for r in result["pages"]:
        median = f"{r['median_ms']:.0f}" if r.get("median_ms") is not None else "—"
        p95 = f"{r['p95_ms']:.0f}" if r.get("p95_ms") is not None else "—"
        print(
            f"  {r['label']:28s} {r['status']!s:>6s} {r['n']:>3d} {median:>10s} {p95:>10s} "
            f"{r.get('queries', '—')!s:>8s} {r.get('kib', '—')!s:>7s}  {r['note']}"
        )


def print_summary(results: list[dict[str, Any]]) -> None:
    """All sizes side by side: median/p95 and queries, so growth with size shows at a glance."""
    if not results:
        return
    print("\n=== summary: median/p95 ms, q = SQL queries ===")
    print("machine: " + ", ".join(f"{k} {v}" for k, v in results[0]["machine"].items()))
    for r in results:
        build = r["build"]
        total = build.get("build total")
        standing = sum(v for k, v in build.items() if k.startswith("standing"))
        print(
            f"  {r['size']:>7,} tasks: reports {r['counts'].get('reports', 0):,}; "
            + (f"build {total:.0f} s; " if total else "reused database; ")
            + (f"read model {standing:.0f} s" if standing else "read model not built")
        )
    header = "".join(f"{r['size']:>40,}" for r in results)
    print(f"  {'page':28s}{header}")
    for i, page in enumerate(results[0]["pages"]):
        cells = "".join(f"{_cell(r['pages'][i]):>40s}" for r in results)
        print(f"  {page['label']:28s}{cells}")
