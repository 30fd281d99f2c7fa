"""督查通报 writes: draft from the data, edit, issue (which freezes it). Atomic and audited.

印发 gives the 通报 its 发文字号 from the yearly sequence (``督查通报〔2026〕N号``, the pattern
in ``DUBAN_BULLETIN_NUMBER``) unless the office wrote one, renders the Word file once and
archives those bytes with their SHA-256: every later download is the file issued.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from duban.accounts.permissions import Perm, acts_for, can
from duban.audit.services import audit_record
from duban.core import clock
from duban.core.actors import stored_user
from duban.core.collector import collector_paused
from duban.core.exceptions import ApplicationError
from duban.exports.bulletins import (
    BulletinContent,
    bulletin_context,
    date_text,
    default_cc,
    default_recipients,
    doc_number,
    draft_sections,
    draft_title,
    office_name,
    parse_number,
    render_bulletin_docx,
)
from duban.exports.models import Bulletin, BulletinState
from duban.plans.models import SourceDocument, Task
from duban.progress.models import ReportingPeriod
from duban.supervision.snapshot import Dataset

ALREADY_ISSUED = "该通报已印发，不能再修改。"
EMPTY_SECTIONS = "通报正文不能为空。"
NUMBER_TAKEN = "文号{number}已被另一份通报使用，请修改文号后再印发。"


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
    if actor is not None and not acts_for(actor, document.government_id):
        raise PermissionDenied  # another government's document
    with collector_paused():  # the whole plan's tasks and states: many objects, no cycles
        data = Dataset(document, Task.objects.all())
        period = period or data.period_on(as_of)
        ctx = bulletin_context(data=data, as_of=as_of, period=period)
    bulletin = Bulletin.objects.create(
        document=document,
        period=period,
        as_of=as_of,
        title=draft_title(ctx),
        doc_number=doc_number(ctx.year, None),
        issuer=office_name(document),
        cc=default_cc(document),
        recipients=default_recipients(document),
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
    cc: str | None = None,
    recipients: str | None = None,
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
    if cc is not None:
        bulletin.cc = cc.strip()[:500]
    if recipients is not None:
        bulletin.recipients = recipients.strip()[:500]
    bulletin.save()
    audit_record(actor=actor, action="bulletin.update", target=bulletin, summary=bulletin.title)
    return bulletin


def _numbered(bulletin: Bulletin, year: int) -> tuple[str, int | None, int | None]:
    """The 文号 to print and its (year, serial): the next of ``year`` for a blank one, the
    office's own when it wrote one in the pattern, as written (no serial) otherwise."""
    parsed = parse_number(bulletin.doc_number)
    if parsed is not None and parsed[1] is not None:
        return bulletin.doc_number.strip(), parsed[0], parsed[1]
    if parsed is None and bulletin.doc_number.strip():
        return bulletin.doc_number.strip(), None, None
    issued = Bulletin.objects.filter(serial_year=year).exclude(pk=bulletin.pk)
    serial = (issued.aggregate(top=Max("serial"))["top"] or 0) + 1
    return doc_number(year, serial), year, serial


def issue_preview(bulletin: Bulletin, *, today: date) -> str:
    """The 文号 印发 would give today (the confirm page shows it; nothing is written)."""
    return _numbered(bulletin, today.year)[0]


def _issued_content(bulletin: Bulletin, day: date) -> BulletinContent:
    return BulletinContent(
        title=bulletin.title,
        doc_number=bulletin.doc_number,
        issuer=bulletin.issuer,
        date_text=date_text(day),
        sections=list(bulletin.sections),
        cc=bulletin.cc,
        recipients=bulletin.recipients,
    )


@transaction.atomic
def bulletin_issue(*, bulletin: Bulletin, actor: Any) -> Bulletin:
    """印发: numbered, frozen, rendered once and archived (file and SHA-256); units read it."""
    _require(actor)
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if bulletin.is_issued:
        raise ApplicationError(ALREADY_ISSUED)
    moment = clock.now()
    day = timezone.localdate(moment)
    number, serial_year, serial = _numbered(bulletin, day.year)
    taken = Bulletin.objects.filter(serial_year=serial_year, serial=serial).exclude(pk=bulletin.pk)
    if serial is not None and taken.exists():
        raise ApplicationError(NUMBER_TAKEN.format(number=number))
    bulletin.doc_number, bulletin.serial_year, bulletin.serial = number, serial_year, serial
    bulletin.state = BulletinState.ISSUED
    bulletin.issued_at = moment
    bulletin.issued_by = stored_user(actor)
    data = render_bulletin_docx(_issued_content(bulletin, day))
    bulletin.issued_sha256 = hashlib.sha256(data).hexdigest()
    bulletin.issued_file.save(f"bulletin-{bulletin.pk}.docx", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            bulletin.save()
    except IntegrityError:  # the same serial issued concurrently
        bulletin.issued_file.delete(save=False)
        raise ApplicationError(NUMBER_TAKEN.format(number=number)) from None
    audit_record(
        actor=actor,
        action="bulletin.issue",
        target=bulletin,
        summary=f"印发通报：{bulletin.doc_number} {bulletin.title}",
        data={"sha256": bulletin.issued_sha256, "file": bulletin.issued_file.name},
    )
    return bulletin
