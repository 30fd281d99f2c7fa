"""The draft pages: list, the draft (header + a page of rows), row save/add/delete, the
Word download and 确认为任务. All are the 督查室's (``Perm.IMPORT_RUN``); a row saves on its
own (htmx on every change, or its 保存 button), and a refused save keeps what was typed."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import Perm, government_scope
from duban.core import params
from duban.core.exceptions import ApplicationError
from duban.drafts import selectors, services
from duban.drafts.forms import HeaderForm, RowForm, form_errors
from duban.drafts.models import DraftRow, ReportDraft

PAGE_SIZE = 20
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _row_form(row: DraftRow) -> RowForm:
    fields = ("text", "leaders", "lead_units", "responsible_units", "deadline", "version")
    return RowForm(initial={name: getattr(row, name) for name in fields}, prefix=f"r{row.pk}")


def _editable(draft: ReportDraft) -> bool:
    try:
        services.ensure_editable(draft)
    except ApplicationError:
        return False
    return True


@perm_required(Perm.IMPORT_RUN)
def draft_list_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(
        selectors.draft_list(scope=government_scope(request.user)), PAGE_SIZE
    ).get_page(params.get_page(request.GET))
    return render(request, "drafts/draft_list.html", {"page": page})


@perm_required(Perm.IMPORT_RUN)
def draft_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get(pk=pk, scope=government_scope(request.user))
    header = HeaderForm(request.POST or None, initial={
        "title": draft.title, "government": draft.government, "year": draft.year,
    })  # fmt: skip
    status = 200
    if request.method == "POST":
        if header.is_valid():
            try:
                services.draft_update(draft=draft, header=header.header(), actor=request.user)
            except ApplicationError as err:
                header.add_error(None, err.message)
            else:
                messages.success(request, "草稿信息已保存。")
                return redirect(draft)
        status = 400
    rows = selectors.draft_rows(draft=draft)
    page = Paginator(rows, PAGE_SIZE).get_page(params.get_page(request.GET))
    context = {
        "draft": draft,
        "header": header,
        "page": page,
        "rows": [(row, _row_form(row), "") for row in page],
        "total": page.paginator.count,
        "editable": _editable(draft),
    }
    return render(request, "drafts/draft_detail.html", context, status=status)


def _back(request: HttpRequest, draft: ReportDraft, row: DraftRow | None) -> HttpResponse:
    """Back to the page of rows the form was on, at the row."""
    page = params.get_page(request.POST)
    anchor = f"#row-{row.pk}" if row is not None else ""
    query = f"?page={page}" if page > 1 else ""
    return redirect(f"{draft.get_absolute_url()}{query}{anchor}")


@require_POST
@perm_required(Perm.IMPORT_RUN)
def row_save_view(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    draft = selectors.draft_get(pk=pk, scope=government_scope(request.user))
    row = selectors.row_get(draft=draft, pk=row_pk)
    form = RowForm(request.POST, prefix=f"r{row.pk}")
    error = ""
    if form.is_valid():
        try:
            row = services.row_update(
                row=row, values=form.values(), version=form.cleaned_data["version"],
                actor=request.user,
            )  # fmt: skip
        except ApplicationError as err:
            error = err.message
        else:
            form = _row_form(row)
    else:
        error = form_errors(form)
    if _is_htmx(request):  # 200 for a refusal too: htmx swaps only 2xx, the error must show
        context = {"draft": draft, "row": row, "form": form, "error": error, "editable": True,
                   "saved": not error, "page_number": params.get_page(request.POST)}  # fmt: skip
        return render(request, "drafts/_row.html", context)
    if error:
        messages.error(request, f"第{row.position + 1}行未保存：{error}")
    else:
        messages.success(request, "已保存。")
    return _back(request, draft, row)


@require_POST
@perm_required(Perm.IMPORT_RUN)
def row_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get(pk=pk, scope=government_scope(request.user))
    after_pk = params.get_id(request.POST, "after")
    after = selectors.row_get(draft=draft, pk=after_pk) if after_pk else None
    try:
        row = services.row_add(draft=draft, after=after, actor=request.user)
    except ApplicationError as err:
        messages.error(request, err.message)
        return redirect(draft)
    messages.success(request, "已添加一行，请填写任务内容。")
    return _back(request, draft, row)


@require_POST
@perm_required(Perm.IMPORT_RUN)
def row_delete_view(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    draft = selectors.draft_get(pk=pk, scope=government_scope(request.user))
    row = selectors.row_get(draft=draft, pk=row_pk)
    try:
        services.row_delete(row=row, actor=request.user)
    except ApplicationError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, "已删除该行。")
    return _back(request, draft, None)


@perm_required(Perm.IMPORT_RUN)
def draft_docx_view(request: HttpRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get(pk=pk, scope=government_scope(request.user))
    response = HttpResponse(services.draft_docx(draft=draft), content_type=DOCX)
    name = quote(f"{draft.title}.docx")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response


@require_POST
@perm_required(Perm.IMPORT_RUN)
def draft_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get(pk=pk, scope=government_scope(request.user))
    try:
        batch = services.draft_to_batch(draft=draft, actor=request.user)
    except ApplicationError as err:
        messages.error(request, err.message)
        return redirect(draft)
    messages.success(request, "草稿已转为导入预览：请核对单位名称后点击“确认导入”。")
    return redirect(batch)


@require_POST
@perm_required(Perm.IMPORT_RUN)
def draft_discard_view(request: HttpRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get(pk=pk, scope=government_scope(request.user))
    try:
        services.draft_discard(draft=draft, actor=request.user)
    except ApplicationError as err:
        messages.error(request, err.message)
        return redirect(draft)
    messages.success(request, "草稿已放弃。")
    return redirect("drafts:draft-list")
