"""Pages: the task ledger, task detail, my unit's tasks, unit/leader pages, the import flow."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import Perm, can
from duban.accounts.seats import member_unit_ids
from duban.core import params
from duban.core.exceptions import ApplicationError
from duban.plans import selectors, services, uploads
from duban.plans.forms import NameMapForm, TaskFilterForm, UploadForm
from duban.plans.models import ImportName, NameKind, RowChange, RowState, Task

PAGE_SIZE = 30


def _is_htmx(request: HttpRequest) -> bool:
    """django-htmx sets ``request.htmx`` (truthy for requests made by htmx)."""
    return bool(getattr(request, "htmx", False))


def _page(request: HttpRequest, qs: QuerySet[Task]) -> Any:
    return Paginator(qs, PAGE_SIZE).get_page(params.get_page(request.GET))


def _ledger(request: HttpRequest, *, title: str, **extra: Any) -> HttpResponse:
    form = TaskFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        raise params.form_error(form)  # HTTP 400 naming the filter, never all tasks instead
    tasks = selectors.task_list(user=request.user, filters=form.filters(**extra))
    query = request.GET.copy()
    query.pop("page", None)
    page = _page(request, tasks)
    context = {
        "title": title,
        "form": form,
        "page": page,
        "total": page.paginator.count,  # the paginator's own COUNT, not a second one
        "choices": selectors.filter_choices(user=request.user),
        "query": query.urlencode(),
    }
    template = "plans/_task_rows.html" if _is_htmx(request) else "plans/task_list.html"
    return render(request, template, context)


@perm_required(Perm.TASK_VIEW)
def task_list_view(request: HttpRequest) -> HttpResponse:
    return _ledger(request, title="任务台账")


@perm_required(Perm.TASK_VIEW)
def my_tasks_view(request: HttpRequest) -> HttpResponse:
    unit_ids = tuple(member_unit_ids(request.user))
    if not unit_ids:
        messages.info(request, "您的账号未关联单位，以下为您可查看的全部任务。")
        return _ledger(request, title="本单位任务")
    return _ledger(request, title="本单位任务", unit_ids=unit_ids)


@perm_required(Perm.TASK_VIEW)
def task_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk)
    return render(
        request,
        "plans/task_detail.html",
        {
            "task": task,
            "units_by_role": selectors.task_units_by_role(task=task),
            "collectives": selectors.task_collective_units(task=task),
        },
    )


@perm_required(Perm.UNIT_VIEW)
def unit_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get(user=request.user, pk=pk)
    tasks = selectors.task_list(user=request.user, filters=selectors.TaskFilters(unit=unit.pk))
    return render(
        request,
        "plans/unit_detail.html",
        {
            "unit": unit,
            "page": _page(request, tasks),
            "counts": selectors.unit_task_counts(user=request.user, unit=unit),
        },
    )


@perm_required(Perm.LEADER_VIEW)
def leader_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    leader = selectors.leader_get(user=request.user, pk=pk)
    tasks = selectors.task_list(user=request.user, filters=selectors.TaskFilters(leader=leader.pk))
    return render(
        request,
        "plans/leader_detail.html",
        {
            "leader": leader,
            "page": _page(request, tasks),
            "can_manage_posts": can(request.user, Perm.POST_MANAGE),
        },
    )


@perm_required(Perm.DOCUMENT_VIEW)
def document_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "plans/document_list.html",
        {
            "documents": selectors.document_list(user=request.user),
            "can_withdraw": can(request.user, Perm.DOCUMENT_WITHDRAW),
        },
    )


@perm_required(Perm.IMPORT_RUN)
def import_list_view(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            try:
                batch = services.import_batch_create(
                    data=data,
                    filename=upload.name,
                    kind=form.cleaned_data["kind"],
                    actor=request.user,
                )
            except ApplicationError as err:  # a report: its own importer, if one is installed
                handler = uploads.handler_for(err.extra.get("kind", ""))
                if handler is None:
                    raise
                return redirect(handler(data, upload.name, request.user))
        except ApplicationError as err:
            form.add_error("file", err.message)
        else:
            return redirect(batch)
    batches = selectors.import_batch_list(user=request.user)[:50]
    status = 400 if form.errors else 200
    return render(
        request, "plans/import_list.html", {"form": form, "batches": batches}, status=status
    )


@perm_required(Perm.IMPORT_RUN)
def import_preview_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.import_batch_get(user=request.user, pk=pk)
    rows = batch.rows.select_related("previous_task").order_by("position")
    state = params.get_choice(request.GET, "state", RowState.values)
    if state:
        rows = rows.filter(state=state)
    names = selectors.import_names(batch=batch)
    return render(
        request,
        "plans/import_preview.html",
        {
            "batch": batch,
            "rows": rows,
            "state": state,
            "summary": selectors.import_batch_summary(batch=batch),
            # 修订冲突: changed rows of tasks edited in the app, settled in the confirm form
            "conflicts": batch.rows.filter(
                change=RowChange.CHANGED, app_edit__has_key="fields"
            ).order_by("position")[:200],
            "unit_names": [n for n in names if n.kind == NameKind.UNIT],
            "other_names": [n for n in names if n.kind != NameKind.UNIT],
            "directory_units": selectors.directory_unit_names(),
            # after confirm: collectives (相关街道办事处) still to be given their units
            "to_choose": selectors.collectives_to_choose(document=batch.document)[:100]
            if batch.document is not None
            else [],
        },
    )


@require_POST
@perm_required(Perm.IMPORT_RUN)
def import_name_view(request: HttpRequest, pk: int, name_pk: int) -> HttpResponse:
    batch = selectors.import_batch_get(user=request.user, pk=pk)
    name = get_object_or_404(ImportName, pk=name_pk, batch=batch, kind=NameKind.UNIT)
    form = NameMapForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.import_name_update(
                name=name,
                action=form.cleaned_data["action"],
                unit=form.cleaned_data["unit"],
                actor=request.user,
            )
        except ApplicationError as err:
            error = err.message
    else:
        error = "；".join(str(e) for errs in form.errors.values() for e in errs)
    if _is_htmx(request):
        name.refresh_from_db()
        # 200 even for a refused mapping: htmx does not swap a 4xx response, so the error
        # row would never reach the page and the refusal would look like silence.
        return render(
            request, "plans/_import_name.html", {"batch": batch, "n": name, "error": error}
        )
    if error:
        messages.error(request, error)
    return redirect(batch)


@require_POST
@perm_required(Perm.IMPORT_RUN)
def import_discard_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.import_batch_get(user=request.user, pk=pk)
    try:
        services.import_batch_discard(batch=batch, actor=request.user)
    except ApplicationError as err:
        messages.error(request, err.message)
    return redirect("plans:import-list")
