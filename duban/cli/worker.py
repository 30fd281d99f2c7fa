"""``duban worker``: the background worker (django-q2's cluster on the ORM broker).

It sends the notices by e-mail and to the group robots, retries failed deliveries and runs
the daily reminders (``duban.messaging.services.schedules_ensure`` creates both schedules on
start). It does not migrate: it waits until ``duban serve`` (or ``manage.py migrate``) has,
so that two processes never migrate one database at once.

Stopping: django-q2's cluster stops cleanly only when its *main* process gets the signal;
a SIGTERM to the whole process group (``make run``'s Ctrl-C, systemd's default) would kill
its sentinel mid-step and leave the main process waiting forever. So this command runs the
cluster as a child in a session of its own and passes SIGTERM / SIGINT on to that child
alone; what has not stopped ``STOP_SECONDS`` later is killed, and the child gets SIGTERM
too if this process dies (Linux ``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import Any

WAIT_SECONDS = 120
STOP_SECONDS = 20  # below make run's 25 s before it kills what is left
PR_SET_PDEATHSIG = 1


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "worker", help="启动后台任务：发送邮件和群机器人消息、失败重发、每日提醒催办"
    )
    parser.add_argument(
        "--wait",
        type=int,
        default=WAIT_SECONDS,
        help=f"数据库尚未迁移时最多等待的秒数（默认 {WAIT_SECONDS}）",
    )
    # the child that runs the cluster itself (started by the command above)
    parser.add_argument("--cluster", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(func=run)


def wait_for_migrations(seconds: int) -> bool:
    """True once the database has every migration applied; False after ``seconds``."""
    from django.db import connections

    from duban.core.backup_tables import pending_migrations

    deadline = time.monotonic() + max(seconds, 0)
    while True:
        if not pending_migrations("default"):
            return True
        if time.monotonic() >= deadline:
            return False
        connections.close_all()
        time.sleep(1)


def run(args: argparse.Namespace) -> int:
    from duban.cli.django_setup import setup

    setup()
    from django.core.management import call_command

    if args.cluster:
        call_command("qcluster")
        return 0
    if not wait_for_migrations(args.wait):
        print("数据库尚未迁移：请先运行 duban serve（或 manage.py migrate），再启动后台任务。")
        return 1
    from django.conf import settings
    from django.db import connections

    from duban.messaging.services import remind_time, schedules_ensure

    schedules_ensure()
    # The database cache (REDIS_URL unset) holds nothing of the worker's, but Django's checks
    # and any cache use must find its table, as duban serve ensures.
    call_command("createcachetable", verbosity=0)
    connections.close_all()
    workers = settings.Q_CLUSTER.get("workers")
    print(
        f"督办后台任务已启动：{workers} 个进程；每日 {remind_time():%H:%M} 提醒催办，"
        "失败的消息自动重发（Ctrl+C 退出）",
        flush=True,
    )
    return supervise([sys.executable, "-m", "duban.cli", "worker", "--cluster"])


def _die_with_parent() -> None:  # pragma: no cover (runs in the forked child)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def supervise(command: Sequence[str], stop_seconds: float = STOP_SECONDS) -> int:
    """Run ``command`` in its own session; pass SIGTERM/SIGINT to it; its exit code."""
    child = subprocess.Popen(command, start_new_session=True, preexec_fn=_die_with_parent)  # noqa: PLW1509
    asked: list[float] = []

    def forward(signum: int, frame: Any) -> None:
        if not asked:
            asked.append(time.monotonic())
            child.send_signal(signal.SIGTERM)

    previous = {s: signal.signal(s, forward) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        while True:
            try:
                code = child.wait(timeout=0.5)
            except subprocess.TimeoutExpired:
                if asked and time.monotonic() - asked[0] > stop_seconds:
                    os.killpg(child.pid, signal.SIGKILL)
            else:
                return 0 if asked else code
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if child.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)
            child.wait()
