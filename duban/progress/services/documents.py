"""Withdrawing a confirmed import (撤回导入) while nothing was reported on it.

A wrongly imported notice (a duplicate, the wrong file) is undone in the app instead of by
deleting rows in the admin: its tasks are marked withdrawn, the document is marked
withdrawn (so the same file may be imported again), its generated reporting periods are
removed, and an audit event records who did it and which tasks it took away. It lives in
``progress`` because the rule — refused once a unit has reported (a ProgressReport or a
推进计划 on any of its tasks) — is about progress data, which ``plans`` may not import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from duban.accounts.permissions import Perm
from duban.audit.services import audit_record
from duban.core import clock
from duban.core.actors import stored_user
from duban.core.exceptions import ApplicationError
from duban.plans.models import BatchStatus, SourceDocument, Task
from duban.progress.models import ProgressReport, ReportingPeriod, UnitPlan
from duban.progress.services.common import require
from duban.progress.standing.refresh import rebuild_document

ALREADY_WITHDRAWN = "该文件已于 {when:%Y-%m-%d %H:%M} 撤回。"
NOT_IMPORTED = "该文件不是通过导入创建的，不能撤回。"
SUPERSEDED = "该文件已被修订稿《{doc}》替代，不能单独撤回。"
IS_REVISION = "该文件是《{doc}》的修订稿，导入时已更新原有任务，不能撤回。"
HAS_REPORTS = (
    "不能撤回：该文件的任务已有 {reports} 条进展报送、{plans} 份推进计划（涉及 {tasks} 项任务）。"
    "撤回只适用于尚未报送任何内容的导入；已报送的任务请逐项办理撤销或销号。"
)


@dataclass(frozen=True)
class WithdrawCheck:
    """What withdrawing ``document`` would do, or why it is refused (``refusal``)."""

    tasks: int
    reports: int
    plans: int
    refusal: str = ""


def document_withdraw_check(*, document: SourceDocument) -> WithdrawCheck:
    """Read-only: the counts shown on the confirmation page and the reason for a refusal."""
    tasks = Task.objects.filter(task_list__document=document, is_withdrawn=False)
    reports = ProgressReport.objects.filter(task__task_list__document=document)
    plans = UnitPlan.objects.filter(task__task_list__document=document)
    n_reports, n_plans = reports.count(), plans.count()
    counts = {"tasks": tasks.count(), "reports": n_reports, "plans": n_plans}
    refusal = ""
    newer = SourceDocument.objects.filter(supersedes=document, withdrawn_at__isnull=True).first()
    if document.withdrawn_at is not None:
        refusal = ALREADY_WITHDRAWN.format(when=timezone.localtime(document.withdrawn_at))
    elif not document.batches.filter(status=BatchStatus.CONFIRMED).exists():
        refusal = NOT_IMPORTED
    elif newer is not None:
        refusal = SUPERSEDED.format(doc=newer)
    elif document.supersedes is not None:
        refusal = IS_REVISION.format(doc=document.supersedes)
    elif n_reports or n_plans:
        reported = set(reports.values_list("task_id", flat=True))
        reported |= set(plans.values_list("task_id", flat=True))
        refusal = HAS_REPORTS.format(reports=n_reports, plans=n_plans, tasks=len(reported))
    return WithdrawCheck(**counts, refusal=refusal)


@transaction.atomic
def document_withdraw(*, document: SourceDocument, actor: Any) -> int:
    """Withdraw an imported document and its tasks; returns how many tasks were withdrawn.

    Refuses (ApplicationError, Chinese message saying why) a document already withdrawn,
    one not created by an import, a revised notice or one since revised, and one on whose
    tasks anything was reported. Atomic and audited (``import.withdraw``).
    """
    require(actor, Perm.DOCUMENT_WITHDRAW)
    document = SourceDocument.objects.select_for_update().get(pk=document.pk)
    check = document_withdraw_check(document=document)
    if check.refusal:
        raise ApplicationError(check.refusal)
    now = clock.now()
    tasks = Task.objects.filter(task_list__document=document, is_withdrawn=False)
    task_ids = list(tasks.order_by("pk").values_list("pk", flat=True))
    Task.objects.filter(pk__in=task_ids).update(is_withdrawn=True, updated_at=now)
    periods, _ = ReportingPeriod.objects.filter(document=document).delete()
    document.withdrawn_at, document.withdrawn_by = now, stored_user(actor)
    document.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
    audit_record(
        actor=actor,
        action="import.withdraw",
        target=document,
        summary=f"撤回《{document.title}》：撤销 {len(task_ids)} 项任务",
        data={"tasks": len(task_ids), "task_ids": task_ids, "periods_removed": periods},
    )
    rebuild_document(document.pk)  # a withdrawn document has no state any more
    return len(task_ids)
