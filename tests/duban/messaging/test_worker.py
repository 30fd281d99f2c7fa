"""The worker: its schedules (daily reminders, the resend sweep) and a real ``duban worker``
process that takes a queued delivery off the ORM broker and stops on SIGTERM."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from datetime import date
from datetime import time as clock_time
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from django_q.models import Schedule

from duban.cli import build_parser
from duban.cli.worker import wait_for_migrations
from duban.messaging import services, tasks
from duban.progress.models import CHASE_KINDS, Notification
from duban.progress.services import reminders_run
from tests.duban.messaging.conftest import Robots
from tests.duban.outputs_year import on
from tests.duban.progress.conftest import World

ROOT = Path(__file__).resolve().parents[3]
PYTHON = ROOT / ".venv" / "bin" / "python"


@pytest.mark.django_db
def test_schedules_are_created_once_and_follow_the_settings(settings: Any) -> None:
    assert set(services.schedules_ensure()) == {"每日催报", "消息失败重发"}
    assert services.schedules_ensure() == []
    assert Schedule.objects.count() == 2
    daily = Schedule.objects.get(name="每日催报")
    assert (daily.func, daily.schedule_type, daily.repeats) == (
        "duban.messaging.tasks.reminders_daily",
        Schedule.DAILY,
        -1,
    )
    assert timezone.localtime(daily.next_run).time() == clock_time(8, 30)
    sweep = Schedule.objects.get(name="消息失败重发")
    assert (sweep.func, sweep.schedule_type, sweep.minutes) == (
        "duban.messaging.tasks.retry_due",
        Schedule.MINUTES,
        1,
    )
    settings.DUBAN_REMIND_AT = "07:45"
    services.schedules_ensure()
    daily.refresh_from_db()
    assert timezone.localtime(daily.next_run).time() == clock_time(7, 45)
    assert daily.next_run > timezone.now()


@pytest.mark.django_db
def test_the_daily_schedule_runs_the_reminders(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    with on(date(2024, 4, 12), monkeypatch):
        expected = sorted(reminders_run(as_of=date(2024, 4, 12), dry_run=True).sent)
        summary = tasks.reminders_daily()
        again = tasks.reminders_daily()  # the same day twice: the chase interval holds
    assert "reporter" in expected
    assert summary.startswith("2024-04-12：") and f"通知 {len(expected)} 人" in summary
    assert "通知 0 人" in again
    chased = Notification.objects.filter(stage__in=CHASE_KINDS, as_of=date(2024, 4, 12))
    assert sorted(chased.values_list("recipient__username", flat=True)) == expected


@pytest.mark.django_db
def test_the_worker_command_is_registered_and_sees_a_migrated_database() -> None:
    args = build_parser().parse_args(["worker", "--wait", "3"])
    assert args.wait == 3
    assert wait_for_migrations(0) is True


SETUP = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from datetime import date
from django.db import transaction
from duban.accounts.models import Role
from duban.accounts.services import user_create
from duban.messaging.models import Robot
from duban.progress.services.notifications import notify
Robot.objects.create(name="群", kind="wecom", url=os.environ["ROBOT_URL"])
user = user_create(username="tb", password="pw-1234567890", role=Role.REPORTER, display_name="填报员")
with transaction.atomic():
    notify(recipients=[user], kind="urge", title="催办：测试", body="请报送", as_of=date(2024, 7, 1))
"""


@pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="the worker runs on its own SQLite file: one leg"
)
def test_a_real_worker_delivers_from_the_queue_and_stops_on_sigterm(
    tmp_path: Path, robots: Robots
) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": "",
        "DUBAN_DATA_DIR": str(tmp_path),
        "DUBAN_SECRET_KEY": "worker-test-key",
        "DUBAN_WORKER_PROCESSES": "1",
        "ROBOT_URL": f"{robots.url}/send?key=k",
    }
    env.pop("DUBAN_QUEUE_SYNC", None)
    for command in (["manage.py", "migrate", "-v0"], ["-c", SETUP]):
        subprocess.run(
            [PYTHON, *command], cwd=ROOT, env=env, check=True, capture_output=True, timeout=120
        )
    assert robots.hits == []  # queued, not sent: nothing runs tasks but the worker
    worker = subprocess.Popen(
        [PYTHON, "-m", "duban.cli", "worker", "--wait", "10"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not robots.hits and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.2)
        assert [h.payload["text"]["content"].splitlines()[0] for h in robots.hits] == [
            "【督办】催办：测试"
        ]
        time.sleep(1.5)  # the row is marked 已发送 right after the answer
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        output, _ = worker.communicate(timeout=60)
    assert worker.returncode is not None, output
    assert "督办后台任务已启动" in output.decode(), output
    with sqlite3.connect(tmp_path / "duban.sqlite3") as db:
        rows = db.execute("select state, attempts from messaging_deliverylog").fetchall()
        names = {r[0] for r in db.execute("select name from django_q_schedule")}
    assert rows == [("sent", 1)]
    assert names == {"每日催报", "消息失败重发"}
