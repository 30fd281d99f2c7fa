"""Permission-aware reads of documents, tasks and import batches.

Every user-scoped query goes through here; the scope itself comes from
``duban.accounts.permissions`` so lists and single-object checks agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from duban.accounts.permissions import (
    Perm,
    can,
    document_scope,
    government_scope,
    task_scope,
    within,
)
from duban.orgs.models import Leader, OrgUnit, UnitKind, UnitLevel
from duban.plans.models import (
    ImportBatch,
    ImportName,
    NameKind,
    RowState,
    Section,
    SourceDocument,
    Task,
    TaskCollective,
    TaskLeader,
    TaskList,
    TaskUnit,
    UnitRole,
)


@dataclass(frozen=True)
class TaskFilters:
    document: int | None = None
    task_list: int | None = None
    section: int | None = None
    unit: int | None = None
    unit_ids: tuple[int, ...] = ()
    leader: int | None = None
    role: str = ""
    q: str = ""
    include_withdrawn: bool = False


def visible_tasks(*, user: Any, include_withdrawn: bool = False) -> QuerySet[Task]:
    """The one visibility rule: the tasks ``user`` may see (``permissions.task_scope``)."""
    qs = Task.objects.all() if include_withdrawn else Task.objects.filter(is_withdrawn=False)
    scope = task_scope(user)
    if scope is not None:
        qs = qs.filter(pk__in=Task.objects.filter(scope).values("pk"))
    return qs


def task_list(*, user: Any, filters: TaskFilters | None = None) -> QuerySet[Task]:
    """Tasks ``user`` may see, filtered; each carries its list, section and document."""
    f = filters or TaskFilters()
    qs = visible_tasks(user=user, include_withdrawn=f.include_withdrawn)
    if f.document:
        qs = qs.filter(task_list__document_id=f.document)
    if f.task_list:
        qs = qs.filter(task_list_id=f.task_list)
    if f.section:
        qs = qs.filter(Q(section_id=f.section) | Q(section__parent_id=f.section))
    if f.unit:
        unit_q = Q(unit_id=f.unit) & (Q(role=f.role) if f.role else Q())
        qs = qs.filter(pk__in=TaskUnit.objects.filter(unit_q).values("task_id"))
    if f.unit_ids:
        qs = qs.filter(pk__in=TaskUnit.objects.filter(unit_id__in=f.unit_ids).values("task_id"))
    if f.leader:
        qs = qs.filter(pk__in=TaskLeader.objects.filter(post__holder_id=f.leader).values("task_id"))
    for word in f.q.split():
        qs = qs.filter(text__icontains=word)
    return qs.select_related("task_list", "task_list__document", "section").order_by(
        "task_list__document_id", "task_list__position", "number", "id"
    )


def task_get(*, user: Any, pk: int, people: bool = True) -> Task:
    """One task with its links; Http404 if absent, PermissionDenied if out of scope.

    ``people=False`` leaves out its leaders and collectives (three queries): the progress
    pages show neither; the assignments, targets and milestones are always read.
    """
    units = TaskUnit.objects.select_related("unit", "via_collective").order_by("role", "position")
    related: list[Any] = [Prefetch("assignments", queryset=units), "targets", "milestones"]
    if people:
        leaders = TaskLeader.objects.select_related("post", "post__holder")
        related += [Prefetch("leader_links", queryset=leaders), "collectives__group"]
    task = (
        Task.objects.select_related("task_list", "task_list__document", "section")
        .prefetch_related(*related)
        .filter(pk=pk)
        .first()
    )
    if task is None:
        raise Http404("任务不存在")
    if not can(user, Perm.TASK_VIEW, task=task):
        raise PermissionDenied
    return task


def task_units_by_role(*, task: Task) -> list[tuple[str, list[TaskUnit]]]:
    groups: dict[str, list[TaskUnit]] = {role.value: [] for role in UnitRole}
    for assignment in task.assignments.all():
        groups[assignment.role].append(assignment)
    return [(UnitRole(role).label, items) for role, items in groups.items() if items]


def task_collective_units(*, task: Task) -> list[tuple[TaskCollective, list[TaskUnit]]]:
    """Each collective on ``task`` with the units that came through it (in its role)."""
    assignments = list(task.assignments.all())
    return [
        (
            c,
            [a for a in assignments if a.via_collective_id == c.group_id and a.role == c.role],
        )
        for c in task.collectives.all()
    ]


def filter_choices(*, user: Any) -> dict[str, Any]:
    """Options for the ledger filters, limited to what the user can see."""
    visible = task_list(user=user)
    list_ids = visible.values("task_list_id")
    return {
        "lists": TaskList.objects.filter(pk__in=list_ids).select_related("document"),
        "sections": Section.objects.filter(task_list_id__in=list_ids, parent__isnull=True),
        "units": OrgUnit.objects.filter(
            pk__in=TaskUnit.objects.filter(task__in=visible).values("unit_id")
        ).order_by("name"),
        # EXISTS per leader (a few dozen), not DISTINCT over every task's leaders: at 100,000
        # tasks the join read 150,000 rows for 15 names (270 ms → 15 ms)
        "leaders": Leader.objects.filter(
            Exists(TaskLeader.objects.filter(post__holder=OuterRef("pk"), task__in=visible))
        ).order_by("name"),
    }


def unit_get(*, user: Any, pk: int) -> OrgUnit:
    unit = (
        OrgUnit.objects.select_related("parent")
        .prefetch_related("aliases", "children")
        .filter(pk=pk)
        .first()
    )
    if unit is None:
        raise Http404("单位不存在")
    if not can(user, Perm.UNIT_VIEW, unit=unit):
        raise PermissionDenied
    return unit


def leader_get(*, user: Any, pk: int) -> Leader:
    leader = Leader.objects.prefetch_related("posts", "holdings__post").filter(pk=pk).first()
    if leader is None:
        raise Http404("领导不存在")
    if not can(user, Perm.LEADER_VIEW, leader=leader):
        raise PermissionDenied
    return leader


def unit_task_counts(*, user: Any, unit: OrgUnit) -> dict[str, int]:
    visible = task_list(user=user, filters=TaskFilters(unit=unit.pk))
    rows = (
        TaskUnit.objects.filter(unit=unit, task__in=visible)
        .values("role")
        .annotate(n=Count("task", distinct=True))
    )
    return {UnitRole(r["role"]).label: r["n"] for r in rows}


def document_list(*, user: Any) -> QuerySet[SourceDocument]:
    if not can(user, Perm.DOCUMENT_VIEW):
        return SourceDocument.objects.none()
    return (
        within(SourceDocument.objects, document_scope(user))
        .filter(withdrawn_at__isnull=True)  # 撤回的文件不再列出
        .annotate(task_count=Count("lists__tasks", filter=Q(lists__tasks__is_withdrawn=False)))
        .order_by("-created_at")
    )


def import_batch_list(*, user: Any) -> QuerySet[ImportBatch]:
    if not can(user, Perm.IMPORT_RUN):
        return ImportBatch.objects.none()
    qs = within(ImportBatch.objects, government_scope(user))
    return qs.select_related("document", "created_by").order_by("-created_at")


def import_batch_get(*, user: Any, pk: int) -> ImportBatch:
    if not can(user, Perm.IMPORT_RUN):
        raise PermissionDenied
    batch = (
        within(ImportBatch.objects, government_scope(user))
        .select_related("duplicate_of", "revision_of", "document")
        .filter(pk=pk)
        .first()
    )
    if batch is None:
        raise Http404("导入批次不存在")
    return batch


def import_batch_summary(*, batch: ImportBatch) -> dict[str, Any]:
    states = dict(batch.rows.values_list("state").annotate(n=Count("id")))
    changes = dict(batch.rows.exclude(change="").values_list("change").annotate(n=Count("id")))
    names = batch.names.all()
    return {
        "rows": sum(states.values()),
        "new": states.get(RowState.NEW, 0),
        "warning": states.get(RowState.WARNING, 0),
        "error": states.get(RowState.ERROR, 0),
        "changes": changes,
        "unit_names": sum(1 for n in names if n.kind == NameKind.UNIT),
        "new_units": sum(1 for n in names if n.kind == NameKind.UNIT and n.action == "create"),
    }


def import_names(*, batch: ImportBatch) -> QuerySet[ImportName]:
    return batch.names.select_related("unit").order_by("kind", "-count", "name")


def directory_unit_names() -> list[str]:
    return list(
        OrgUnit.objects.filter(is_active=True).order_by("name").values_list("name", flat=True)
    )


# --- collectives whose units the 督查室 names (``services.task_collective_choose``) ----------

CANDIDATES_SHOWN = 200


def collective_units(*, link: TaskCollective) -> list[OrgUnit]:
    """The units ``link`` gives its task now (in its role, through its group)."""
    rows = TaskUnit.objects.filter(task=link.task_id, role=link.role, via_collective=link.group_id)
    return [a.unit for a in rows.select_related("unit").order_by("unit__name")]


def collective_candidates(*, link: TaskCollective, query: str = "") -> list[OrgUnit]:
    """Directory units to pick from: matching ``query`` (name or alias), else the kind the
    collective's name speaks of (相关街道办事处 → street offices); at most 200 shown."""
    units = OrgUnit.objects.filter(is_active=True)
    name = link.raw_name or link.group.name
    if query:
        units = units.filter(Q(name__icontains=query) | Q(aliases__name__icontains=query))
    elif "街道" in name or "乡镇" in name:
        units = units.filter(kind=UnitKind.STREET_OFFICE)
    elif "县" in name or "区政府" in name:
        units = units.filter(kind=UnitKind.GOVERNMENT, level=UnitLevel.COUNTY)
    return list(units.distinct().order_by("level", "name")[:CANDIDATES_SHOWN])


def collectives_to_choose(*, document: SourceDocument) -> QuerySet[TaskCollective]:
    """Collectives of the document's live tasks that give their task no unit yet."""
    return (
        TaskCollective.objects.filter(
            task__task_list__document=document, task__is_withdrawn=False, expanded_count=0
        )
        .select_related("task", "group")
        .order_by("task__task_list__position", "task__number", "pk")
    )
