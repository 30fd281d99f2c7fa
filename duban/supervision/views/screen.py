"""The 督查大屏: the dashboard's figures on one dark 1920×1080 screen for meetings.

The page draws once from its own JSON (``json_script``) and ``screen.js`` fetches the same
JSON from ``screen-data`` every few minutes and redraws, so a screen left on in a meeting
room follows the reports as they arrive. Both come from ``selectors.dashboard`` over the
user's visible tasks (``selectors.scoped_tasks``): the screen, the 督查看板 and
``/api/v1/dashboard/`` cannot disagree. The API answer is not enough here (no trend, no task
list), hence the page's own JSON.

Without ``as_of`` the screen is live: every refresh counts as of that day. With it, the
screen stays on that day (a meeting looking back at 月底).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import Perm
from duban.core import clock
from duban.plans.models import SourceDocument
from duban.progress.status import LABELS
from duban.supervision import selectors
from duban.supervision.views.common import given_as_of, int_param, page_params

REFRESH_SECONDS = 300
GROUP_ROWS = 12  # units / leaders on the screen (the selector puts the most red first)
ATTENTION_ROWS = 8  # 逾期 then 滞后 tasks listed
TEXT_CHARS = 40
NOT_FOUND = "未找到该任务文件，或无权查看。"


def _series(groups: list[selectors.Breakdown], noun: str) -> dict[str, Any]:
    """Stacked bars per light for the first ``GROUP_ROWS`` of ``groups`` (the most red)."""
    shown = groups[:GROUP_ROWS]
    note = f"共{len(groups)}{noun}"
    if len(groups) > len(shown):
        note += f"，按红灯多少列出前{len(shown)}{noun[0]}"
    return {
        "note": note,
        "labels": [g.label for g in shown],
        "series": [
            {"name": f"{label}灯", "data": [g.colours[key] for g in shown], "color": hex_}
            for key, label, hex_ in selectors.COLOURS
        ],
        "total": len(groups),
        "shown": len(shown),
    }


def _attention(board: selectors.Dashboard) -> dict[str, Any]:
    """The 逾期 tasks, then the 滞后 ones: the list a meeting asks about first."""
    rows = []
    for row in [*board.overdue.rows, *board.lagging.rows][:ATTENTION_ROWS]:
        unit = row.task.reporting_unit
        rows.append(
            {
                "id": row.task.id,
                "number": row.task.number,
                "text": truncatechars(row.task.text, TEXT_CHARS),
                "unit": unit[1] if unit else "—",
                "status": LABELS[row.status.schedule],
                "colour": str(row.status.colour),
                "elapsed": f"{round(row.status.elapsed * 100)}%",
            }
        )
    return {"total": board.overdue.total + board.lagging.total, "rows": rows}


def _figures(board: selectors.Dashboard) -> dict[str, Any]:
    figures: dict[str, Any] = {
        "total": board.total,
        "done": board.done,
        "done_share": board.done_share,
        "on_track": board.on_track,
        "on_track_share": board.on_track_share,
        "unreported": board.unreported.total,
    }
    figures.update({str(key): n for key, _, n in board.colour_rows})
    return figures


def screen_data(document: SourceDocument, board: selectors.Dashboard) -> dict[str, Any]:
    """Everything the screen shows, as plain JSON (the page's first draw and each refresh)."""
    charts = board.chart_data()
    return {
        "document": {"id": document.pk, "title": document.title},
        "as_of": board.as_of.isoformat(),
        "as_of_label": f"{board.as_of.year}年{board.as_of.month}月{board.as_of.day}日",
        "updated": timezone.localtime(clock.now()).strftime("%H:%M"),
        "figures": _figures(board),
        "colours": charts["colours"],
        "sections": charts["sections"],
        "trend": charts["trend"],
        "units": _series(board.by_unit, "个单位"),
        "leaders": _series(board.by_leader, "位领导"),
        "attention": _attention(board),
    }


def _board(request: HttpRequest, document: SourceDocument) -> selectors.Dashboard:
    day = given_as_of(request) or clock.today()
    tasks = selectors.scoped_tasks(user=request.user)
    return selectors.dashboard(document=document, as_of=day, tasks=tasks)


@perm_required(Perm.PROGRESS_VIEW)
def screen_view(request: HttpRequest) -> HttpResponse:
    """``/supervision/screen/?document=ID[&as_of=DATE]``: the big screen."""
    params = page_params(request)
    board = _board(request, params.document)
    query: dict[str, str] = {"document": str(params.document.pk)}
    day = given_as_of(request)
    if day is not None:
        query["as_of"] = day.isoformat()
    return render(
        request,
        "supervision/screen.html",
        {
            "document": params.document,
            "board": board,
            "data": screen_data(params.document, board),
            "colours": selectors.COLOURS,
            "source": f"{reverse('supervision:screen-data')}?{urlencode(query)}",
            "refresh": REFRESH_SECONDS,
            "dashboard": f"{reverse('supervision:dashboard')}?{urlencode(query)}",
        },
    )


@perm_required(Perm.PROGRESS_VIEW)
def screen_data_view(request: HttpRequest) -> HttpResponse:
    """The screen's JSON; a document the user cannot see (any more) is a 404, never another's."""
    pk = int_param(request, "document")
    document = selectors.document_pick(user=request.user, pk=pk)
    if document is None or (pk is not None and document.pk != pk):
        return JsonResponse({"message": NOT_FOUND}, status=404)
    data = screen_data(document, _board(request, document))
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
