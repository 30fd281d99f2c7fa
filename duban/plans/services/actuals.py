"""Phase one of an actuals import: an execution report or bulletin → matched actuals to check.

The upload page hands a 计划执行情况报告 or a 进展通报 here (``plans.uploads``). Each actual the
parser found becomes an :class:`ActualRow` with the same government's targets it may be
about — proposed by the parser's matching rules (``actualseam.propose``), never by a rule of
this module — and the similar targets it must not be paired with, each with its reason.
The office then confirms, chooses another candidate or says 不匹配 (:func:`actual_row_decide`);
writing the figures into the tasks' reports is ``duban.workflows.actuals``. Nothing here
touches a task or a report.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import get_valid_filename

from duban.audit.services import audit_record
from duban.core.actors import stored_user
from duban.core.exceptions import ApplicationError
from duban.orgs.models import Government
from duban.plans import actualqueries, actualseam
from duban.plans.actualmodels import ActualImport, ActualRow, MatchDecision
from duban.plans.models import BatchStatus, Target
from duban.plans.parsing import ParseFailedError
from duban.plans.services.preview import _check_upload

NOT_PREVIEW = "该导入的状态为“{status}”，不能再修改。"
NOT_CANDIDATE = "所选指标不在该完成值的候选指标中，请从列表中选择。"
UNFIT = "不能配对：{reasons}。"
TAKEN = "该指标已对应本文件第{position}项完成值（{metric}），同一期间只能对应一项。"

REASONS = {
    "no_value": "定性指标，没有可比的数值",
    "kind": "类型不同",
    "unit": "单位不同",
    "year": "年度不同",
}


def _government(place: str) -> str:
    """郑州市管城回族区 → 郑州市管城回族区人民政府 (how documents' issuers are resolved)."""
    return f"{place}人民政府" if place else ""


def _years(actuals: list[dict[str, Any]]) -> set[int]:
    """The years the actuals speak of, and the years next to them (to show a wrong year)."""
    years = {a["year"] for a in actuals if a.get("year")}
    return {y + d for y in years for d in (-1, 0, 1)}


def _trim(candidates: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    return candidates[:limit]


def _rows(
    batch: ActualImport, actuals: list[dict[str, Any]], proposals: list[dict[str, Any]]
) -> None:
    objs = []
    for index, (actual, proposal) in enumerate(zip(actuals, proposals, strict=True)):
        figure, period = actual["figure"], actual.get("period") or {}
        choice = proposal["choice"]
        objs.append(
            ActualRow(
                batch=batch,
                position=index + 1,
                data=actual,
                metric=figure["metric"][:200],
                figure=figure["raw"][:200],
                sentence=actual["sentence"],
                year=actual.get("year"),
                period_label=(period.get("label") or "")[:20],
                period_last_month=period.get("last"),
                candidates=_trim(proposal["candidates"], actualqueries.MAX_CANDIDATES),
                mismatched=_trim(proposal["mismatched"], actualqueries.MAX_MISMATCHED),
                related=bool(proposal["candidates"] or proposal["mismatched"]),
                target_id=choice,
                decision=MatchDecision.SUGGESTED if choice is not None else MatchDecision.OPEN,
            )
        )
    ActualRow.objects.bulk_create(objs)


def actual_import_create(*, data: bytes, filename: str, actor: Any) -> ActualImport:
    """Parse an execution report or bulletin and store its matched actuals as a preview.

    Refuses (Chinese ``ApplicationError``) what an upload refuses (suffix, size, empty), a
    file that is not such a report, or one without figures; nothing is stored then.
    """
    filename = PurePath(filename).name
    _check_upload(data, filename)
    try:
        report = actualseam.read_actuals(data, filename=filename)
    except ParseFailedError as err:
        raise ApplicationError(err.message) from err
    government = _government(report.place)
    owner = Government.objects.for_actor(actor) or Government.objects.for_document(
        report.document.get("issuer")
    )
    documents = actualqueries.documents_for(
        government=government, years=_years(report.actuals), owner=owner
    )
    pool = actualqueries.pool_targets(documents)
    proposals = actualseam.propose(report.actuals, pool)
    sha = hashlib.sha256(data).hexdigest()
    batch = ActualImport(
        kind=report.kind,
        filename=filename,
        sha256=sha,
        size=len(data),
        title=report.title or filename,
        government=government[:200],
        year=report.year,
        document_info={**report.document, "documents": [d.pk for d in documents]},
        owner=owner,
        created_by=stored_user(actor),
    )
    batch.file.save(f"{sha[:12]}-{get_valid_filename(filename)}", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            batch.save()
            _rows(batch, report.actuals, proposals)
            audit_record(
                actor=actor,
                action="actuals.preview",
                target=batch,
                summary=f"{filename}：{len(report.actuals)} 项完成值",
            )
    except BaseException:
        batch.file.delete(save=False)
        raise
    return batch


def ensure_preview(batch: ActualImport) -> None:
    if batch.status != BatchStatus.PREVIEW:
        raise ApplicationError(NOT_PREVIEW.format(status=batch.get_status_display()))


def reasons_text(codes: list[str]) -> str:
    """Reason codes in the words the page shows: ``["unit", "year"]`` → 单位不同、年度不同."""
    return "、".join(REASONS.get(code, "不可比") for code in codes)


def _check_choice(row: ActualRow, target: Target) -> None:
    if not any(c["target"] == target.pk for c in row.candidates):
        unfit = next((c for c in row.mismatched if c["target"] == target.pk), None)
        if unfit is not None:
            raise ApplicationError(UNFIT.format(reasons=reasons_text(unfit["reasons"])))
        raise ApplicationError(NOT_CANDIDATE)
    other = (
        ActualRow.objects.filter(
            batch=row.batch_id, target=target, period_last_month=row.period_last_month
        )
        .exclude(pk=row.pk)
        .exclude(decision=MatchDecision.REJECTED)
        .first()
    )
    if other is not None:
        raise ApplicationError(TAKEN.format(position=other.position, metric=other.metric))


@transaction.atomic
def actual_row_decide(*, row: ActualRow, target: Target | None, actor: Any) -> ActualRow:
    """The office's decision on one actual: this target (a candidate), or 不匹配 (``None``).

    A target the parser's rules call unfit (another unit, kind or year) is refused with
    the reason, and so is one another actual of the same period is already paired with.
    """
    row = ActualRow.objects.select_for_update().select_related("batch").get(pk=row.pk)
    ensure_preview(row.batch)
    before = (row.target_id, row.decision)
    if target is None:
        row.target, row.decision = None, MatchDecision.REJECTED
    else:
        _check_choice(row, target)
        row.target, row.decision = target, MatchDecision.CONFIRMED
    row.save(update_fields=["target", "decision"])
    audit_record(
        actor=actor,
        action="actuals.match",
        target=row.batch,
        summary=f"第{row.position}项 {row.metric}：{row.get_decision_display()}",
        data={
            "row": row.pk,
            "changes": [
                {
                    "field": "对应指标",
                    "before": str(before[0] or ""),
                    "after": str(row.target_id or ""),
                },
                {
                    "field": "处理",
                    "before": MatchDecision(before[1]).label,
                    "after": MatchDecision(row.decision).label,
                },
            ],
        },
    )
    return row


@transaction.atomic
def actual_import_discard(*, batch: ActualImport, actor: Any) -> ActualImport:
    batch = ActualImport.objects.select_for_update().get(pk=batch.pk)
    ensure_preview(batch)
    batch.status = BatchStatus.DISCARDED
    batch.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="actuals.discard", target=batch, summary=batch.filename)
    return batch


def actual_upload(data: bytes, filename: str, actor: Any) -> str:
    """The upload page's handler for these kinds (``plans.uploads``): the preview's URL."""
    return actual_import_create(data=data, filename=filename, actor=actor).get_absolute_url()
