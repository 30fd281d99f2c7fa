"""The figures as JSON: the dashboard's counts and each task's light, from the read model.

The same selectors as the pages (``selectors.dashboard``, ``queries.standings``), so an API
answer and a page for the same document and day cannot disagree. Malformed parameters are a
400 with a Chinese message (``core.params``).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from duban.accounts.permissions import Perm
from duban.core import clock, params
from duban.plans import selectors as plan_selectors
from duban.plans.apis import HasPerm, Pagination, TaskListApi
from duban.plans.models import SourceDocument, Task
from duban.progress.standing import queries as standing
from duban.progress.status import LABELS, Colour, TaskStatus
from duban.supervision import selectors
from duban.supervision.overview import Line, overview

LIGHT_KEYS = tuple(str(c) for c in Colour)  # blue, green, yellow, red


def _lights(colours: Counter[str]) -> dict[str, int]:
    return {key: colours.get(key, 0) for key in LIGHT_KEYS}


def _breakdown(group: selectors.Breakdown) -> dict[str, Any]:
    return {
        "label": group.label,
        "total": group.total,
        "lights": _lights(group.colours),
        "on_track": group.on_track,
    }


def _as_of(request: Request) -> date:
    return params.get_date(request.query_params, "as_of") or clock.today()


class DashboardApi(APIView):  # type: ignore[misc]
    """``GET /api/v1/dashboard/?document=ID&as_of=DATE``: the counts the dashboard shows."""

    perm = Perm.PROGRESS_VIEW
    permission_classes = (HasPerm,)

    def get(self, request: Request) -> Response:
        pk = params.get_id(request.query_params, "document")
        document = selectors.document_pick(user=request.user, pk=pk)
        if document is None or (pk is not None and document.pk != pk):
            return Response({"message": "未找到该任务文件，或无权查看。"}, status=404)
        day = _as_of(request)
        board = selectors.dashboard(
            document=document, as_of=day, tasks=selectors.scoped_tasks(user=request.user)
        )
        return Response(
            {
                "document": {"id": document.pk, "title": document.title},
                "as_of": day.isoformat(),
                "total": board.total,
                "done": board.done,
                "on_track": board.on_track,
                "lights": _lights(board.colours),
                "schedule": {key: board.schedule.get(key, 0) for key in board.schedule},
                "by_section": [_breakdown(b) for b in board.by_section],
                "by_unit": [_breakdown(b) for b in board.by_unit],
                "by_leader": [_breakdown(b) for b in board.by_leader],
            }
        )


def _line(line: Line) -> dict[str, Any]:
    head = {"id": line.document.pk, "title": line.document.title} if line.document else None
    return {
        "document": head,
        "total": line.total,
        "done": line.done,
        "on_track": line.on_track,
        "lights": _lights(line.colours),
    }


class OverviewApi(APIView):  # type: ignore[misc]
    """``GET /api/v1/overview/?as_of=DATE``: every visible document's counts and their sum."""

    perm = Perm.PROGRESS_VIEW
    permission_classes = (HasPerm,)

    def get(self, request: Request) -> Response:
        day = _as_of(request)
        board = overview(
            documents=list(selectors.document_list(user=request.user)),
            as_of=day,
            tasks=selectors.scoped_tasks(user=request.user),
        )
        return Response(
            {
                "as_of": day.isoformat(),
                "documents": [_line(line) for line in board.lines],
                "total": _line(board.total),
            }
        )


def _state(standing_row: standing.Standing | None) -> dict[str, Any]:
    if standing_row is None:
        return {"light": None, "light_label": "无状态", "statuses": None}
    status: TaskStatus = standing_row.status
    return {
        "light": str(status.colour),
        "light_label": LABELS[status.colour],
        "statuses": {
            "reported": str(status.reported),
            "evidence": str(status.evidence),
            "schedule": str(status.schedule),
            "labels": status.labels,
        },
        "elapsed": round(status.elapsed, 4),
        "completion": round(status.completion, 4) if status.completion is not None else None,
        "effective_deadline": standing_row.deadline.isoformat() if standing_row.deadline else None,
    }


class TaskStateListApi(APIView):  # type: ignore[misc]
    """``GET /api/v1/tasks/?document=ID&as_of=DATE``: tasks (paginated), each with its light."""

    perm = Perm.TASK_VIEW
    permission_classes = (HasPerm,)

    def get(self, request: Request) -> Response:
        query = request.query_params
        filters = plan_selectors.TaskFilters(
            document=params.get_id(query, "document"),
            task_list=params.get_id(query, "task_list"),
            unit=params.get_id(query, "unit"),
            leader=params.get_id(query, "leader"),
            q=params.get_text(query, "q"),
        )
        day = _as_of(request)
        qs = plan_selectors.task_list(user=request.user, filters=filters)
        paginator = Pagination()
        page: list[Task] = paginator.paginate_queryset(qs, request, view=self)
        states = self._states(page, day)
        rows = []
        for task, data in zip(
            page, TaskListApi.OutputSerializer(page, many=True).data, strict=True
        ):
            rows.append({**data, "as_of": day.isoformat(), **_state(states.get(task.pk))})
        return paginator.get_paginated_response(rows)

    @staticmethod
    def _states(page: list[Task], day: date) -> dict[int, standing.Standing]:
        """One query per document on the page (a page rarely spans more than one)."""
        by_document: dict[int, list[int]] = {}
        documents: dict[int, SourceDocument] = {}
        for task in page:
            document = task.task_list.document
            documents[document.pk] = document
            by_document.setdefault(document.pk, []).append(task.pk)
        found: dict[int, standing.Standing] = {}
        for pk, ids in by_document.items():
            found.update(standing.standings(documents[pk], day, Task.objects.filter(pk__in=ids)))
        return found
