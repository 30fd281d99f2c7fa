"""Reads for the actuals import: the targets an actual may be about, and the page's rows.

The candidate targets are the same government's: the targets of the live, current (not
superseded) documents whose issuing government is the report's, for the years the report
speaks of and the years next to them — so a target of the wrong year is seen and refused
with its reason instead of missing silently. A report whose government the title does not
name is compared with every government's documents of those years (the page says so).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from duban.orgs.models import Government
from duban.orgs.naming import government_of
from duban.plans.actualmodels import ActualImport, ActualRow
from duban.plans.models import SourceDocument, Target

MAX_CANDIDATES = 5  # pairable targets kept per actual
MAX_MISMATCHED = 3  # similar but unfit targets shown per actual


def documents_for(
    *, government: str, years: Iterable[int], owner: Government | None = None
) -> list[SourceDocument]:
    """Live current documents of ``years`` issued by ``government`` (any, when blank), in
    ``owner``'s ledger only when given (the importing office's: never another's targets)."""
    live = SourceDocument.objects.filter(withdrawn_at__isnull=True)
    if owner is not None:
        live = live.filter(government=owner)
    replaced = live.filter(supersedes__isnull=False).values("supersedes_id")
    docs = live.filter(year__in=sorted(set(years))).exclude(pk__in=replaced).order_by("year", "pk")
    found = []
    for doc in docs:
        issued_by = government_of(doc.issuer)
        if not government or (issued_by is not None and issued_by[0] == government):
            found.append(doc)
    return found


def pool_targets(documents: list[SourceDocument]) -> list[tuple[int, int | None, Target]]:
    """(id, year, target) of every target of the documents' live tasks, in ledger order."""
    years = {doc.pk: doc.year for doc in documents}
    rows = (
        Target.objects.filter(task__task_list__document__in=list(years), task__is_withdrawn=False)
        .select_related("task__task_list")
        .order_by("task__task_list__document", "task__task_list__position", "task__number", "pk")
    )
    return [(t.pk, years[t.task.task_list.document_id], t) for t in rows]


def actual_imports(scope: Q | None = None) -> QuerySet[ActualImport]:
    """The actuals imports in ``scope`` (``permissions.government_scope``; ``None`` = all)."""
    qs = ActualImport.objects.all() if scope is None else ActualImport.objects.filter(scope)
    return qs.select_related("created_by").order_by("-created_at")


def target_labels(ids: Iterable[int]) -> dict[int, str]:
    """id → "任务3 地区生产总值增长7%以上（2021年 任务分解通知）" for the page (one query)."""
    rows = Target.objects.filter(pk__in=set(ids)).select_related("task__task_list__document")
    labels = {}
    for t in rows:
        doc = t.task.task_list.document
        labels[t.pk] = (
            f"任务{t.task.number}：{t.raw_text}（{doc.year or ''}年《{doc.title[:30]}》）"
        )
    return labels


SHOW_RELATED, SHOW_ALL = "related", "all"


def rows_page(batch: ActualImport, *, show: str = SHOW_RELATED) -> QuerySet[ActualRow]:
    """The rows of the page: by default those with a target near them (a report states
    dozens of figures no target is about — 抢险队伍4450人); ``all`` for every one."""
    rows = batch.rows.select_related("target__task").order_by("position")
    return rows if show == SHOW_ALL else rows.filter(related=True)


def row_ids(rows: Iterable[ActualRow]) -> set[int]:
    """Every target id the rows mention (chosen, candidates, mismatched)."""
    ids: set[int] = set()
    for row in rows:
        ids.update(c["target"] for c in row.candidates)
        ids.update(c["target"] for c in row.mismatched)
        if row.target_id is not None:
            ids.add(row.target_id)
    return ids


def summary(batch: ActualImport) -> dict[str, Any]:
    """How many actuals are paired, left to choose, refused (不匹配), without candidates."""
    counts = {"total": 0, "paired": 0, "open": 0, "rejected": 0, "none": 0}
    for decision, target, candidates in batch.rows.values_list(
        "decision", "target_id", "candidates"
    ):
        counts["total"] += 1
        if decision == "rejected":
            counts["rejected"] += 1
        elif target is not None:
            counts["paired"] += 1
        elif candidates:
            counts["open"] += 1
        else:
            counts["none"] += 1
    return counts
