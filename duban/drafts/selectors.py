"""Reads for the drafts: a draft, a page of its rows, last year's tasks for the suggestions.

The pages are the 督查室's (``Perm.IMPORT_RUN``, which sees every document), so the reads
need no per-user scope beyond the permission the views check.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from duban.drafts.models import DraftRow, ReportDraft
from duban.drafts.suggest import PastTask
from duban.orgs.models import Government, OrgUnit
from duban.orgs.naming import government_of
from duban.plans.models import SourceDocument, Task, TaskLeader, TaskUnit, UnitRole

PAST_LIMIT = 3000  # a year's decomposition has a few hundred tasks; bounded all the same
DOCUMENT_LIMIT = 200


def government_of_issuer(issuer: str | None) -> str:
    """The government a document is issued for: 郑州市人民政府办公厅 → 郑州市人民政府 ('' when
    the issuer names none)."""
    found = government_of(issuer)
    return found[0] if found else ""


def draft_get(*, pk: int, scope: Q | None = None) -> ReportDraft:
    """One draft in ``scope`` (``permissions.government_scope``); 404 otherwise."""
    return get_object_or_404(draft_list(scope=scope), pk=pk)


def draft_list(*, scope: Q | None = None) -> QuerySet[ReportDraft]:
    """The drafts in ``scope`` (the office's government's; ``None`` = all), newest first."""
    qs = ReportDraft.objects.all() if scope is None else ReportDraft.objects.filter(scope)
    return qs.select_related("batch").order_by("-created_at")


def draft_rows(*, draft: ReportDraft) -> QuerySet[DraftRow]:
    return draft.rows.order_by("position", "id")


def row_get(*, draft: ReportDraft, pk: int) -> DraftRow:
    return get_object_or_404(DraftRow, draft=draft, pk=pk)


def unit_names(government: Government | None = None) -> list[str]:
    """The directory the suggester may name: ``government``'s units and the shared ones
    (never another government's: a city draft must not suggest a district's bureaus)."""
    qs = OrgUnit.objects.filter(is_active=True)
    if government is not None:
        qs = qs.filter(Q(government=government) | Q(government__isnull=True))
    return list(qs.values_list("name", flat=True))


def past_tasks(*, year: int, government: str, owner: Government | None = None) -> list[PastTask]:
    """The live tasks of last year's live documents of ``government`` (without a government,
    or for a document whose issuer names none, every document counts: a one-government
    installation names none); only ``owner``'s ledger when given (never another's)."""
    gov = government
    documents = SourceDocument.objects.filter(year=year - 1, withdrawn_at__isnull=True)
    if owner is not None:
        documents = documents.filter(government=owner)
    ids = [
        pk
        for pk, issuer in documents.values_list("pk", "issuer")[:DOCUMENT_LIMIT]
        if not gov or not issuer or government_of_issuer(issuer) == gov
    ]
    qs = Task.objects.filter(task_list__document_id__in=ids, is_withdrawn=False)
    units = TaskUnit.objects.filter(via_collective__isnull=True).select_related("unit")
    leaders = TaskLeader.objects.select_related("post__holder")
    qs = (
        qs.select_related("task_list__document")
        .prefetch_related(
            "targets",
            Prefetch("assignments", queryset=units.order_by("role", "position")),
            Prefetch("leader_links", queryset=leaders.order_by("position")),
            "collectives",
        )
        .order_by("task_list__document_id", "task_list__position", "number", "id")
    )
    return [_past(task) for task in qs[:PAST_LIMIT]]


def _past(task: Task) -> PastTask:
    def names(role: str) -> tuple[str, ...]:
        units = [a.unit.name for a in task.assignments.all() if a.role == role]
        units += [c.raw_name for c in task.collectives.all() if c.role == role and c.raw_name]
        return tuple(dict.fromkeys(units))

    leaders = [link.raw_name or str(link.post.holder or "") for link in task.leader_links.all()]
    return PastTask(
        text=task.text,
        document_title=task.task_list.document.title,
        metrics=tuple(t.metric for t in task.targets.all()),
        leaders=tuple(n for n in [*leaders, *task.collective_leaders] if n),
        lead_units=names(UnitRole.LEAD),
        responsible_units=names(UnitRole.RESPONSIBLE),
    )
