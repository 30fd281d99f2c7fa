"""Pages of the actuals import: the matched actuals of an execution report or bulletin.

One card per actual (phone-friendly: ``table.stack``), with the sentence it stands in, the
target it is paired with, the other candidates to choose from and the similar targets it
may not be paired with and why. Writing them into the reports (确认导入) is the POST of
``duban.workflows`` (it spans plans and progress).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import Perm, government_scope, within
from duban.core import params
from duban.core.exceptions import ApplicationError
from duban.core.numbers import plain
from duban.plans import actualqueries
from duban.plans.actualmodels import ActualImport, ActualRow
from duban.plans.models import Target
from duban.plans.services import actuals as services

PAGE_SIZE = 30
NONE = "none"
BAD_CHOICE = "请选择候选指标，或选择“不匹配”。"
SHOWS = (actualqueries.SHOW_RELATED, actualqueries.SHOW_ALL)


class MatchForm(forms.Form):
    """The office's choice for one actual: a candidate target's id, or ``none`` (不匹配)."""

    target = forms.CharField(max_length=20, error_messages={"required": BAD_CHOICE})

    def clean_target(self) -> int | None:
        value = self.cleaned_data["target"].strip()
        if value == NONE:
            return None
        if not value.isdigit() or not 0 < int(value) <= params.ID_MAX:
            raise forms.ValidationError(BAD_CHOICE)
        return int(value)


def _ratio_text(ratio: float | None, met: bool | None) -> str:
    if ratio is None:
        return ""
    share = plain(round(ratio * 100, 1))
    return f"完成目标的{share}%" + ("（达到目标）" if met else "（未达目标）")


def _options(row: ActualRow, labels: dict[int, str]) -> dict[str, Any]:
    def option(c: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": c["target"],
            "label": labels.get(c["target"], "（指标已删除）"),
            "ratio": _ratio_text(c.get("ratio"), c.get("met")),
            "reasons": services.reasons_text(c["reasons"]) if c["reasons"] else "",
            "chosen": c["target"] == row.target_id,
        }

    return {
        "row": row,
        "candidates": [option(c) for c in row.candidates],
        "mismatched": [option(c) for c in row.mismatched],
        "chosen": labels.get(row.target_id or 0, ""),
    }


def _page_of(row: ActualRow) -> int:
    """The page of the (default) list the row stands on, to come back to it after a POST."""
    before = ActualRow.objects.filter(batch=row.batch_id, related=True, position__lt=row.position)
    return before.count() // PAGE_SIZE + 1


@perm_required(Perm.IMPORT_RUN)
def actual_import_list_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(
        actualqueries.actual_imports(government_scope(request.user)), PAGE_SIZE
    ).get_page(params.get_page(request.GET))
    return render(request, "plans/actual_import_list.html", {"page": page})


@perm_required(Perm.IMPORT_RUN)
def actual_import_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(within(ActualImport.objects, government_scope(request.user)), pk=pk)
    show = params.get_choice(request.GET, "state", SHOWS) or actualqueries.SHOW_RELATED
    page = Paginator(actualqueries.rows_page(batch, show=show), PAGE_SIZE).get_page(
        params.get_page(request.GET)
    )
    rows = list(page.object_list)
    labels = actualqueries.target_labels(actualqueries.row_ids(rows))
    return render(
        request,
        "plans/actual_import.html",
        {
            "batch": batch,
            "page": page,
            "rows": [_options(row, labels) for row in rows],
            "summary": actualqueries.summary(batch),
            "documents": len(batch.document_info.get("documents", [])),
            "show": show,
        },
    )


@require_POST
@perm_required(Perm.IMPORT_RUN)
def actual_row_view(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    batch = get_object_or_404(within(ActualImport.objects, government_scope(request.user)), pk=pk)
    row = get_object_or_404(ActualRow, pk=row_pk, batch=batch)
    form = MatchForm(request.POST)
    back = f"{batch.get_absolute_url()}?page={_page_of(row)}#row-{row.pk}"
    if not form.is_valid():
        messages.error(request, f"第{row.position}项：{BAD_CHOICE}")
        return redirect(back)
    chosen = form.cleaned_data["target"]
    target = None if chosen is None else Target.objects.filter(pk=chosen).first()
    if chosen is not None and target is None:
        messages.error(request, f"第{row.position}项：{services.NOT_CANDIDATE}")
        return redirect(back)
    try:
        services.actual_row_decide(row=row, target=target, actor=request.user)
    except ApplicationError as err:
        messages.error(request, f"第{row.position}项：{err.message}")
    else:
        messages.success(request, f"第{row.position}项已保存。")
    return redirect(back)


@require_POST
@perm_required(Perm.IMPORT_RUN)
def actual_discard_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(within(ActualImport.objects, government_scope(request.user)), pk=pk)
    try:
        services.actual_import_discard(batch=batch, actor=request.user)
    except ApplicationError as err:
        messages.error(request, err.message)
        return redirect(batch)
    messages.success(request, "已放弃该导入。")
    return redirect("plans:actual-import-list")
