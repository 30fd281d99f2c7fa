"""Pages of 上下级关联: the office's proposals page and the upper document's 下级落实 page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import Perm, document_scope, within
from duban.core import clock, params
from duban.core.exceptions import ApplicationError
from duban.levels import selectors, services
from duban.levels.governments import live_documents, upper_documents_for
from duban.levels.models import LinkStatus

PAGE_SIZE = 30
UPPER_PAGE_SIZE = 20
NOTHING_CHOSEN = "请先勾选要处理的关联。"


def _pair(request: HttpRequest, query: Any) -> tuple[Any, Any]:
    """The chosen lower document (the office's own government's) and an upper document
    among those it may implement (``upper_documents_for``); 404 for any other."""
    lower_id, upper_id = params.get_id(query, "lower"), params.get_id(query, "upper")
    scope = document_scope(request.user)
    lower = selectors.document_get(lower_id, scope) if lower_id else None
    upper = None
    if upper_id and lower is not None:
        upper = get_object_or_404(upper_documents_for(lower), pk=upper_id)
    return lower, upper


def _back(query: Any) -> str:
    keep = {k: query.get(k) for k in ("lower", "upper", "status", "page") if query.get(k)}
    return f"{reverse('levels:pairs')}?{urlencode(keep)}"


@perm_required(Perm.LINK_MANAGE)
def pairs_view(request: HttpRequest) -> HttpResponse:
    """Pick the lower and the upper document, propose, and decide the proposals."""
    lower, upper = _pair(request, request.GET)
    status = params.get_choice(request.GET, "status", LinkStatus.values)
    context: dict[str, Any] = {
        "documents": within(live_documents(), document_scope(request.user)).order_by(
            "-year", "title"
        ),
        "lower": lower,
        "upper": upper,
        "uppers": upper_documents_for(lower) if lower is not None else [],
        "status": status,
        "statuses": LinkStatus.choices,
    }
    if lower is not None and upper is not None:
        links = selectors.pair_links(upper, lower, status)
        context["page"] = Paginator(links, PAGE_SIZE).get_page(params.get_page(request.GET))
        context["counts"] = selectors.pair_counts(upper, lower)
        query = request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
    return render(request, "levels/pairs.html", context)


@require_POST
@perm_required(Perm.LINK_MANAGE)
def propose_view(request: HttpRequest) -> HttpResponse:
    lower, upper = _pair(request, request.POST)
    if lower is None or upper is None:
        messages.error(request, "请先选择下级文件和上级文件。")
        return redirect(_back(request.POST))
    try:
        result = services.propose_links(
            upper_document=upper, lower_document=lower, actor=request.user
        )
    except ApplicationError as err:
        messages.error(request, err.message)
        return redirect(_back(request.POST))
    text = f"新建议 {result.created} 项关联；已有的 {result.kept} 项保持不变。"
    if result.near_misses:
        text += f"另有 {len(result.near_misses)} 对指标名称相近但类型或单位不同，未建议关联。"
    messages.success(request, text)
    return redirect(_back(request.POST))


@require_POST
@perm_required(Perm.LINK_MANAGE)
def decide_view(request: HttpRequest) -> HttpResponse:
    """One row's 确认 / 否决 button, or the batch buttons on the ticked rows (only links of
    the office's own lower documents)."""
    links_in_scope = selectors.own_links(document_scope(request.user))
    for name, accept in (("confirm_one", True), ("reject_one", False)):
        pk = params.get_id(request.POST, name)
        if pk is not None:
            link = get_object_or_404(links_in_scope, pk=pk)
            done = services.decide_link(link=link, accept=accept, actor=request.user)
            messages.success(request, f"{done.get_status_display()}：{done.reason}")
            return redirect(_back(request.POST))
    ids = params.get_ids(request.POST, "link", limit=PAGE_SIZE * 10)
    choice = params.get_choice(request.POST, "accept", ("1", "0"))
    links = links_in_scope.filter(pk__in=ids)
    if not choice or not ids or not links.exists():
        messages.error(request, NOTHING_CHOSEN)
        return redirect(_back(request.POST))
    accept = choice == "1"
    n = services.decide_links(links=links, accept=accept, actor=request.user)
    messages.success(request, f"已{'确认' if accept else '否决'} {n} 项关联。")
    return redirect(_back(request.POST))


@perm_required(Perm.LINK_VIEW)
def document_lower_view(request: HttpRequest, pk: int) -> HttpResponse:
    """下级落实: each task of ``pk`` with the linked lower tasks' targets, figures, lights."""
    document = selectors.document_get(pk, document_scope(request.user))
    as_of = params.get_date(request.GET, "as_of") or clock.today()
    page = Paginator(selectors.live_tasks(document), UPPER_PAGE_SIZE).get_page(
        params.get_page(request.GET)
    )
    rows = selectors.upper_rows(list(page.object_list), as_of)
    return render(
        request,
        "levels/document_lower.html",
        {
            "document": document,
            "as_of": as_of,
            "page": page,
            "rows": rows,
            "lower_documents": selectors.linked_documents(document),
        },
    )
