"""Load test: N simulated users against ``duban serve`` on PostgreSQL, for a bounded time.

Why: a city's units all report in the days before the 10th while the 督查室 watches the
dashboard. Goal (issue 14): with 50 users on this machine 0 errors, 0 lost writes, p95 ≤ 1 s.

What it does: creates a fresh PostgreSQL database, builds the demo site into it (``duban
demo``), adds office users and unit reporters, starts ``duban serve`` on a free loopback port,
then runs one thread per user for ``--seconds``. Each user logs in through the login form (CSRF
token, cookies kept); office users mix the dashboard, the task list and task pages; reporters
mix their task list, task pages and report submits (form fetched for its CSRF token and version,
then posted), each submit on a (task, period) of their own. At the end it counts the reports
stored with the benchmark's text and compares with the successful submit responses (lost
writes), then stops the server and drops the database. Prints figures; asserts nothing.

Usage: ``.venv/bin/python bench/load.py [--users 50] [--seconds 60] [--think S] [--reload]
[--workers N] [--redis URL] [--postgres URL]``. ``--reload`` measures the development server
(``duban serve --reload``) instead of gunicorn. ``--think`` is the mean pause between a user's
pages (exponential; default 0: every user fires its next request as soon as the last answered,
which measures the server's capacity, not a realistic office). The load threads run on the
same machine as the server and take some of its CPU.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "duban_bench_load"
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/test"
PASSWORD = "Bench-Load-2026-pw"
MARKER = "【压测】"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d*)"')
TIMEOUT = 30.0
LOGIN_SLOTS = threading.Semaphore(4)


@dataclass
class Plan:
    """What the users may touch, computed from the database before the load starts."""

    document: int
    tasks: list[int]
    office: list[str]
    reporters: dict[str, list[tuple[int, int]]]  # username → its own (task, period) slots
    reporter_tasks: dict[str, list[int]]


@dataclass
class Stats:
    """Latencies by page kind, errors and submit outcomes, shared by all user threads."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    examples: list[str] = field(default_factory=list)
    submitted: int = 0

    def add(self, kind: str, seconds: float, error: str = "") -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if error:
                self.errors[kind] += 1
                if len(self.examples) < 5:
                    self.examples.append(f"{kind}: {error}")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a 302 is an answer to measure, not to follow


class User:
    """One browser: its own cookie jar, no redirects followed, every request timed."""

    def __init__(self, base: str, stats: Stats) -> None:
        self.base, self.stats = base, stats
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(self, kind: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str]:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        headers = {"Referer": self.base + path}  # Django's CSRF check on HTTPS wants one
        req = urllib.request.Request(self.base + path, data=data, headers=headers)
        start = time.perf_counter()
        try:
            with self.opener.open(req, timeout=TIMEOUT) as resp:
                status, body = resp.status, resp.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as err:
            status, body = err.code, err.read().decode("utf-8", "replace")
        except OSError as err:
            self.stats.add(kind, time.perf_counter() - start, f"{path}: {err}")
            return 0, ""
        error = f"{path}: HTTP {status}" if status >= 400 else ""
        self.stats.add(kind, time.perf_counter() - start, error)
        return status, body

    def login(self, username: str) -> bool:
        _, page = self.request("login", "/login/")
        token = TOKEN.search(page)
        form = {"username": username, "password": PASSWORD}
        status, _ = self.request(
            "login", "/login/", {**form, "csrfmiddlewaretoken": token.group(1) if token else ""}
        )
        return status == 302

    def submit(self, task: int, period: int, text: str) -> bool:
        path = f"/tasks/{task}/reports/{period}/"
        status, page = self.request("report form", path)
        token, version = TOKEN.search(page), VERSION.search(page)
        if status != 200 or token is None:
            return False
        form = {
            "csrfmiddlewaretoken": token.group(1),
            "version": version.group(1) if version else "0",
            "progress": text,
            "problems": "无",
            "next_steps": "继续推进",
            "action": "submit",
        }
        status, _ = self.request("report submit", path, form)
        return status == 302


def office_step(user: User, plan: Plan, rng: random.Random) -> None:
    choice = rng.random()
    if choice < 0.3:
        user.request("dashboard", f"/supervision/?document={plan.document}")
    elif choice < 0.6:
        user.request("task list", "/tasks/")
    else:
        user.request("task page", f"/tasks/{rng.choice(plan.tasks)}/")


