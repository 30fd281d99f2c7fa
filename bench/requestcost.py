"""What one page of the load mix costs, measured in process: SQL queries, CPU time, profile.

Why: ``bench/load.py`` measures latency under 50 users, which on a shared machine mostly
measures the neighbours. The goal (issue 14, p95 ≤ 1 s with 50 users) is a throughput goal,
and throughput is CPU per request: this script measures that, one request at a time, with
Django's test Client, so two runs on a busy machine still compare.

What it does: builds the demo site on a fresh PostgreSQL database exactly as ``bench/load.py``
does (``duban demo``, then its ``build_plan`` users), signs in one office user and one
reporter, and for each page kind of the load mix (dashboard, task list, task page; the
reporter's task list, task page, report form and report submit) prints the SQL query count
of one request, the median CPU time (``time.process_time``) and wall time over ``--requests``
requests, and with ``--profile`` the functions with the largest cumulative time (cProfile)
over the same number of requests. CPU time is this process's only: PostgreSQL's own work
shows in the query count and in the wall time. Drops the database at the end. Prints
figures; asserts nothing.

Usage: ``.venv/bin/python bench/requestcost.py [--requests 20] [--profile] [--top 25]
[--only KIND] [--sql] [--postgres URL]``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import load  # noqa: E402  (bench/load.py: the demo build, its users, the database)

load.BENCH_DB = "duban_bench_requestcost"  # never the database a running load test uses
VERSION = re.compile(r'name="version" value="(\d*)"')
OPTIONS = {"sql": False}  # --sql: print the queries of one request per page kind


@dataclass
class Page:
    """One page kind of the mix: who asks, and how to make its n-th request."""

    kind: str
    client: Any
    request: Callable[[Any, int], Any]


def build_site(postgres: str) -> load.Plan:
    """A fresh database with the demo and the load test's users; Django set up on it."""
    data_dir = tempfile.mkdtemp(prefix="duban-requestcost-")
    url = load.create_database(postgres)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DUBAN_", "REDIS_"))}
    env.update(DATABASE_URL=url, DUBAN_DATA_DIR=data_dir, DUBAN_DEMO_PASSWORD=load.PASSWORD)
    demo = subprocess.run(
        [str(ROOT / ".venv/bin/duban"), "demo"], env=env, check=False, capture_output=True
    )
    if demo.returncode != 0:
        sys.exit("duban demo failed:\n" + demo.stderr.decode()[-3000:])
    os.environ.update(env, DUBAN_ALLOWED_HOSTS="testserver")
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    return load.build_plan(50, 0.2)


def signed_in(username: str) -> Any:
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def pages(plan: load.Plan) -> list[Page]:
    """The load mix's page kinds, each with the request ``bench/load.py`` makes for it."""
    office = signed_in(plan.office[0])
    name = max(plan.reporters, key=lambda n: len(plan.reporters[n]))
    own = plan.reporter_tasks[name]
    reporter = signed_in(name)
    # every slot of the reporter's unit (its colleagues' too: no one else submits here)
    slots = [s for n, mine in plan.reporters.items() if plan.reporter_tasks[n] == own for s in mine]

    def submit(client: Any, i: int) -> Any:
        task, period = slots.pop()  # a (task, period) of its own, never reported before
        path = f"/tasks/{task}/reports/{period}/"
        found = VERSION.search(client.get(path).content.decode())
        form = {
            "version": found.group(1) if found else "0",
            "progress": f"{load.MARKER}第{task}项第{period}期进展",
            "problems": "无",
            "next_steps": "继续推进",
            "action": "submit",
        }
        return client.post(path, form), f"POST {path}"

    def report_form(client: Any, i: int) -> Any:
        task, period = slots[i % len(slots)]
        return client.get(f"/tasks/{task}/reports/{period}/"), "GET"

    return [
        Page("dashboard", office, lambda c, i: c.get(f"/supervision/?document={plan.document}")),
        Page("task list", office, lambda c, i: c.get("/tasks/")),
        Page("task page", office, lambda c, i: c.get(f"/tasks/{plan.tasks[i % len(plan.tasks)]}/")),
        Page("my task list", reporter, lambda c, i: c.get("/tasks/mine/")),
        Page("my task page", reporter, lambda c, i: c.get(f"/tasks/{own[i % len(own)]}/")),
        Page("report form", reporter, report_form),
        Page("report submit", reporter, submit),
    ]


