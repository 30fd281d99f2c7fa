"""Pure rules besides the status engine: periods, chasing, workflow, file types, sheet."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from duban.progress import filetypes
from duban.progress.chasing import ChaseStage, chase_stage, may_chase
from duban.progress.periodrules import ScheduleSpec, build_periods
from duban.progress.workflow import (
    ReportEvent,
    ReportState,
    TaskEvent,
    TaskState,
    TransitionError,
    report_next,
    task_next,
)

SEED_004 = ScheduleSpec(
    monthly_day=10,
    monthly_start_month=6,
    ledger_dates=(date(2020, 7, 10), date(2020, 10, 10), date(2021, 1, 10)),
)


def test_seed_004_periods() -> None:
    periods = build_periods(SEED_004, year=2020, issued_on=date(2020, 5, 28))
    monthly = [p for p in periods if p.kind == "monthly"]
    assert [(p.label, p.due) for p in monthly[:2]] == [
        ("2020年5月", date(2020, 6, 10)),
        ("2020年6月", date(2020, 7, 10)),
    ]
    assert (monthly[-1].label, monthly[-1].due) == ("2020年12月", date(2021, 1, 10))
    assert monthly[0].start == date(2020, 5, 1) and monthly[0].end == date(2020, 5, 31)
    ledgers = [(p.label, p.due) for p in periods if p.kind == "ledger"]
    assert ledgers == [
        ("2020年第2季度台账", date(2020, 7, 10)),
        ("2020年第3季度台账", date(2020, 10, 10)),
        ("2020年第4季度台账", date(2021, 1, 10)),
    ]


def test_default_schedule_starts_after_issue() -> None:
    periods = build_periods(ScheduleSpec(), year=2024, issued_on=date(2024, 3, 7))
    assert (periods[0].label, periods[0].due) == ("2024年3月", date(2024, 4, 10))
    assert len(periods) == 10  # March … December


def test_due_day_clamped_to_month_end() -> None:
    periods = build_periods(
        ScheduleSpec(monthly_day=31, monthly_covers_previous=False), year=2024, issued_on=None
    )
    assert periods[1].due == date(2024, 2, 29)


def test_quarterly() -> None:
    spec = ScheduleSpec(monthly_day=None, quarterly_day=15)
    assert [p.due for p in build_periods(spec, year=2024, issued_on=None)] == [
        date(2024, 4, 15),
        date(2024, 7, 15),
        date(2024, 10, 15),
        date(2025, 1, 15),
    ]


@pytest.mark.parametrize(
    ("as_of", "stage"),
    [
        (date(2024, 5, 1), None),
        (date(2024, 5, 7), ChaseStage.REMIND),
        (date(2024, 5, 10), ChaseStage.REMIND),
        (date(2024, 5, 11), ChaseStage.URGE),
        (date(2024, 5, 14), ChaseStage.URGE),
        (date(2024, 5, 15), ChaseStage.SUPERVISE),
    ],
)
def test_chase_stage(as_of: date, stage: ChaseStage | None) -> None:
    assert chase_stage(date(2024, 5, 10), as_of, remind_days=3, escalate_days=5) == stage


def test_may_chase_interval() -> None:
    assert may_chase(None, date(2024, 5, 1), interval_days=3)
    assert not may_chase(date(2024, 5, 1), date(2024, 5, 3), interval_days=3)
    assert may_chase(date(2024, 5, 1), date(2024, 5, 4), interval_days=3)


def test_task_workflow() -> None:
    s = task_next(TaskState.ASSIGNED, TaskEvent.REPORT)  # reporting counts as 签收
    s = task_next(s, TaskEvent.REQUEST_COMPLETION)
    s = task_next(s, TaskEvent.RETURN_COMPLETION)
    assert s is TaskState.RETURNED
    s = task_next(task_next(s, TaskEvent.REPORT), TaskEvent.REQUEST_COMPLETION)
    assert task_next(s, TaskEvent.APPROVE_COMPLETION) is TaskState.CLOSED
    with pytest.raises(TransitionError, match="已销号"):
        task_next(TaskState.CLOSED, TaskEvent.REPORT)
    with pytest.raises(TransitionError):
        task_next(TaskState.ASSIGNED, TaskEvent.APPROVE_COMPLETION)


def test_report_workflow() -> None:
    assert report_next(ReportState.DRAFT, ReportEvent.SUBMIT) is ReportState.SUBMITTED
    assert report_next(ReportState.SUBMITTED, ReportEvent.RETURN) is ReportState.RETURNED
    assert report_next(ReportState.RETURNED, ReportEvent.SAVE) is ReportState.RETURNED
    with pytest.raises(TransitionError, match="已报送"):
        report_next(ReportState.SUBMITTED, ReportEvent.SAVE)


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 20
PDF = b"%PDF-1.4\n%%EOF"


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (PNG, "a.png", "png"),
        (PDF, "扫描件.PDF", "pdf"),
        (_docx(), "a.docx", "docx"),
        (b"\xff\xd8\xff\xe0", "a.jpg", "jpeg"),
    ],
)
def test_filetypes_accept(data: bytes, name: str, kind: str) -> None:
    assert filetypes.check(data, name, max_bytes=1000).name == kind


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"MZ\x90\x00", "report.pdf", "不符"),
        (PDF, "report.jpg", "不符"),
        (_docx(), "a.xlsx", "不符"),
        (PNG, "a.exe", "只接受"),
        (b"", "a.pdf", "为空"),
        (PDF + b"x" * 2000, "a.pdf", "上限"),
        (b"PK\x03\x04garbage", "a.docx", "不符"),
    ],
)
def test_filetypes_refuse(data: bytes, name: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        filetypes.check(data, name, max_bytes=1000)