def reporter_step(user: User, name: str, plan: Plan, rng: random.Random, stats: Stats) -> None:
    choice, slots = rng.random(), plan.reporters[name]
    if choice < 0.4 and slots:
        task, period = slots.pop()
        if user.submit(task, period, f"{MARKER}{name} 第{task}项第{period}期进展"):
            with stats.lock:
                stats.submitted += 1
    elif choice < 0.7:
        user.request("task list", "/tasks/mine/")
    else:
        user.request("task page", f"/tasks/{rng.choice(plan.reporter_tasks[name])}/")


def run_user(
    base: str,
    name: str,
    *,
    plan: Plan,
    stats: Stats,
    ready: threading.Barrier,
    until: list[float],
    think: float,
) -> None:
    """One user's session: log in, wait for the others, then act until the deadline."""
    user, rng = User(base, stats), random.Random(name)
    try:
        with LOGIN_SLOTS:  # a ramp-up: logins are not measured, and 50 at once swamp runserver
            ok = user.login(name)
    finally:
        ready.wait()  # never leave the others waiting
    if not ok:
        stats.add("login", 0.0, f"{name} could not log in")
        return
    while time.monotonic() < until[0]:
        if name in plan.reporters:
            reporter_step(user, name, plan, rng, stats)
        else:
            office_step(user, plan, rng)
        if think > 0:  # reading the page: exponential pauses, mean ``think`` seconds
            time.sleep(min(rng.expovariate(1 / think), max(0.0, until[0] - time.monotonic())))


def build_plan(users: int, office_share: float) -> Plan:
    """Add the benchmark's users to the demo site and hand out report slots."""
    from duban.accounts.models import Role
    from duban.accounts.services import user_create
    from duban.plans.models import SourceDocument, Task
    from duban.progress import selectors
    from duban.progress.models import ReportingPeriod

    document = SourceDocument.objects.order_by("pk").first()
    if document is None:
        sys.exit("the demo build imported no document")
    tasks = list(Task.objects.filter(task_list__document=document).order_by("pk"))
    periods = list(ReportingPeriod.objects.filter(document=document).values_list("pk", flat=True))
    by_unit: dict[Any, list[int]] = defaultdict(list)
    for task in tasks:
        unit = selectors.primary_unit(task)
        if unit is not None:
            by_unit[unit].append(task.pk)
    units = sorted(by_unit, key=lambda u: -len(by_unit[u]))
    n_office = max(1, round(users * office_share))
    office = [f"bench_office_{i}" for i in range(n_office)]
    for name in office:
        user_create(username=name, password=PASSWORD, role=Role.OFFICE, display_name=name)
    reporters: dict[str, list[tuple[int, int]]] = {}
    reporter_tasks: dict[str, list[int]] = {}
    per_unit: dict[Any, list[str]] = defaultdict(list)
    for i in range(users - n_office):
        unit = units[i % len(units)]
        name = f"bench_reporter_{i}"
        user_create(
            username=name, password=PASSWORD, role=Role.REPORTER, units=[unit], display_name=name
        )
        per_unit[unit].append(name)
        reporter_tasks[name] = by_unit[unit]
    for unit, names in per_unit.items():  # each slot to one reporter only: no self-conflicts
        slots = [(t, p) for t in by_unit[unit] for p in periods]
        random.Random(unit.pk).shuffle(slots)
        for j, name in enumerate(names):
            reporters[name] = slots[j :: len(names)]
    return Plan(document.pk, [t.pk for t in tasks], office, reporters, reporter_tasks)


def stored_submits() -> int:
    from duban.progress.models import ProgressReport

    return ProgressReport.objects.filter(progress__startswith=MARKER, state="submitted").count()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    args: argparse.Namespace, env: dict[str, str], port: int
) -> subprocess.Popen[bytes]:
    cmd = [str(ROOT / ".venv/bin/duban"), "serve", "--port", str(port)]
    cmd += ["--reload"] if args.reload else ["--no-access-log"]
    if args.workers and not args.reload:
        cmd += ["--workers", str(args.workers)]
    log = open(Path(env["DUBAN_DATA_DIR"]) / "server.log", "wb")  # noqa: SIM115
    server = subprocess.Popen(
        cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2).close()
            return server
        except OSError:
            time.sleep(0.5)
    stop_server(server)
    sys.exit("the server did not start: see " + log.name)


