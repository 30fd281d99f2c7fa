"""Outcome pages: 赛马 ranking (+ weights), year-end completion (+ 结转), the public view."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import Perm, can, ledger_visible
from duban.core.exceptions import ApplicationError
from duban.plans.models import SourceDocument, Task
from duban.supervision import selectors, services
from duban.supervision.forms import CarryOverForm, WeightsForm
from duban.supervision.models import Publication
from duban.supervision.rules import METRICS
from duban.supervision.scoring import ranking
from duban.supervision.snapshot import Dataset
from duban.supervision.views.common import as_of, given_as_of, page_params
from duban.supervision.yearend import carry_over_plan, year_end


def _back(name: str, document: SourceDocument, day: date | None = None) -> HttpResponse:
    query = f"?document={document.pk}" + (f"&as_of={day.isoformat()}" if day else "")
    return redirect(f"{reverse(name)}{query}")


@perm_required(Perm.PROGRESS_VIEW)
def ranking_view(request: HttpRequest) -> HttpResponse:
    params = page_params(request)
    result = ranking(user=request.user, document=params.document, as_of=params.as_of)
    form = (
        WeightsForm(initial=asdict(result.weights))
        if can(request.user, Perm.PROGRESS_REVIEW)
        else None
    )
    return render(
        request,
        "supervision/ranking.html",
        {"params": params, "result": result, "metrics": METRICS, "form": form},
    )


@require_POST
@perm_required(Perm.PROGRESS_REVIEW)
def weights_view(request: HttpRequest) -> HttpResponse:
    params = page_params(request)
    form = WeightsForm(request.POST)
    if form.is_valid():
        try:
            services.scoring_scheme_create(**form.cleaned_data, actor=request.user)
            messages.success(request, "评分权重已更新。")
        except ApplicationError as err:
            messages.error(request, err.message)
    else:
        messages.error(request, "权重填写有误。")
    return _back("supervision:ranking", params.document)


@perm_required(Perm.TASK_VIEW)
def year_end_view(request: HttpRequest) -> HttpResponse:
    params = page_params(request)
    data = selectors.dataset(user=request.user, document=params.document)
    day = given_as_of(request)
    result = year_end(data=data, as_of=day)
    year = (params.document.year or result.as_of.year) + 1
    office = can(request.user, Perm.PROGRESS_REVIEW)
    return render(
        request,
        "supervision/year_end.html",
        {
            "params": params,
            "result": result,
            # the same plan the carry-over confirms and writes, on this page's cut-off
            "plan": carry_over_plan(document=params.document, as_of=result.as_of)
            if office
            else None,
            "form": CarryOverForm(initial={"year": year}) if office else None,
            "publication": Publication.objects.filter(document=params.document).first(),
            "office": office,
        },
    )


@require_http_methods(["GET", "POST"])
@perm_required(Perm.PROGRESS_REVIEW)
def carry_over_view(request: HttpRequest) -> HttpResponse:
    """GET: what 结转 would carry, to confirm (writes nothing); POST: carry exactly that."""
    params = page_params(request)
    form = CarryOverForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        incomplete = "year" in form.errors
        messages.error(
            request,
            "请填写结转年度。" if incomplete else "结转信息不完整，请在年度完成情况页重新操作。",
        )
        return _back("supervision:year-end", params.document)
    year, day = form.cleaned_data["year"], form.cleaned_data["as_of"]
    expected = form.cleaned_data["expected"]
    if request.method == "GET":
        try:
            services.carry_year_check(document=params.document, year=year)
        except ApplicationError as err:
            messages.error(request, err.message)
            return _back("supervision:year-end", params.document, day)
        plan = carry_over_plan(document=params.document, as_of=day)
        return render(
            request,
            "supervision/carry_over_confirm.html",
            {"params": params, "plan": plan, "year": year},
        )
    if expected is None:
        messages.error(request, "请先确认结转的任务。")
        return _back("supervision:year-end", params.document, day)
    try:
        result = services.tasks_carry_over(
            document=params.document, year=year, as_of=day, expected=expected, actor=request.user
        )
        messages.success(
            request, f"已结转{len(result.created)}项未完成任务至《{result.document.title}》。"
        )
    except ApplicationError as err:
        messages.error(request, err.message)
    return _back("supervision:year-end", params.document, day)


@require_POST
@perm_required(Perm.PROGRESS_REVIEW)
def publication_view(request: HttpRequest) -> HttpResponse:
    params = page_params(request)
    services.publication_set(
        document=params.document, published=request.POST.get("published") == "1", actor=request.user
    )
    return _back("supervision:year-end", params.document)


def public_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Headline figures only (no unit rows); anonymous access only once published."""
    document = get_object_or_404(SourceDocument, pk=pk)
    published = Publication.objects.filter(document=document, is_published=True).exists()
    if not published and not (
        can(request.user, Perm.LEADER_VIEW) and ledger_visible(request.user, document)
    ):
        if not request.user.is_authenticated:
            raise Http404("未公开")
        raise PermissionDenied
    data = Dataset(document, Task.objects.all())
    day = as_of(request)
    board = selectors.dashboard(document=document, as_of=day)
    result = year_end(data=data, as_of=day)
    return render(
        request,
        "supervision/public.html",
        {
            "document": document,
            "board": board,
            "result": result,
            "colours": selectors.COLOURS,
            "published": published,
        },
    )
