"""The 督查看板 (colours, breakdowns, trend, lists) and a task's report timeline."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import Perm
from duban.plans import selectors as plan_selectors
from duban.progress import selectors as progress_selectors
from duban.progress.status import LABELS
from duban.supervision import selectors
from duban.supervision.overview import overview
from duban.supervision.views.common import as_of, page_params


@perm_required(Perm.PROGRESS_VIEW)
def dashboard_view(request: HttpRequest) -> HttpResponse:
    params = page_params(request)
    tasks = selectors.scoped_tasks(user=request.user)
    board = selectors.dashboard(document=params.document, as_of=params.as_of, tasks=tasks)
    return render(
        request,
        "supervision/dashboard.html",
        {
            "params": params,
            "board": board,
            "charts": board.chart_data(),
            "colours": selectors.COLOURS,
            "labels": LABELS,
        },
    )


@perm_required(Perm.PROGRESS_VIEW)
def overview_view(request: HttpRequest) -> HttpResponse:
    """总览: every visible document on one day, a line each and their sum."""
    day = as_of(request)
    documents = list(selectors.document_list(user=request.user))
    board = overview(
        documents=documents, as_of=day, tasks=selectors.scoped_tasks(user=request.user)
    )
    return render(
        request,
        "supervision/overview.html",
        {"board": board, "colours": selectors.COLOURS, "as_of": day},
    )


@perm_required(Perm.TASK_VIEW)
def task_timeline_view(request: HttpRequest, pk: int) -> HttpResponse:
    task = plan_selectors.task_get(user=request.user, pk=pk)
    day = as_of(request)
    return render(
        request,
        "supervision/task_timeline.html",
        {
            "task": task,
            "as_of": day,
            "status": progress_selectors.task_status(task, as_of=day),
            "timeline": selectors.task_timeline(task=task),
            "labels": LABELS,
        },
    )