def stop_server(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def report(stats: Stats, seconds: float, submitted_ok: int, stored: int, label: str) -> None:
    timed = {k: v for k, v in stats.latencies.items() if k != "login"}
    every = [x for v in timed.values() for x in v]
    errors = sum(n for k, n in stats.errors.items())
    print(
        f"\n== {label}: {len(every)} requests in {seconds:.1f} s = {len(every) / seconds:.1f} req/s"
    )
    print(f"{'kind':14s} {'n':>6s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s} {'errors':>6s}")
    for kind in [*sorted(timed), "all"]:
        values = every if kind == "all" else timed[kind]
        n_err = errors if kind == "all" else stats.errors.get(kind, 0)
        row = [pct(values, q) * 1000 for q in (0.5, 0.95, 0.99)]
        print(f"{kind:14s} {len(values):6d} {row[0]:8.0f} {row[1]:8.0f} {row[2]:8.0f} {n_err:6d}")
    print(f"errors: {errors} (logins included)" + "".join(f"\n  {e}" for e in stats.examples))
    print(
        f"report submits answered OK: {submitted_ok}; stored: {stored}; lost: {submitted_ok - stored}"
    )


def create_database(url: str) -> str:
    import psycopg

    admin = urllib.parse.urlsplit(url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")
    return urllib.parse.urlunsplit(admin._replace(path="/" + BENCH_DB))


def drop_database(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--office-share", type=float, default=0.2, help="share of office users")
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean pause between pages, s (0: none)"
    )
    parser.add_argument("--reload", action="store_true", help="the development server")
    parser.add_argument(
        "--workers", type=int, default=0, help="gunicorn workers (default: serve's)"
    )
    parser.add_argument("--redis", default="", help="REDIS_URL for the server (default: none)")
    parser.add_argument("--postgres", default=DEFAULT_PG, help="a database URL on the server")
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="duban-load-")
    url = create_database(args.postgres)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DUBAN_", "REDIS_"))}
    env.update(DATABASE_URL=url, DUBAN_DATA_DIR=data_dir, DUBAN_DEMO_PASSWORD=PASSWORD)
    if args.redis:
        env["REDIS_URL"] = args.redis
    try:
        demo = subprocess.run(
            [str(ROOT / ".venv/bin/duban"), "demo"], env=env, check=False, capture_output=True
        )
        if demo.returncode != 0:
            sys.exit("duban demo failed:\n" + demo.stderr.decode()[-3000:])
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django
        from django.db import connections

        django.setup()
        plan = build_plan(args.users, args.office_share)
        connections.close_all()
        port = free_port()
        server = start_server(args, env, port)
        try:
            stats, elapsed = run_load(args, plan, f"http://127.0.0.1:{port}")
        finally:
            stop_server(server)
        label = "runserver (duban serve --reload)" if args.reload else "gunicorn (duban serve)"
        label += f", {args.users} users, think {args.think:g} s, PostgreSQL"
        label += ", Redis" if args.redis else ""
        report(stats, elapsed, stats.submitted, stored_submits(), label)
        connections.close_all()
    finally:
        drop_database(args.postgres)


def run_load(args: argparse.Namespace, plan: Plan, base: str) -> tuple[Stats, float]:
    """Run every user's thread; returns the figures and the timed window's real length."""
    stats = Stats()
    names = plan.office + list(plan.reporters)
    ready = threading.Barrier(len(names) + 1)
    until = [float("inf")]
    shared = {"plan": plan, "stats": stats, "ready": ready, "until": until, "think": args.think}
    threads = [
        threading.Thread(target=run_user, args=(base, n), kwargs=shared, daemon=True) for n in names
    ]
    for t in threads:
        t.start()
    ready.wait()  # every user logged in: the timed window starts now
    start = time.monotonic()
    until[0] = start + args.seconds
    for t in threads:
        t.join(args.seconds + TIMEOUT + 10)
    return stats, time.monotonic() - start


if __name__ == "__main__":
    main()
