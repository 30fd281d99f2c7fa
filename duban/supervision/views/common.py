"""What every supervision page reads from the request: the document and the ``as_of`` date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import Http404, HttpRequest

from duban.core import clock, params
from duban.plans.models import SourceDocument
from duban.supervision import selectors


def given_as_of(request: HttpRequest) -> date | None:
    """``?as_of=YYYY-MM-DD`` (or the form's field) when given; malformed → HTTP 400."""
    return params.get_date(request.GET, "as_of") or params.get_date(request.POST, "as_of")


def as_of(request: HttpRequest) -> date:
    """``?as_of=YYYY-MM-DD`` ("status as of 月底"), else today.

    Every role may look back: the figures stay inside the user's own scope either way.
    """
    return given_as_of(request) or clock.today()


def int_param(request: HttpRequest, name: str) -> int | None:
    """An id from the query (or the form); malformed or out of range → HTTP 400."""
    return params.get_id(request.GET, name) or params.get_id(request.POST, name)


@dataclass(frozen=True)
class PageParams:
    document: SourceDocument
    as_of: date
    documents: list[SourceDocument]


def page_params(request: HttpRequest) -> PageParams:
    """The chosen (visible) document and date; 404 when the user can see no document."""
    day = as_of(request)  # read first: a malformed date is a 400 even with no document
    pk = int_param(request, "document")  # read first: a malformed number is a 400, too
    documents = list(selectors.document_list(user=request.user))
    document = selectors.document_pick(user=request.user, pk=pk, documents=documents)
    if document is None:
        raise Http404("没有可查看的任务文件")
    return PageParams(document=document, as_of=day, documents=documents)
