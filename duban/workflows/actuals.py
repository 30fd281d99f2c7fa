"""Confirm an actuals import: the matched figures become the tasks' reported values.

Each paired actual of an execution report or bulletin is written into the progress report
of its task for the period it covers (全年 → the December report, 1-9月 → September's), by
the office, through the one service that writes reports (``progress_report_save``: version
check, audit, 反馈, the read model refreshed in the same transaction). The figure is taken
in the target's own unit and sense (``actualseam.value_for``: 15314人 against 1.2万人 is
1.5314), and the progress text records the source sentence (据《…》导入：…), so the report
says where its figure came from. One transaction for the whole import: a report the unit
already submitted or the office approved is never overwritten — the import is refused with
the task and the period named, and the office may set those actuals to 不匹配.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from duban.accounts.permissions import Perm, can
from duban.audit.services import audit_record
from duban.core import clock
from duban.core.exceptions import ApplicationError
from duban.plans import actualseam
from duban.plans.actualmodels import ActualImport, ActualRow, MatchDecision
from duban.plans.models import BatchStatus, Task
from duban.plans.services.actuals import ensure_preview
from duban.progress.models import PeriodKind, ProgressReport, ReportingPeriod
from duban.progress.selectors import primary_unit
from duban.progress.services import ReportInput, progress_report_save
from duban.progress.workflow import ReportState

NOTHING = "没有已配对的完成值可导入：请先为完成值选择对应指标。"
NO_PERIOD = "任务{number}所在文件没有{year}年{month}月的月度报送期，无法记入第{rows}项。"
NO_UNIT = "任务{number}没有牵头单位或责任单位，无法记入第{rows}项。"
NO_VALUE = "第{position}项（{figure}）无法换算为指标“{target}”的单位，请改为不匹配。"
LOCKED = (
    "任务{number}“{period}”的进展已{state}，不能用文件数值覆盖：请先处理该报告，"
    "或将第{rows}项设为不匹配。"
)
SOURCE_LINE = "据《{title}》导入：{sentence}"
DECIMALS = Decimal("0.0001")


@dataclass(frozen=True)
class ConfirmResult:
    written: int  # actuals written
    reports: int  # reports saved (one per task and period)
    documents: tuple[int, ...]  # the task documents written to (for the year-end link)
    as_of: date  # the day the figures count from (the year-end page's cut-off)


def _period(task: Task, year: int | None, month: int | None, rows: str) -> ReportingPeriod:
    """The task's monthly period covering the actual's last month (全年: December)."""
    year = year or task.task_list.document.year or 0
    month = month or 12
    period = (
        ReportingPeriod.objects.filter(
            document_id=task.task_list.document_id, kind=PeriodKind.MONTHLY, end__year=year
        )
        .filter(end__month__lte=month)
        .order_by("-end")
        .first()
    )
    if period is None:
        raise ApplicationError(
            NO_PERIOD.format(number=task.number, year=year, month=month, rows=rows)
        )
    return period


def _value(row: ActualRow) -> Decimal:
    assert row.target is not None
    value = actualseam.value_for(row.data, row.target)
    if value is None:
        raise ApplicationError(
            NO_VALUE.format(position=row.position, figure=row.figure, target=row.target.raw_text)
        )
    return value.quantize(DECIMALS)


def _input(report: ProgressReport | None, title: str, rows: list[ActualRow]) -> ReportInput:
    """The report as it stands, plus the figures and the sentences they come from."""
    lines = [SOURCE_LINE.format(title=title, sentence=r.sentence.strip()) for r in rows]
    kept = report.progress if report is not None else ""
    new = [line for line in dict.fromkeys(lines) if line not in kept]
    return ReportInput(
        progress="\n".join(part for part in (kept, *new) if part),
        stage_id=report.stage_id if report is not None else None,
        stage_text=report.stage_text if report is not None else "",
        problems=report.problems if report is not None else "",
        next_steps=report.next_steps if report is not None else "",
        actuals={r.target_id: _value(r) for r in rows if r.target_id is not None},
    )


def _write(task: Task, rows: list[ActualRow], title: str, actor: Any) -> ProgressReport:
    numbers = "、".join(str(r.position) for r in rows)
    first = rows[0]
    period = _period(task, first.year, first.period_last_month, numbers)
    unit = primary_unit(task)
    if unit is None:
        raise ApplicationError(NO_UNIT.format(number=task.number, rows=numbers))
    report = ProgressReport.objects.filter(task=task, period=period).first()
    if report is not None and report.state in (ReportState.SUBMITTED, ReportState.APPROVED):
        state = "报送、待审核" if report.state == ReportState.SUBMITTED else "审核通过"
        raise ApplicationError(
            LOCKED.format(number=task.number, period=period.label, state=state, rows=numbers)
        )
    return progress_report_save(
        task=task,
        period=period,
        unit=unit,
        data=_input(report, title, rows),
        expected_version=report.version if report is not None else None,
        submit=True,
        actor=actor,
    )


@transaction.atomic
def actual_import_confirm(*, batch: ActualImport, actor: Any) -> ConfirmResult:
    """Write every paired actual into its task's report (see the module docstring)."""
    if actor is not None and not can(actor, Perm.IMPORT_RUN):
        raise PermissionDenied
    batch = ActualImport.objects.select_for_update().get(pk=batch.pk)
    ensure_preview(batch)
    rows = list(
        batch.rows.filter(target__isnull=False)
        .exclude(decision=MatchDecision.REJECTED)
        .select_related("target__task__task_list__document")
        .order_by("position")
    )
    if not rows:
        raise ApplicationError(NOTHING)
    groups: dict[tuple[int, int | None, int | None], list[ActualRow]] = defaultdict(list)
    for row in rows:
        assert row.target is not None
        groups[(row.target.task_id, row.year, row.period_last_month)].append(row)
    title = batch.title or batch.filename
    documents: set[int] = set()
    for grouped in groups.values():
        task = grouped[0].target.task  # type: ignore[union-attr]
        report = _write(task, grouped, title, actor)
        documents.add(task.task_list.document_id)
        ActualRow.objects.filter(pk__in=[r.pk for r in grouped]).update(
            report_id=report.pk, decision=MatchDecision.CONFIRMED
        )
    batch.status, batch.confirmed_at = BatchStatus.CONFIRMED, clock.now()
    batch.save(update_fields=["status", "confirmed_at", "updated_at"])
    audit_record(
        actor=actor,
        action="actuals.confirm",
        target=batch,
        summary=f"{title}：{len(rows)} 项完成值记入 {len(groups)} 份进展报告",
        data={"rows": [r.pk for r in rows], "documents": sorted(documents)},
    )
    return ConfirmResult(len(rows), len(groups), tuple(sorted(documents)), clock.today())
