"""The 督办 steps around the reports: 签收, 办结申请 and its review, 调整/延期, 批示."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from duban.accounts.permissions import Perm
from duban.core import clock
from duban.core.actors import stored_user
from duban.core.exceptions import ApplicationError
from duban.orgs.models import OrgUnit
from duban.plans.models import Target, Task
from duban.progress import selectors
from duban.progress.models import (
    CompletionRequest,
    Instruction,
    NoticeKind,
    ReviewState,
    Revision,
    RevisionKind,
)
from duban.progress.parts.models import SignedVia, UnitSignature
from duban.progress.parts.queries import signers
from duban.progress.services.common import (
    advance,
    record,
    require,
    standing_refresh,
    tracking_for,
)
from duban.progress.services.evidence import (
    Upload,
    evidence_attach,
    evidence_check,
    files_or_nothing,
)
from duban.progress.services.notifications import notify
from duban.progress.services.signing import signature_ensure
from duban.progress.workflow import TaskEvent, TaskState

NEEDS_NOTE = "退回时请填写理由。"


def _check_primary(task: Task, unit: OrgUnit) -> None:
    primary = selectors.primary_unit(task)
    if primary is None or primary.pk != unit.pk:
        raise ApplicationError("只有牵头单位（无牵头单位时为第一责任单位）可以办理此事项。")


NOT_A_SIGNER = "本单位不是该任务的承办单位，无需签收。"
SIGNED_ALREADY = "本单位已签收该任务。"


@transaction.atomic
def task_acknowledge(*, task: Task, unit: OrgUnit, actor: Any) -> UnitSignature:
    """签收: ``unit`` — any unit the task was handed to (``parts.queries.signers``) —
    confirms it received the task. The reporting unit's 签收 also moves the task on from
    已交办 (``services.signing``)."""
    require(actor, Perm.PROGRESS_SUBMIT, task=task, unit=unit)
    must = signers([task.pk]).get(task.pk, [])
    if unit.pk not in must or task.is_withdrawn:
        raise ApplicationError(NOT_A_SIGNER)
    signature = signature_ensure(task, unit.pk, actor=actor, via=SignedVia.SIGN)
    if signature is None:
        raise ApplicationError(SIGNED_ALREADY)
    if unit.pk == must[0] and tracking_for(task).state == TaskState.ASSIGNED:
        advance(task, TaskEvent.ACKNOWLEDGE, actor=actor)
    record(
        actor=actor,
        action="task.sign",
        task=task,
        target=signature,
        summary=f"{unit.name}签收",
        unit=unit.pk,
    )
    return signature


def completion_request_create(
    *, task: Task, unit: OrgUnit, summary: str, evidence: Upload | None = None, actor: Any
) -> CompletionRequest:
    """办结申请 with its evidence file, in one transaction (no request without its file)."""
    require(actor, Perm.PROGRESS_SUBMIT, task=task, unit=unit)
    _check_primary(task, unit)
    if not summary.strip():
        raise ApplicationError("请填写完成情况。")
    checked = evidence_check(evidence) if evidence is not None else None  # before any write
    with files_or_nothing(with_files=checked is not None) as written:
        advance(task, TaskEvent.REQUEST_COMPLETION, actor=actor)
        request = CompletionRequest.objects.create(
            task=task,
            unit=unit,
            summary=summary.strip(),
            requested_by=stored_user(actor),
        )
        record(
            actor=actor,
            action="completion.request",
            task=task,
            target=request,
            summary=f"{unit.name}申请办结",
            changes=[{"field": "完成情况", "before": "", "after": request.summary}],
        )
        if checked is not None:
            evidence_attach(
                checked, task=task, unit=unit, completion=request, written=written, actor=actor
            )
        standing_refresh(task)
    return request


@transaction.atomic
def completion_review(
    *, request: CompletionRequest, approve: bool, note: str, actor: Any
) -> CompletionRequest:
    """审核: approve → 销号; return → 退回重办 (the note says what is missing)."""
    require(actor, Perm.PROGRESS_REVIEW)
    request = CompletionRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != ReviewState.SUBMITTED:
        raise ApplicationError("该办结申请已审核。")
    if not approve and not note.strip():
        raise ApplicationError(NEEDS_NOTE)
    event = TaskEvent.APPROVE_COMPLETION if approve else TaskEvent.RETURN_COMPLETION
    advance(request.task, event, actor=actor)
    request.state = ReviewState.APPROVED if approve else ReviewState.RETURNED
    request.review_note = note.strip()[:500]
    request.reviewed_by = stored_user(actor)
    request.reviewed_at = clock.now()
    request.save()
    record(
        actor=actor,
        action="completion.approve" if approve else "completion.return",
        task=request.task,
        target=request,
        summary=("办结审核通过，予以销号" if approve else "办结申请退回重办")
        + (f"：{request.review_note}" if request.review_note else ""),
    )
    standing_refresh(request.task)
    if not approve:
        task = request.task
        notify(
            recipients=selectors.unit_reporters(request.unit),
            kind=NoticeKind.RETURN,
            title=f"退回：任务{task.number}办结申请",
            body=f"任务{task.number} {task.text[:40]}\n办结申请已被退回重办。"
            f"\n退回理由：{request.review_note}",
            as_of=clock.today(),
            task=task,
        )
    return request


@transaction.atomic
def revision_request(
    *,
    task: Task,
    unit: OrgUnit,
    kind: RevisionKind,
    reason: str,
    target: Target | None = None,
    new_value: Decimal | None = None,
    new_deadline: date | None = None,
    actor: Any,
) -> Revision:
    """调整/延期 request; the baseline target or deadline is never edited."""
    require(actor, Perm.PROGRESS_SUBMIT, task=task, unit=unit)
    _check_primary(task, unit)
    if kind not in (RevisionKind.ADJUST, RevisionKind.EXTEND):
        raise ApplicationError("只能申请调整目标或延期。")
    if not reason.strip():
        raise ApplicationError("请填写申请理由。")
    if kind == RevisionKind.EXTEND and new_deadline is None:
        raise ApplicationError("请填写延期后的完成时间。")
    if kind == RevisionKind.ADJUST and (
        target is None or new_value is None or target.task_id != task.pk
    ):
        raise ApplicationError("请选择要调整的指标并填写调整后的目标值。")
    revision = Revision.objects.create(
        task=task,
        kind=kind,
        target=target,
        new_value=new_value,
        new_deadline=new_deadline,
        reason=reason.strip(),
        requested_by=stored_user(actor),
    )
    what = (
        f"延期至 {new_deadline}" if kind == RevisionKind.EXTEND else f"{target}调整为 {new_value}"
    )
    record(
        actor=actor,
        action="revision.request",
        task=task,
        target=revision,
        summary=f"申请{what}：{revision.reason}",
    )
    return revision


@transaction.atomic
def revision_decide(*, revision: Revision, approve: bool, note: str, actor: Any) -> Revision:
    """督查室 approves (the new value applies from now, dated) or rejects, with a note."""
    require(actor, Perm.PROGRESS_REVIEW)
    revision = Revision.objects.select_for_update().get(pk=revision.pk)
    if revision.state != ReviewState.SUBMITTED:
        raise ApplicationError("该申请已审批。")
    if not note.strip():
        raise ApplicationError("请填写审批意见。")
    before_deadline = selectors.effective_deadline(revision.task)
    revision.state = ReviewState.APPROVED if approve else ReviewState.RETURNED
    revision.decision_note = note.strip()[:500]
    revision.decided_by = stored_user(actor)
    revision.decided_at = clock.now()
    revision.save()
    changes = []
    if approve and revision.kind == RevisionKind.EXTEND:
        changes.append(
            {
                "field": "完成时限",
                "before": str(before_deadline or ""),
                "after": str(revision.new_deadline),
            }
        )
    if approve and revision.kind == RevisionKind.ADJUST and revision.target is not None:
        changes.append(
            {
                "field": f"{revision.target.metric}目标值",
                "before": str(revision.target.value),
                "after": str(revision.new_value),
            }
        )
    record(
        actor=actor,
        action="revision.approve" if approve else "revision.reject",
        task=revision.task,
        target=revision,
        summary=f"{revision.get_kind_display()}申请{'批准' if approve else '不予批准'}：{revision.decision_note}",
        changes=changes,
    )
    standing_refresh(revision.task)
    return revision


@transaction.atomic
def instruction_add(*, task: Task, text: str, actor: Any) -> Instruction:
    """领导批示 on a task the leader is responsible for (or the 督查室 records one)."""
    require(actor, Perm.INSTRUCTION_CREATE, task=task)
    if not text.strip():
        raise ApplicationError("请填写批示内容。")
    instruction = Instruction.objects.create(task=task, author=actor, text=text.strip())
    record(
        actor=actor,
        action="instruction.add",
        task=task,
        target=instruction,
        summary=f"批示：{instruction.text[:200]}",
    )
    notify(
        recipients=selectors.unit_reporters(selectors.primary_unit(task)),
        kind=NoticeKind.INSTRUCTION,
        title=f"批示：任务{task.number}",
        body=f"{actor}对任务{task.number} {task.text[:40]}作出批示：\n{instruction.text}",
        as_of=clock.today(),
        task=task,
    )
    return instruction
