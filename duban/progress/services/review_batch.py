"""Batch approval in the review queue: the 督查室 ticks the reports it has read and approves
them in one step.

Why: in the days after the 10th a district's queue holds hundreds of plain monthly reports;
opening each to press 审核通过 is most of the office's day. Each report still goes through
``progress_report_review`` (its own audit record, state machine and read-model refresh); the
batch is one transaction, so a failure approves none of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from duban.accounts.permissions import Perm, task_write_scope
from duban.plans.models import Task
from duban.progress.models import ProgressReport
from duban.progress.services.common import require
from duban.progress.services.reports import progress_report_review
from duban.progress.workflow import ReportState

BATCH_MAX = 200  # a page and more; a bigger batch is a mistake or a script


@dataclass(frozen=True)
class BatchResult:
    approved: int
    skipped: int  # no longer waiting (approved or returned meanwhile, or not found)


@transaction.atomic
def progress_reports_approve(*, report_ids: Sequence[int], actor: Any) -> BatchResult:
    """Approve each still-submitted report of ``report_ids``; the others are skipped."""
    require(actor, Perm.PROGRESS_REVIEW)
    wanted = list(dict.fromkeys(report_ids))[:BATCH_MAX]
    waiting = ProgressReport.objects.filter(pk__in=wanted, state=ReportState.SUBMITTED).order_by(
        "pk"
    )
    scope = task_write_scope(actor) if actor is not None else None
    if scope is not None:  # another government's reports are not this office's to approve
        waiting = waiting.filter(task__in=Task.objects.filter(scope).values("pk"))
    approved = 0
    for report in waiting.select_related("task", "period"):
        progress_report_review(report=report, approve=True, note="", actor=actor)
        approved += 1
    return BatchResult(approved=approved, skipped=len(wanted) - approved)
