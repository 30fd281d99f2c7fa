"""One truth: on every day of the year, every page, API, export and count gives each task the
light the status engine gives on the facts as they were known that day.

Data: the real notice 004 imported as the demo does, then a year of reports written through the
services on their own dates (on time, late, never; returned and resubmitted; approved; 办结;
an extension) from a seeded generator. The reference is the engine run on each task's history
(``timeline.status_on``), independent of the stored spans that every page reads.

Checked each day: the task page's status (``progress.selectors.task_status``, which its view
renders — the view itself is rendered on the period due dates), the dashboard's counts, both
API endpoints, the 台账 rows and the 通报's counts.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from duban.accounts.models import Role
from duban.accounts.services import user_create
from duban.exports.base import ExportParams
from duban.exports.bulletins import bulletin_context
from duban.exports.ledgers import LedgerExporter, status_label
from duban.plans.models import SourceDocument, Target, Task
from duban.plans.services import import_batch_create
from duban.progress import selectors as progress_selectors
from duban.progress.models import PeriodKind, ProgressReport, ReportingPeriod, RevisionKind
from duban.progress.services import (
    ReportInput,
    completion_request_create,
    completion_review,
    progress_report_review,
    progress_report_save,
    revision_decide,
    revision_request,
)
from duban.progress.standing.loading import Batch, monthly_periods
from duban.progress.status import TaskStatus
from duban.progress.timeline import status_on
from duban.supervision import selectors
from duban.supervision.snapshot import Dataset
from duban.workflows import import_confirm
from tests.duban.outputs_year import on

pytestmark = pytest.mark.django_db


def _submit(task: Task, period: ReportingPeriod, day: date, rng: random.Random, mp: Any) -> None:
    unit = progress_selectors.primary_unit(task)
    assert unit is not None
    existing = ProgressReport.objects.filter(task=task, period=period).first()
    targets = [t for t in Target.objects.filter(task=task) if t.value is not None]
    share = Decimal(rng.randint(20, 130)) / 100
    actuals = {t.pk: (t.value * share).quantize(Decimal("0.01")) for t in targets}
    with on(day, mp):
        progress_report_save(
            task=task,
            period=period,
            unit=unit,
            data=ReportInput(progress=f"{period.label}进展。", actuals=actuals),
            expected_version=existing.version if existing else None,
            submit=True,
            actor=None,
        )


def _review(task: Task, period: ReportingPeriod, day: date, approve: bool, mp: Any) -> None:
    report = ProgressReport.objects.get(task=task, period=period)
    with on(day, mp):
        progress_report_review(
            report=report, approve=approve, note="" if approve else "请补充佐证。", actor=None
        )


def _a_year_of_reports(document: SourceDocument, mp: Any) -> None:
    """Reports on their own days; every write goes through the services (spans refresh)."""
    rng = random.Random(2020)
    periods = list(
        ReportingPeriod.objects.filter(document=document, kind=PeriodKind.MONTHLY).order_by(
            "due_date"
        )
    )
    tasks = list(Task.objects.filter(task_list__document=document).order_by("pk"))
    for task in tasks:
        if progress_selectors.primary_unit(task) is None:
            continue
        habit = rng.random()
        for period in periods:
            luck = rng.random()
            if luck < habit * 0.25:
                continue  # never reported this period
            late = luck > 0.85
            day = period.due_date + timedelta(
                days=rng.randint(1, 20) if late else -rng.randint(0, 8)
            )
            _submit(task, period, day, rng, mp)
            verdict = rng.random()
            if verdict < 0.15:
                _review(task, period, day + timedelta(days=2), False, mp)
                _submit(task, period, day + timedelta(days=5), rng, mp)
                _review(task, period, day + timedelta(days=7), True, mp)
            elif verdict < 0.7:
                _review(task, period, day + timedelta(days=rng.randint(1, 6)), True, mp)
        if rng.random() < 0.12:
            _close(task, periods[rng.randint(2, len(periods) - 2)].due_date, mp)
        elif rng.random() < 0.08:
            _extend(task, periods[3].due_date, mp)


def _close(task: Task, day: date, mp: Any) -> None:
    unit = progress_selectors.primary_unit(task)
    assert unit is not None
    with on(day, mp):
        request = completion_request_create(task=task, unit=unit, summary="已完成。", actor=None)
    with on(day + timedelta(days=4), mp):
        completion_review(request=request, approve=True, note="", actor=None)


def _extend(task: Task, day: date, mp: Any) -> None:
    unit = progress_selectors.primary_unit(task)
    assert unit is not None
    with on(day, mp):
        revision = revision_request(
            task=task, unit=unit, kind=RevisionKind.EXTEND, reason="工期调整。",
            new_deadline=date(2021, 3, 31), actor=None,
        )  # fmt: skip
    with on(day + timedelta(days=3), mp):
        revision_decide(revision=revision, approve=True, note="同意。", actor=None)


def _reference(
    document: SourceDocument, tasks: list[Task]
) -> Callable[[date], dict[int, TaskStatus]]:
    """The engine on each task's facts (loaded once), not the stored spans."""
    ids = [t.pk for t in tasks]
    histories = Batch(document, {"task_id__in": ids}).histories(ids, monthly_periods(document))
    return lambda day: {pk: status_on(h, day) for pk, h in histories.items()}


