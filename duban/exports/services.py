"""督查通报 writes: draft from the data, edit, issue (which freezes it). Atomic and audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from duban.accounts.permissions import Perm, can
from duban.audit.services import audit_record
from duban.core import clock
from duban.core.actors import stored_user
from duban.core.exceptions import ApplicationError
from duban.exports.bulletins import bulletin_context, draft_sections, draft_title
from duban.exports.models import Bulletin, BulletinState
from duban.plans.models import SourceDocument, Task
from duban.progress.models import ReportingPeriod
from duban.supervision.snapshot import Dataset

ALREADY_ISSUED = "该通报已印发，不能再修改。"
EMPTY_SECTIONS = "通报正文不能为空。"


def _require(actor: Any) -> None:
    if actor is not None and not can(actor, Perm.PROGRESS_REVIEW):
        raise PermissionDenied


@transaction.atomic
def bulletin_draft_create(
    *,
    document: SourceDocument,
    as_of: date,
    period: ReportingPeriod | None = None,
    actor: Any,
) -> Bulletin:
    """Draft a 通报 from the whole plan's data on ``as_of`` (the office edits it next)."""
    _require(actor)
    data = Dataset(document, Task.objects.all())
    period = period or data.period_on(as_of)
    ctx = bulletin_context(data=data, as_of=as_of, period=period)
    bulletin = Bulletin.objects.create(
        document=document,
        period=period,
        as_of=as_of,
        title=draft_title(ctx),
        doc_number=f"督查通报〔{ctx.year}〕 号",
        issuer=f"{document.issuer.removesuffix('办公厅').removesuffix('办公室') or '市人民政府'}督查室",
        sections=draft_sections(ctx),
        figures=ctx.figures(),
        created_by=stored_user(actor),
    )
    audit_record(
        actor=actor,
        action="bulletin.draft",
        target=bulletin,
        summary=f"起草通报：{bulletin.title}",
        data={"figures": bulletin.figures},
    )
    return bulletin


@transaction.atomic
def bulletin_update(
    *,
    bulletin: Bulletin,
    title: str,
    doc_number: str,
    sections: list[dict[str, str]],
    actor: Any,
) -> Bulletin:
    _require(actor)
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if bulletin.is_issued:
        raise ApplicationError(ALREADY_ISSUED)
    cleaned = [
        {"heading": s.get("heading", "").strip(), "body": s.get("body", "").strip()}
        for s in sections
        if s.get("heading", "").strip() or s.get("body", "").strip()
    ]
    if not cleaned or not title.strip():
        raise ApplicationError(EMPTY_SECTIONS)
    bulletin.title = title.strip()[:300]
    bulletin.doc_number = doc_number.strip()[:100]
    bulletin.sections = cleaned
    bulletin.save()
    audit_record(actor=actor, action="bulletin.update", target=bulletin, summary=bulletin.title)
    return bulletin


@transaction.atomic
def bulletin_issue(*, bulletin: Bulletin, actor: Any) -> Bulletin:
    """印发: the text is frozen from now on and the units can read it."""
    _require(actor)
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if bulletin.is_issued:
        raise ApplicationError(ALREADY_ISSUED)
    bulletin.state = BulletinState.ISSUED
    bulletin.issued_at = clock.now()
    bulletin.issued_by = stored_user(actor)
    bulletin.save()
    audit_record(
        actor=actor,
        action="bulletin.issue",
        target=bulletin,
        summary=f"印发通报：{bulletin.doc_number} {bulletin.title}",
    )
    return bulletin
