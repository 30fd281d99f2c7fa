"""签收 per unit: every unit a task is handed to (``parts.queries.signers``) signs its own.

Why per unit: a 交办 goes to each assigned unit — 牵头, 责任, 配合, each street reached through
a collective — and each files its own part, so each must confirm it received the task; the
office chases the ones that did not, unit by unit. The reporting unit's 签收 also moves the
task's 督办状态 from 已交办 on (``common.advance``); the other units' do not touch it.

A unit's first 报送 counts as its 签收 (``SignedVia.REPORT``): the lead's report
(``advance`` leaving 已交办) and another unit's first part (``services.parts``).
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from duban.core import clock
from duban.core.actors import stored_user
from duban.plans.models import Task
from duban.progress.parts.models import SignedVia, UnitSignature


def signature_ensure(task: Task, unit_id: int, *, actor: Any, via: str) -> UnitSignature | None:
    """Record ``unit_id``'s 签收 of ``task`` unless it signed already; returns the new row.

    Inside the caller's transaction; a concurrent 签收 of the same unit wins quietly (the
    unique constraint), so the first one's time stays.
    """
    if UnitSignature.objects.filter(task=task, unit_id=unit_id).exists():
        return None
    try:
        with transaction.atomic():
            return UnitSignature.objects.create(
                task=task,
                unit_id=unit_id,
                signed_at=clock.now(),
                signed_by=stored_user(actor),
                via=via,
            )
    except IntegrityError:
        return None


def signed_by_report(task: Task, unit_id: int | None, *, actor: Any) -> None:
    """A unit's first 报送 is its 签收 too (nothing when it signed before)."""
    if unit_id is not None:
        signature_ensure(task, unit_id, actor=actor, via=SignedVia.REPORT)
