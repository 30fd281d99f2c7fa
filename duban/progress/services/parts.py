"""本单位分项报送: each unit on a task files its own part of a period (text, figures, files).

The same guarantees as the lead unit's report (``services/reports.py``): the form's
``version`` guards against a silent overwrite, an evidence file is stored in the same
transaction as the part (``files_or_nothing``), every change is one audit record.

A part once 报送 stays 报送 (its first 报送 time is what the late list reads). Correcting it
is a new 报送, allowed while the lead's 汇总 of the period is not 报送 or 审核通过: the
督查室 reviews the 汇总, so what it reviews does not move under it. A part never 报送 may
be filed late at any time. Parts leave the task's light alone (the read model is the 汇总's).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from duban.accounts.permissions import Perm
from duban.core import clock
from duban.core.actors import stored_user
from duban.core.exceptions import ApplicationError
from duban.orgs.models import OrgUnit
from duban.plans.models import Task
from duban.progress.models import PeriodKind, ReportingPeriod
from duban.progress.parts import queries
from duban.progress.parts.models import PartState, UnitPart, UnitPartActual
from duban.progress.services.common import (
    ConflictError,
    changed_figures,
    diff,
    record,
    require,
    snapshot,
)
from duban.progress.services.evidence import (
    Upload,
    evidence_attach,
    evidence_check,
    files_or_nothing,
)
from duban.progress.services.reports import ReportInput
from duban.progress.services.signing import signed_by_report

NOT_OWED = "该单位不需要报送此任务的分项内容（牵头单位请在进展报告中填写汇总）。"
NOT_MONTHLY = "分项内容按月度报送期填报。"
OTHER_DOCUMENT = "报送期与任务不属于同一文件。"
EMPTY = "报送前请填写本单位进展情况。"
ALREADY = "本单位内容已报送；修改后请点“更正并报送”。"
LOCKED = "牵头单位已报送本期汇总，本单位已报送的内容不能再修改；如需补充，请联系牵头单位。"
CONFLICT = (
    "保存失败：本单位内容已被{who}于{when}修改（当前为第 {version} 版）。"
    "您填写的内容仍保留在下方，请核对最新内容后再保存。"
)
TEXT_FIELDS = ("progress", "problems", "next_steps")


def unit_part_save(
    *,
    task: Task,
    period: ReportingPeriod,
    unit: OrgUnit,
    data: ReportInput,
    expected_version: int | None,
    submit: bool = False,
    evidence: Upload | None = None,
    actor: Any,
) -> UnitPart:
    """Save (and optionally 报送) ``unit``'s part of ``task`` for ``period``, with its file.

    ``expected_version`` is the version the form was opened with (``None``/0 for a new
    part); a stale one raises ``ConflictError``. ``data.stage_*`` are not a part's business
    (the lead unit says where the task stands) and are ignored.
    """
    require(actor, Perm.PROGRESS_SUBMIT, task=task, unit=unit)
    checked = evidence_check(evidence) if evidence is not None else None  # before any write
    with files_or_nothing(with_files=checked is not None) as written:
        part = _part_write(
            task=task,
            period=period,
            unit=unit,
            data=data,
            expected_version=expected_version,
            submit=submit,
            actor=actor,
        )
        if checked is not None:
            evidence_attach(checked, task=task, unit=unit, part=part, written=written, actor=actor)
    return part


def _check(task: Task, period: ReportingPeriod, unit: OrgUnit) -> None:
    if period.document_id != task.task_list.document_id:
        raise ApplicationError(OTHER_DOCUMENT)
    if period.kind != PeriodKind.MONTHLY:
        raise ApplicationError(NOT_MONTHLY)
    if not queries.owes_part(task, unit.pk):
        raise ApplicationError(NOT_OWED)


def _get_or_create(task: Task, period: ReportingPeriod, unit: OrgUnit) -> tuple[UnitPart, bool]:
    found = UnitPart.objects.select_for_update().filter(task=task, period=period, unit=unit)
    part = found.first()
    if part is not None:
        return part, False
    try:
        with transaction.atomic():
            return UnitPart.objects.create(task=task, period=period, unit=unit, version=0), True
    except IntegrityError:  # created concurrently: the caller's version check decides
        return found.get(), False


def _conflict(part: UnitPart) -> ConflictError:
    who = str(part.updated_by) if part.updated_by else "其他用户"
    when = timezone.localtime(part.updated_at).strftime("%m月%d日 %H:%M")
    return ConflictError(CONFLICT.format(who=who, when=when, version=part.version))


def summary_locked(task: Task, period: ReportingPeriod) -> bool:
    """The lead's 汇总 of the period is 报送 or 审核通过: filed parts are final."""
    return task.pk in queries.locked_tasks([task.pk], period)


def _part_write(
    *,
    task: Task,
    period: ReportingPeriod,
    unit: OrgUnit,
    data: ReportInput,
    expected_version: int | None,
    submit: bool,
    actor: Any,
) -> UnitPart:
    """The part's own rows, inside ``unit_part_save``'s transaction."""
    _check(task, period, unit)
    part, created = _get_or_create(task, period, unit)
    if not created and (expected_version or 0) != part.version:
        raise _conflict(part)
    filed = part.submitted_at is not None
    if filed and not submit:
        raise ApplicationError(ALREADY)
    if filed and summary_locked(task, period):
        raise ApplicationError(LOCKED)
    if submit and not data.progress.strip():
        raise ApplicationError(EMPTY)
    fields = (*TEXT_FIELDS, "state")
    before = snapshot(part, fields)
    for name in TEXT_FIELDS:
        setattr(part, name, getattr(data, name).strip())
    if submit:
        part.state = PartState.SUBMITTED
    changes = diff(UnitPart, before, snapshot(part, fields))
    changes += _apply_figures(part, task, data.actuals)
    if not changes and not created and (filed or not submit):
        return part  # nothing changed: no new version, no audit
    part.version += 1
    part.updated_by = stored_user(actor)
    if submit and not filed:
        part.submitted_at = clock.now()
        part.submitted_by = part.updated_by
        signed_by_report(task, unit.pk, actor=actor)  # a unit's first 报送 is its 签收 too
    part.save()
    verb = ("更正报送" if filed else "报送") if submit else "保存"
    record(
        actor=actor,
        action="part.submit" if submit else "part.save",
        task=task,
        target=part,
        summary=f"{unit.name}{period.label}分项内容{verb}（第 {part.version} 版）",
        changes=changes,
        period=period.pk,
        unit=unit.pk,
    )
    return part


def _apply_figures(
    part: UnitPart, task: Task, actuals: dict[int, Decimal | None]
) -> list[dict[str, str]]:
    """The unit's own cumulative figures, one row per target; changes for the audit."""
    stored = {a.target_id: a.value for a in part.actuals.all()} if part.pk else {}
    changes = []
    for target, value, change in changed_figures(task.pk, stored, actuals, "本单位累计完成"):
        UnitPartActual.objects.update_or_create(part=part, target=target, defaults={"value": value})
        changes.append(change)
    return changes