def timed(page: Page, i: int) -> tuple[float, float, Any]:
    """One request: CPU and wall seconds of the measured request only (a submit's GET not)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if page.kind == "report submit":  # the form's GET first, outside the measure
        return _timed_submit(page, i)
    with CaptureQueriesContext(connection) as queries:
        cpu, wall = time.process_time(), time.perf_counter()
        response = page.request(page.client, i)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if page.kind == "report form":
        response = response[0]
    _check(page, response)
    if OPTIONS["sql"] and i == 1:
        _print_sql(page.kind, queries.captured_queries)
    return cpu, wall, len(queries)


def _print_sql(kind: str, captured: list[dict[str, str]]) -> None:
    print(f"\n---- {kind}: {len(captured)} queries")
    for n, query in enumerate(captured, 1):
        print(f"{n:3d}. {float(query['time']) * 1000:6.1f} ms  {query['sql'][:220]}")


def _timed_submit(page: Page, i: int) -> tuple[float, float, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sent: dict[str, float] = {}
    original = page.client.post

    def post(path: str, data: Any) -> Any:
        with CaptureQueriesContext(connection) as queries:
            cpu, wall = time.process_time(), time.perf_counter()
            response = original(path, data)
            sent.update(cpu=time.process_time() - cpu, wall=time.perf_counter() - wall)
        sent["queries"] = len(queries)
        if OPTIONS["sql"] and i == 1:
            _print_sql(page.kind, queries.captured_queries)
        return response

    page.client.post = post
    try:
        response, _ = page.request(page.client, i)
    finally:
        page.client.post = original
    _check(page, response, expected=302)
    return sent["cpu"], sent["wall"], int(sent["queries"])


def _check(page: Page, response: Any, expected: int = 200) -> None:
    if response.status_code != expected:
        sys.exit(f"{page.kind}: HTTP {response.status_code} (expected {expected})")


def measure(page: Page, n: int, profile: bool, top: int) -> dict[str, float]:
    """Warm the page up, then time ``n`` requests (and profile ``n`` more when asked)."""
    for i in range(2):
        timed(page, i)
    runs = [timed(page, 2 + i) for i in range(n)]
    figures = {
        "queries": statistics.median(r[2] for r in runs),
        "cpu": statistics.median(r[0] for r in runs) * 1000,
        "wall": statistics.median(r[1] for r in runs) * 1000,
    }
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for i in range(n):
            timed(page, 2 + n + i)
        profiler.disable()
        print(f"\n---- {page.kind}: top {top} cumulative over {n} requests")
        print(_table(profiler, "cumulative", top))
        print(f"---- {page.kind}: the project's own functions, cumulative")
        print(_table(profiler, "cumulative", "duban/", top))
        print(f"---- {page.kind}: top {top} by own time")
        print(_table(profiler, "tottime", top))
    return figures


def _table(profiler: cProfile.Profile, order: str, *restrictions: Any) -> str:
    """The pstats table without its preamble, paths shortened to the package."""
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(*restrictions)
    lines = out.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    site = re.compile(r"\S*/(site-packages|lib/python3\.\d+)/")
    return "\n".join(site.sub("", line).replace(str(ROOT) + "/", "") for line in lines[start:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page kind")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    parser.add_argument("--top", type=int, default=25, help="functions shown per profile")
    parser.add_argument("--only", default="", help="one page kind (e.g. 'task page')")
    parser.add_argument("--postgres", default=load.DEFAULT_PG, help="a database URL")
    parser.add_argument("--sql", action="store_true", help="print one request's queries")
    args = parser.parse_args()
    OPTIONS["sql"] = args.sql
    try:
        plan = build_site(args.postgres)
        table = []
        for page in pages(plan):
            if args.only and page.kind != args.only:
                continue
            table.append((page.kind, measure(page, args.requests, args.profile, args.top)))
        print(f"\n== per request, median of {args.requests} (PostgreSQL, in process)")
        print(f"{'page':14s} {'queries':>8s} {'CPU ms':>8s} {'wall ms':>8s}")
        for kind, f in table:
            print(f"{kind:14s} {f['queries']:8.0f} {f['cpu']:8.1f} {f['wall']:8.1f}")
        from django.db import connections

        connections.close_all()
    finally:
        load.drop_database(args.postgres)


if __name__ == "__main__":
    main()
