"""Who sees which 督查通报: issued ones are archived for every signed-in role; drafts are
the 督查室's own working copies."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from duban.accounts.permissions import Perm, can
from duban.exports.bulletins import BulletinContent
from duban.exports.models import Bulletin, BulletinState


def bulletin_list(*, user: Any) -> QuerySet[Bulletin]:
    qs = Bulletin.objects.select_related("document", "period")
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
    day = bulletin.issued_at.date() if bulletin.issued_at else bulletin.as_of
    return BulletinContent(
        title=bulletin.title,
        doc_number=bulletin.doc_number,
        issuer=bulletin.issuer,
        date_text=f"{day.year}年{day.month}月{day.day}日",
        sections=list(bulletin.sections),
        watermark="" if bulletin.is_issued else "草稿",
    )
