"""Who sees which 督查通报: issued ones are archived for every signed-in role; drafts are
the 督查室's own working copies."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from duban.accounts.permissions import Perm, can, ledger_scope, within
from duban.core.exceptions import ApplicationError
from duban.exports.bulletins import BulletinContent, date_text, render_bulletin_docx
from duban.exports.models import Bulletin, BulletinState


def bulletin_list(*, user: Any) -> QuerySet[Bulletin]:
    qs = within(Bulletin.objects, ledger_scope(user, "document__government"))
    qs = qs.select_related("document", "period")
    if can(user, Perm.PROGRESS_REVIEW):
        return qs
    if can(user, Perm.PROGRESS_VIEW):
        return qs.filter(state=BulletinState.ISSUED)
    return qs.none()


def bulletin_get(*, user: Any, pk: int) -> Bulletin:
    bulletin = Bulletin.objects.select_related("document", "period").filter(pk=pk).first()
    if bulletin is None:
        raise Http404("通报不存在")
    if not bulletin_list(user=user).filter(pk=pk).exists():
        raise PermissionDenied
    return bulletin


def bulletin_content(bulletin: Bulletin) -> BulletinContent:
    """What gets printed; drafts carry a 草稿 mark so they are never mistaken for the issue."""
    day = timezone.localdate(bulletin.issued_at) if bulletin.issued_at else bulletin.as_of
    return BulletinContent(
        title=bulletin.title,
        doc_number=bulletin.doc_number,
        issuer=bulletin.issuer,
        date_text=date_text(day),
        sections=list(bulletin.sections),
        watermark="" if bulletin.is_issued else "草稿",
        cc=bulletin.cc,
        recipients=bulletin.recipients,
    )


ARCHIVE_ALTERED = "该通报的存档文件与印发时的校验值不符，请联系系统管理员。"


def bulletin_docx(bulletin: Bulletin) -> bytes:
    """The Word file: an issued 通报's archived bytes (checked against their SHA-256), a
    draft rendered from its current text. Issued before archiving existed: rendered."""
    if not (bulletin.is_issued and bulletin.issued_file):
        return render_bulletin_docx(bulletin_content(bulletin))
    with bulletin.issued_file.open("rb") as handle:
        data: bytes = handle.read()
    if hashlib.sha256(data).hexdigest() != bulletin.issued_sha256:
        raise ApplicationError(ARCHIVE_ALTERED)
    return data