@pytest.fixture
def demo(corpus_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> SourceDocument:
    path = corpus_file("004")
    with on(date(2020, 5, 20), monkeypatch):
        batch = import_batch_create(data=path.read_bytes(), filename=path.name, actor=None)
        document = import_confirm(batch=batch, actor=None)
    _a_year_of_reports(document, monkeypatch)
    return document


def test_every_output_agrees_with_the_engine_on_every_day(demo: SourceDocument) -> None:
    document = demo
    office = user_create(username="office1", password="x-Secret-2026", role=Role.OFFICE, actor=None)
    client = Client()
    client.force_login(office)
    tasks = list(
        Task.objects.filter(task_list__document=document, is_withdrawn=False)
        .select_related("task_list__document")
        .order_by("pk")
    )
    reference = _reference(document, tasks)
    data = Dataset(document, Task.objects.all())
    due_dates = {p.due_date for p in ReportingPeriod.objects.filter(document=document)}
    seen_colours: Counter[str] = Counter()
    day = date(2020, 1, 1)
    while day <= date(2020, 12, 31):
        expected = reference(day)
        colours = {pk: str(s.colour) for pk, s in expected.items()}
        seen_colours.update(colours.values())
        counts = Counter(colours.values())
        # the task page's status (every task), and the page itself on the due dates
        for task in tasks:
            assert progress_selectors.task_status(task, as_of=day) == expected[task.pk], (
                task.number,
                day,
            )
        if day in due_dates:
            for task in tasks[::7]:
                page = client.get(f"/tasks/{task.pk}/progress/?as_of={day}")
                assert f'light-{colours[task.pk]}" id="light"' in page.text, (task.number, day)
        # the dashboard
        board = selectors.dashboard(document=document, as_of=day)
        assert board.total == len(tasks)
        assert {k: v for k, v in board.colours.items() if v} == dict(counts), day
        # the dashboard API
        api = client.get(f"/api/v1/dashboard/?document={document.pk}&as_of={day}").json()
        assert {k: v for k, v in api["lights"].items() if v} == dict(counts), day
        # the tasks API, every page
        lights: dict[int, str] = {}
        url = f"/api/v1/tasks/?document={document.pk}&as_of={day}&page_size=200"
        while url:
            answer = client.get(url).json()
            lights.update({row["id"]: row["light"] for row in answer["results"]})
            url = answer["next"]
        assert lights == colours, day
        # the 台账 rows and the 通报's counts
        rows = list(
            LedgerExporter().iterate_rows(ExportParams(user=office, document=document, as_of=day))
        )
        assert [r[-1] for r in rows] == [status_label(expected[t.id]) for t in data.tasks], day
        bulletin = bulletin_context(data=data, as_of=day)
        schedule = Counter(str(s.schedule) for s in expected.values())
        assert (bulletin.total, bulletin.done, bulletin.lagging, bulletin.overdue) == (
            len(tasks),
            schedule["done"],
            schedule["lagging"],
            schedule["overdue"],
        ), day
        day += timedelta(days=1)
    # the generated year exercises every light (a test that cannot fail proves nothing)
    assert all(seen_colours[c] for c in ("blue", "green", "yellow", "red")), seen_colours
