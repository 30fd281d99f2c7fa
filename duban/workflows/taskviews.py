"""The task pages of the 督查室: 添加任务 (to a document's list) and 修改任务.

Thin: the forms parse, :mod:`duban.workflows.tasks` writes. A refused or malformed
submission shows the page again with every message in Chinese (HTTP 400), nothing typed
lost.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import Perm, can, document_scope, within
from duban.core.exceptions import ApplicationError
from duban.plans import selectors
from duban.plans.models import SourceDocument, TaskList
from duban.workflows import tasks
from duban.workflows.forms import EditReasonForm, PlacementForm, TaskForms, form_messages

TEMPLATE = "plans/task_form.html"


def _page(request: HttpRequest, context: dict[str, Any], errors: list[str]) -> HttpResponse:
    status = 400 if errors and request.method == "POST" else 200
    return render(request, TEMPLATE, {**context, "errors": errors}, status=status)


@perm_required(Perm.TASK_MANAGE)
def task_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(
        within(SourceDocument.objects, document_scope(request.user)),
        pk=pk,
        withdrawn_at__isnull=True,
    )
    first = TaskList.objects.filter(document=document).order_by("position", "pk").first()
    initial = {"task_list": first, "number": tasks.next_number(first) if first else 1}
    post = request.POST if request.method == "POST" else None
    placement = PlacementForm(post, document=document, initial=initial)
    forms = TaskForms(post)
    context = {"document": document, "placement": placement, "forms": forms, "adding": True}
    if post is None:
        return _page(request, context, [])
    valid = [placement.is_valid(), forms.is_valid()]
    errors = form_messages(placement) + forms.errors()
    if all(valid):
        data = placement.cleaned_data
        try:
            task = tasks.task_add(
                placement=tasks.Placement(data["task_list"], data["section"], data["number"]),
                data=forms.task_input(),
                actor=request.user,
            )
        except ApplicationError as err:
            errors = [err.message]
        else:
            messages.success(request, f"已添加任务 {task.number}，并向责任单位发出交办通知。")
            return redirect(task)
    return _page(request, context, errors or ["请检查填写的内容。"])


@perm_required(Perm.TASK_MANAGE)
def task_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk)
    if not can(request.user, Perm.TASK_MANAGE, task=task):
        raise PermissionDenied  # a task another government gave this one: read only
    post = request.POST if request.method == "POST" else None
    forms = TaskForms(post, task=task)
    reason = EditReasonForm(post)
    context = {
        "task": task,
        "document": task.task_list.document,
        "forms": forms,
        "reason_form": reason,
        "collectives": selectors.task_collective_units(task=task),
    }
    if task.is_withdrawn:  # the page says so and offers no form
        return _page(request, {**context, "withdrawn": True}, [tasks.TASK_WITHDRAWN])
    if post is None:
        return _page(request, context, [])
    valid = [forms.is_valid(), reason.is_valid()]
    errors = forms.errors() + form_messages(reason)
    if all(valid):
        try:
            revision = tasks.task_edit(
                task=task,
                data=forms.task_input(),
                reason=reason.cleaned_data["reason"],
                actor=request.user,
            )
        except ApplicationError as err:
            errors = [err.message]
        else:
            fields = "、".join(c["field"] for c in revision.changes)
            messages.success(request, f"已修改任务 {task.number}：{fields}。")
            return redirect(task)
    return _page(request, context, errors or ["请检查填写的内容。"])
