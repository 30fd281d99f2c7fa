"""Issue 11 item 2 and bug 3: periods exist from import confirm on, pages only read.

On a fresh install the late list said "没有未报送的进展" although every task had overdue
periods, and ``remind --dry-run`` said 59 where the real run sent 205: the periods were
only made when a task page was first opened (a GET). Every test here starts from an
import confirmed through the web page, with no task page opened.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from duban.accounts.models import Role, User
from duban.accounts.services import user_create
from duban.orgs.models import OrgUnit
from duban.plans.models import ImportBatch, SourceDocument, Task
from duban.progress import services
from duban.progress.models import Notification, ReportingPeriod
from duban.progress.parts import queries
from taskdoc.model import ParseResult
from tests.duban.progress.conftest import schedule_result

pytestmark = pytest.mark.django_db
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|MERGE)\b", re.IGNORECASE)
LATE_DAY = "2024-06-16"  # the periods due 04-10, 05-10 and 06-10 are overdue


@contextmanager
def no_writes() -> Iterator[None]:
    with CaptureQueriesContext(connection) as ctx:
        yield
    writes = [q["sql"] for q in ctx.captured_queries if WRITE.match(q["sql"])]
    assert writes == [], "a GET wrote to the database:\n" + "\n".join(writes)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def fresh(fake_parse: Callable[[ParseResult], None]) -> dict[str, Any]:
    """A notice imported through the confirm button; nobody has opened any other page."""
    from duban.plans.services import import_batch_create

    office = user_create(username="office", password="pw-123456", role=Role.OFFICE)
    fake_parse(schedule_result())
    batch = import_batch_create(data=b"fresh", filename="notice.txt", actor=office)
    assert _client(office).post(f"/imports/{batch.pk}/confirm/").status_code == 302
    reporter = user_create(
        username="reporter",
        password="pw-123456",
        role=Role.REPORTER,
        units=[OrgUnit.objects.get(name="市甲局")],
    )
    reporter_b = user_create(
        username="reporter_b",
        password="pw-123456",
        role=Role.REPORTER,
        units=[OrgUnit.objects.get(name="市乙局")],
    )
    return {
        "document": SourceDocument.objects.get(),
        "office": office,
        "reporter": reporter,
        "reporter_b": reporter_b,
    }


def test_confirm_generates_the_periods(fresh: dict[str, Any]) -> None:
    periods = ReportingPeriod.objects.filter(document=fresh["document"])
    assert periods.filter(kind="monthly").count() == 10  # 2024年3月 … 2024年12月
    assert periods.filter(kind="ledger").count() == 1


def test_confirm_and_periods_are_one_transaction(
    fake_parse: Callable[[ParseResult], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    from duban.plans.services import import_batch_create
    from duban.workflows import import_confirm

    def broken(**_: Any) -> None:
        raise RuntimeError("periods failed")

    monkeypatch.setattr("duban.workflows.imports.periods_ensure", broken)
    fake_parse(schedule_result())
    batch = import_batch_create(data=b"fresh", filename="notice.txt", actor=None)
    with pytest.raises(RuntimeError):
        import_confirm(batch=batch, actor=None)
    assert not SourceDocument.objects.exists() and not Task.objects.exists()
    assert ImportBatch.objects.get().status == "preview"


def test_late_list_on_a_fresh_import_shows_the_overdue_periods(fresh: dict[str, Any]) -> None:
    page = _client(fresh["office"]).get(f"/progress/late/?as_of={LATE_DAY}").content.decode()
    assert "没有未报送的进展" not in page
    assert "市甲局" in page and "市乙局" in page and "督办" in page


def test_dry_run_predicts_the_real_run(fresh: dict[str, Any]) -> None:
    day = date.fromisoformat(LATE_DAY)
    with no_writes():
        dry = services.reminders_run(as_of=day, dry_run=True)
    assert not Notification.objects.exists()
    real = services.reminders_run(as_of=day)
    # both tasks' 汇总s of the latest period, and 配合 市丙局's own part of task 1
    assert len(dry.items) == len(real.items) == 3
    assert [(i.task.pk, i.unit.name, i.part) for i in dry.items if i.part] == [
        (Task.objects.get(number=1).pk, "市丙局", True)
    ]
    assert [(i.task.pk, i.period.pk, i.stage, i.part) for i in dry.items] == [
        (i.task.pk, i.period.pk, i.stage, i.part) for i in real.items
    ]
    assert dry.sent == real.sent and sorted(real.sent) == ["reporter", "reporter_b"]
    assert Notification.objects.count() == len(real.sent)


def test_cli_dry_run_and_real_run_agree(
    fresh: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    from duban.cli import main

    assert main(["remind", "--as-of", LATE_DAY, "--dry-run"]) == 0
    dry = capsys.readouterr().out
    assert main(["remind", "--as-of", LATE_DAY]) == 0
    real = capsys.readouterr().out
    # 3 items: the two 汇总s and 市丙局's part (市丙局 has no reporter account to notify)
    assert f"{LATE_DAY}：未报送 3 项，将通知 2 人。" in dry
    assert f"{LATE_DAY}：未报送 3 项，已通知 2 人。" in real
    assert dry.splitlines()[1:] == real.splitlines()[1:]


def test_main_pages_write_nothing_on_get(fresh: dict[str, Any]) -> None:
    document, task = fresh["document"], Task.objects.get(number=1)
    office, reporter = _client(fresh["office"]), _client(fresh["reporter"])
    pages = [
        (office, f"/tasks/{task.pk}/progress/"),
        (office, f"/tasks/{task.pk}/progress/?as_of={LATE_DAY}"),
        (reporter, f"/tasks/{task.pk}/progress/"),
        (office, f"/tasks/{task.pk}/"),
        (office, f"/tasks/?document={document.pk}"),
        (reporter, "/tasks/mine/"),
        (reporter, "/progress/"),
        (reporter, f"/progress/?as_of={LATE_DAY}"),
        (office, "/progress/review/"),
        (office, f"/progress/late/?as_of={LATE_DAY}"),
        (office, f"/documents/{document.pk}/periods/"),
        (office, f"/supervision/?document={document.pk}&as_of={LATE_DAY}"),
        (office, f"/supervision/tasks/{task.pk}/?as_of={LATE_DAY}"),
        (office, f"/supervision/ranking/?document={document.pk}&as_of={LATE_DAY}"),
        (office, f"/supervision/year-end/?document={document.pk}"),
        (reporter, "/notifications/"),
        (office, f"/exports/ledger.xlsx?document={document.pk}&as_of={LATE_DAY}"),
        (office, "/bulletins/"),
        (office, f"/levels/?lower={document.pk}"),
        (office, f"/documents/{document.pk}/lower/?as_of={LATE_DAY}"),
    ]
    for client, url in pages:
        with no_writes():
            response = client.get(url)
        assert response.status_code == 200, url
    period = ReportingPeriod.objects.filter(document=document, kind="monthly").first()
    assert period is not None
    with no_writes():
        assert reporter.get(f"/tasks/{task.pk}/reports/{period.pk}/").status_code == 200
        assert (
            reporter.get(f"/tasks/{task.pk}/reports/{period.pk}/?prefill=parts").status_code == 200
        )
        assert office.get(f"/tasks/{task.pk}/parts/{period.pk}/").status_code == 200


def test_upgrade_gives_documents_imported_before_their_periods(
    fake_parse: Callable[[ParseResult], None],
) -> None:
    """Migration progress 0003: a document confirmed by the old path (no periods) gets them."""
    import importlib

    from django.apps import apps

    from duban.plans.services import import_batch_confirm, import_batch_create

    fake_parse(schedule_result())
    batch = import_batch_create(data=b"old", filename="notice.txt", actor=None)
    document = import_batch_confirm(batch=batch, actor=None)  # the plans step alone
    assert not ReportingPeriod.objects.filter(document=document).exists()
    migration = importlib.import_module("duban.progress.migrations.0003_periods_for_every_document")
    expected = [(p.kind, p.start, p.due_date) for p in services.periods_ensure(document=document)]
    assert len(expected) == 11
    ReportingPeriod.objects.all().delete()  # as it was before the upgrade
    migration.generate(apps, None)
    got = ReportingPeriod.objects.filter(document=document).order_by("due_date", "kind", "start")
    assert sorted((p.kind, p.start, p.due_date) for p in got) == sorted(expected)
    migration.generate(apps, None)  # documents that have periods are left alone
    assert ReportingPeriod.objects.count() == 11


def test_cli_import_yes_generates_the_periods(
    fake_parse: Callable[[ParseResult], None], tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from duban.cli import main

    fake_parse(schedule_result())
    notice = tmp_path / "notice.txt"
    notice.write_bytes(b"cli")
    assert main(["import", str(notice), "--yes"]) == 0
    assert "已导入" in capsys.readouterr().out
    assert ReportingPeriod.objects.filter(document=SourceDocument.objects.get()).count() == 11


def test_demo_documents_have_their_periods(capsys: pytest.CaptureFixture[str]) -> None:
    from duban.cli import main

    assert main(["demo"]) == 0
    capsys.readouterr()
    documents = SourceDocument.objects.all()
    assert documents.count() == 3  # 000, 004 and the city's tasks made from 001 (demo_levels)
    assert all(ReportingPeriod.objects.filter(document=d).exists() for d in documents)
    dry = services.reminders_run(as_of=date(2024, 12, 20), dry_run=True)
    reports = [i for i in dry.items if not i.part]
    # every task with a unit to report is late (205 of the notices; of the city's draft only
    # the few rows the suggester gave a city unit — a task without units reports nothing)
    with_units = Task.objects.filter(is_withdrawn=False, assignments__isnull=False).distinct()
    assert len(reports) == with_units.count() > 205
    owed = queries.part_units(Task.objects.filter(is_withdrawn=False).values_list("pk", flat=True))
    assert len(dry.items) - len(reports) == sum(len(units) for units in owed.values()) > 0
