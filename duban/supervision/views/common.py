"""What every supervision page reads from the request: the document and the ``as_of`` date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import Http404, HttpRequest

from duban.core import clock
from duban.plans.models import SourceDocument
from duban.supervision import selectors


def as_of(request: HttpRequest) -> date:
    """``?as_of=YYYY-MM-DD`` ("status as of 月底"), else today.

    Every role may look back: the figures stay inside the user's own scope either way.
    """
    value = request.GET.get("as_of", "") or request.POST.get("as_of", "")
    try:
        return date.fromisoformat(value) if value else clock.today()
    except ValueError:
        return clock.today()


def int_param(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "") or request.POST.get(name, "")
    return int(value) if value.isdigit() else None


@dataclass(frozen=True)
class PageParams:
    document: SourceDocument
    as_of: date
    documents: list[SourceDocument]


def page_params(request: HttpRequest) -> PageParams:
    """The chosen (visible) document and date; 404 when the user can see no document."""
    document = selectors.document_pick(user=request.user, pk=int_param(request, "document"))
    if document is None:
        raise Http404("没有可查看的任务文件")
    return PageParams(
        document=document,
        as_of=as_of(request),
        documents=list(selectors.document_list(user=request.user)),
    )
