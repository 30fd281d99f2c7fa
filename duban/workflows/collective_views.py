"""The page where the 督查室 names a collective's units on a task (相关街道办事处 → 街道)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import Perm
from duban.core import params
from duban.core.exceptions import ApplicationError
from duban.orgs.models import OrgUnit
from duban.plans import selectors
from duban.plans.models import TaskCollective
from duban.workflows.collectives import task_collective_choose


@perm_required(Perm.IMPORT_RUN)
def collective_choose_view(request: HttpRequest, pk: int, collective_pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk)
    link = get_object_or_404(
        TaskCollective.objects.select_related("group"), pk=collective_pk, task=task
    )
    if request.method == "POST":
        ids = params.get_ids(request.POST, "unit")
        units = list(OrgUnit.objects.filter(pk__in=ids))
        try:
            choice = task_collective_choose(link=link, units=units, actor=request.user)
        except ApplicationError as err:
            messages.error(request, err.message)
        else:
            messages.success(
                request,
                f"已指定：新增 {len(choice.added)} 个，移除 {len(choice.removed)} 个"
                + (f"；{'、'.join(choice.kept)}已在本任务中，未重复分配" if choice.kept else "")
                + "。",
            )
            return redirect("workflows:collective-choose", pk=task.pk, collective_pk=link.pk)
    query = params.get_text(request.GET, "q", max_length=50)
    chosen = selectors.collective_units(link=link)
    shown = {u.pk for u in chosen}
    candidates = selectors.collective_candidates(link=link, query=query)
    return render(
        request,
        "plans/collective_choose.html",
        {
            "task": task,
            "link": link,
            "chosen": chosen,
            "candidates": [u for u in candidates if u.pk not in shown],
            "query": query,
            "limit": selectors.CANDIDATES_SHOWN,
        },
    )
