"""Excel round-trip: build the unit's pre-filled sheet; store an upload all-or-nothing.

Every row is checked before anything is written; any bad row raises ``WorkbookError``
with all row messages and nothing is stored. Saving goes through
``progress_report_save``, which skips unchanged reports, so uploading the same file twice
changes nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from duban.accounts.permissions import Perm
from duban.core import zipguard
from duban.core.exceptions import ApplicationError
from duban.core.numbers import plain
from duban.orgs.models import OrgUnit
from duban.plans.models import Target
from duban.progress import selectors, sheet
from duban.progress.models import ProgressReport, ReportingPeriod
from duban.progress.services.common import require
from duban.progress.services.reports import ReportInput, progress_report_save
from duban.progress.workflow import ReportState


class WorkbookError(ApplicationError):
    """The upload was refused; ``errors`` lists every row problem (nothing was stored)."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(f"填报表有 {len(errors)} 处错误，未保存任何内容。", {"errors": errors})
        self.errors = errors


@dataclass(frozen=True)
class ImportSummary:
    rows: int
    changed: int


def workbook_export(*, unit: OrgUnit, period: ReportingPeriod) -> bytes:
    """The unit's sheet for ``period``, pre-filled like the web form."""
    tasks, targets = [], []
    for row in selectors.unit_period_rows(unit, period):
        task, values = row["task"], row["prefill"].values
        tasks.append(
            sheet.TaskRow(
                task.pk,
                task.number,
                task.text,
                values.get("progress", ""),
                values.get("stage_text", ""),
                values.get("problems", ""),
                values.get("next_steps", ""),
                row["version"],
            )
        )
        for target, actual in row["targets"]:
            goal = (
                ""
                if target.value is None
                else f"{target.get_comparator_display()} {plain(target.value)}"
            )
            targets.append(
                sheet.TargetRow(task.pk, target.pk, target.metric, goal, target.unit, actual)
            )
    title = f"{unit.name} · {period.label}"
    return sheet.build_workbook(
        title=title, period_id=period.pk, unit_id=unit.pk, tasks=tasks, targets=targets
    )


def _same(
    report: ProgressReport | None, row: sheet.TaskRow, actuals: dict[int, Decimal | None]
) -> bool:
    if report is None:
        return not any((row.progress, row.stage_text, row.problems, row.next_steps)) and all(
            v is None for v in actuals.values()
        )
    stored = {a.target_id: a.value for a in report.actuals.all()}
    same_text = (report.progress, report.stage_text, report.problems, report.next_steps) == (
        row.progress,
        row.stage_text,
        row.problems,
        row.next_steps,
    )
    return same_text and all(
        (stored.get(k) is None and v is None)
        or (stored.get(k) is not None and v is not None and stored[k] == v)
        for k, v in actuals.items()
    )


def _validate(parsed: sheet.ParsedWorkbook, unit: OrgUnit, period: ReportingPeriod) -> list[str]:
    errors = list(parsed.errors)
    if parsed.period_id not in (None, period.pk) or parsed.unit_id not in (None, unit.pk):
        errors.insert(0, "该填报表属于其他单位或其他报送期，请下载本期本单位的填报表。")
        return errors
    mine = {t.pk for t in selectors.unit_period_tasks(unit, period)}
    task_rows = {r.task_id for r in parsed.tasks}
    for r in parsed.tasks:
        if r.task_id not in mine:
            errors.append(f"「进展」第 {r.row} 行：任务ID {r.task_id} 不是本单位本期应报的任务。")
    targets = {t.pk: t.task_id for t in Target.objects.filter(task_id__in=mine)}
    for g in parsed.targets:
        if targets.get(g.target_id) != g.task_id or g.task_id not in task_rows:
            errors.append(
                f"「指标」第 {g.row} 行：指标ID {g.target_id} 与任务ID {g.task_id} 不对应。"
            )
    return errors


@transaction.atomic
def workbook_import(
    *,
    unit: OrgUnit,
    period: ReportingPeriod,
    data: bytes,
    actor: Any,
    filename: str = "填报表.xlsx",
) -> ImportSummary:
    """Store every row as a draft report, or nothing (``WorkbookError``).

    A zip that would inflate past :data:`zipguard.WORKBOOK` is refused before openpyxl,
    which reads the whole workbook into memory, opens it.
    """
    require(actor, Perm.PROGRESS_SUBMIT, unit=unit)
    try:
        zipguard.check(data, filename, zipguard.WORKBOOK)
    except zipguard.ZipBombError as err:
        raise WorkbookError([err.message]) from err
    parsed = sheet.read_workbook(data)
    errors = _validate(parsed, unit, period)
    if errors:
        raise WorkbookError(errors)
    by_task: dict[int, dict[int, Decimal | None]] = {}
    for g in parsed.targets:
        by_task.setdefault(g.task_id, {})[g.target_id] = g.actual
    tasks = {t.pk: t for t in selectors.unit_period_tasks(unit, period)}
    changed = 0
    for row in parsed.tasks:
        actuals = by_task.get(row.task_id, {})
        report = selectors.report_for(tasks[row.task_id], period)
        if _same(report, row, actuals):
            continue
        where = f"「进展」第 {row.row} 行"
        if report is not None and report.version != row.version:
            errors.append(
                f"{where}：该任务的报告在下载后已被修改（现为第 {report.version} 版），请重新下载。"
            )
            continue
        if report is not None and report.state in (ReportState.SUBMITTED, ReportState.APPROVED):
            errors.append(f"{where}：该报告已报送，不能通过填报表修改。")
            continue
        data_in = ReportInput(
            progress=row.progress,
            stage_text=row.stage_text,
            problems=row.problems,
            next_steps=row.next_steps,
            actuals=actuals,
            stage_id=report.stage_id if report else None,
        )
        try:
            progress_report_save(
                task=tasks[row.task_id],
                period=period,
                unit=unit,
                data=data_in,
                expected_version=row.version if report else None,
                actor=actor,
            )
        except ApplicationError as err:
            errors.append(f"{where}：{err.message}")
            continue
        changed += 1
    if errors:
        raise WorkbookError(errors)  # rolls back the rows already saved
    return ImportSummary(rows=len(parsed.tasks), changed=changed)
