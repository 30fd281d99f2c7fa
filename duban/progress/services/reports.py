"""Progress reports (the lead unit's 汇总): save (optimistic locking), submit, review.

The other units' own parts are ``services/parts.py``.

Two reporters editing the same report must not overwrite each other silently: every form
carries the ``version`` it was opened with, and a save whose version is no longer current
is refused with ``CONFLICT`` (the view keeps the second reporter's input on screen). A save
that changes nothing does not bump the version, which makes Excel re-uploads idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from duban.accounts.permissions import Perm
from duban.core import clock
from duban.core.actors import stored_user
from duban.core.exceptions import ApplicationError
from duban.orgs.models import OrgUnit
from duban.plans.models import Milestone, Task
from duban.progress import selectors
from duban.progress.models import (
    NoticeKind,
    ProgressReport,
    ReportActual,
    ReportingPeriod,
)
from duban.progress.services.common import (
    ConflictError,
    advance,
    changed_figures,
    diff,
    record,
    report_step,
    require,
    snapshot,
    standing_refresh,
)
from duban.progress.services.evidence import (
    Upload,
    evidence_attach,
    evidence_check,
    files_or_nothing,
)
from duban.progress.services.notifications import notify
from duban.progress.workflow import (
    ReportEvent,
    ReportState,
    TaskEvent,
    TransitionError,
    report_next,
)

CONFLICT = (
    "保存失败：该报告已被{who}于{when}修改（当前为第 {version} 版）。"
    "您填写的内容仍保留在下方，请核对最新内容后再保存。"
)
NOT_PRIMARY = "只有牵头单位（无牵头单位时为第一责任单位）可以填报该任务的进展。"
EMPTY_PROGRESS = "报送前请填写进展情况。"
RETURN_NEEDS_NOTE = "退回时请填写退回理由。"
TEXT_FIELDS = ("progress", "stage_text", "problems", "next_steps")


@dataclass
class ReportInput:
    progress: str = ""
    stage_id: int | None = None
    stage_text: str = ""
    problems: str = ""
    next_steps: str = ""
    actuals: dict[int, Decimal | None] = field(default_factory=dict)


def _check_primary(task: Task, unit: OrgUnit) -> None:
    if selectors.primary_units([task.pk]).get(task.pk) != unit.pk:  # the id is enough
        raise ApplicationError(NOT_PRIMARY)


def _get_or_create(
    task: Task, period: ReportingPeriod, unit: OrgUnit
) -> tuple[ProgressReport, bool]:
    report = ProgressReport.objects.select_for_update().filter(task=task, period=period).first()
    if report is not None:
        return report, False
    try:
        with transaction.atomic():
            return ProgressReport.objects.create(
                task=task, period=period, unit=unit, version=0
            ), True
    except IntegrityError:  # created concurrently: the caller's version check decides
        return ProgressReport.objects.select_for_update().get(task=task, period=period), False


def _conflict(report: ProgressReport) -> ConflictError:
    who = str(report.updated_by) if report.updated_by else "其他用户"
    when = timezone.localtime(report.updated_at).strftime("%m月%d日 %H:%M")
    return ConflictError(CONFLICT.format(who=who, when=when, version=report.version))


def _apply_actuals(
    report: ProgressReport, actuals: dict[int, Decimal | None]
) -> list[dict[str, str]]:
    stored = {a.target_id: a.value for a in report.actuals.all()}
    changes = []
    for target, value, change in changed_figures(report.task_id, stored, actuals, "累计完成"):
        ReportActual.objects.update_or_create(
            report=report, target=target, defaults={"value": value}
        )
        changes.append(change)
    return changes


def progress_report_save(
    *,
    task: Task,
    period: ReportingPeriod,
    unit: OrgUnit,
    data: ReportInput,
    expected_version: int | None,
    submit: bool = False,
    evidence: Upload | None = None,
    actor: Any,
) -> ProgressReport:
    """Save (and optionally submit) the report of ``task`` for ``period``, with its file.

    ``expected_version`` is the version the form was opened with (``None``/0 for a new
    report); a stale version raises ``ConflictError``. Side effects: audit record with the
    field changes; on submit, the task moves to 反馈 (and counts as 签收). ``evidence`` is
    stored in the same transaction: a report is never submitted without the file sent with
    it, and a file is never kept without its report (``files_or_nothing``).
    """
    require(actor, Perm.PROGRESS_SUBMIT, task=task, unit=unit)
    checked = evidence_check(evidence) if evidence is not None else None  # before any write
    with files_or_nothing(with_files=checked is not None) as written:
        report = _report_write(
            task=task,
            period=period,
            unit=unit,
            data=data,
            expected_version=expected_version,
            submit=submit,
            actor=actor,
        )
        if checked is not None:
            evidence_attach(
                checked, task=task, unit=unit, report=report, written=written, actor=actor
            )
    return report


def _report_write(
    *,
    task: Task,
    period: ReportingPeriod,
    unit: OrgUnit,
    data: ReportInput,
    expected_version: int | None,
    submit: bool,
    actor: Any,
) -> ProgressReport:
    """The report's own rows, inside ``progress_report_save``'s transaction."""
    _check_primary(task, unit)
    if period.document_id != task.task_list.document_id:
        raise ApplicationError("报送期与任务不属于同一文件。")
    report, created = _get_or_create(task, period, unit)
    if not created and (expected_version or 0) != report.version:
        raise _conflict(report)
    try:
        state = report_next(
            ReportState(report.state), ReportEvent.SUBMIT if submit else ReportEvent.SAVE
        )
    except TransitionError as err:
        raise ApplicationError(err.message) from err
    if submit and not data.progress.strip():
        raise ApplicationError(EMPTY_PROGRESS)
    stage = Milestone.objects.filter(task=task, pk=data.stage_id).first() if data.stage_id else None
    fields = (*TEXT_FIELDS, "stage", "state")
    before = snapshot(report, fields)
    for name in TEXT_FIELDS:
        setattr(report, name, getattr(data, name).strip())
    report.stage = stage
    report.state = state
    changes = diff(ProgressReport, before, snapshot(report, fields))
    changes += _apply_actuals(report, data.actuals)
    if not changes and not submit and not created:
        return report  # nothing changed: no new version, no audit (idempotent re-upload)
    report.version += 1
    report.updated_by = stored_user(actor)
    if submit:
        report.submitted_at = clock.now()
        report.submitted_by = report.updated_by
    report.save()
    action = "report.submit" if submit else "report.save"
    record(
        actor=actor,
        action=action,
        task=task,
        target=report,
        summary=f"{period.label}进展{'报送' if submit else '保存'}（第 {report.version} 版）",
        changes=changes,
        period=period.pk,
    )
    if submit:
        report_step(report, ReportState.SUBMITTED)
        advance(task, TaskEvent.REPORT, actor=actor)
    standing_refresh(task)
    return report


@transaction.atomic
def progress_report_review(
    *, report: ProgressReport, approve: bool, note: str, actor: Any
) -> ProgressReport:
    """督查室 approves a submitted report, or returns it with a reason for the unit to redo."""
    require(actor, Perm.PROGRESS_REVIEW, task=report.task)
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if not approve and not note.strip():
        raise ApplicationError(RETURN_NEEDS_NOTE)
    try:
        state = report_next(
            ReportState(report.state), ReportEvent.APPROVE if approve else ReportEvent.RETURN
        )
    except TransitionError as err:
        raise ApplicationError(err.message) from err
    before = snapshot(report, ("state", "review_note"))
    report.state = state
    report.review_note = note.strip()[:500]
    report.reviewed_by = stored_user(actor)
    report.reviewed_at = clock.now()
    report.version += 1
    report.save()
    record(
        actor=actor,
        action="report.approve" if approve else "report.return",
        task=report.task,
        target=report,
        summary=f"{report.period.label}进展{'审核通过' if approve else '退回'}"
        + (f"：{report.review_note}" if report.review_note else ""),
        changes=diff(ProgressReport, before, snapshot(report, ("state", "review_note"))),
    )
    report_step(report, state)
    standing_refresh(report.task)
    if not approve:
        task = report.task
        notify(
            recipients=selectors.unit_reporters(report.unit),
            kind=NoticeKind.RETURN,
            title=f"退回：任务{task.number}{report.period.label}进展",
            body=f"任务{task.number} {task.text[:40]}\n{report.period.label}进展已被退回，"
            f"请修改后重新报送。\n退回理由：{report.review_note}",
            as_of=clock.today(),
            task=task,
        )
    return report
