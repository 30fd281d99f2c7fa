"""Phase two of an import: turn a preview batch into documents, tasks and links atomically.

Everything — new directory units, aliases learnt from the mapping, collective groups,
leaders/posts, the SourceDocument, task lists, sections, tasks, unit/leader links and the
audit record — is written in one transaction; any failure leaves nothing behind. The
uploaded file is not rewritten: the SourceDocument points at the batch's stored file.

Rows are read only through the parsing seam's :func:`~duban.plans.parsing.decode_row` (the
parser schema's ``from_dict``): a row of another schema version, or missing a key, refuses
the confirm with a Chinese message instead of being read by guesswork. Each task keeps one
:class:`~duban.plans.records.TaskRecord` in ``source_data``, nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.db import transaction
from django.utils import timezone

from duban.audit.services import audit_record
from duban.core import clock
from duban.core.actors import stored_user
from duban.core.exceptions import ApplicationError
from duban.orgs.models import CollectiveGroup, OrgUnit, Post
from duban.orgs.naming import normalize_name
from duban.orgs.selectors import collective_members
from duban.orgs.services import (
    collective_group_ensure,
    leader_post_ensure,
    unit_alias_add,
    units_bootstrap,
)
from duban.plans import provenance
from duban.plans.models import (
    BatchStatus,
    ImportBatch,
    Milestone,
    NameAction,
    NameKind,
    ReportingSchedule,
    RowChange,
    RowState,
    Section,
    SourceDocument,
    Target,
    Task,
    TaskCollective,
    TaskLeader,
    TaskList,
    TaskUnit,
)
from duban.plans.records import RecordError, stored_record
from duban.plans.services.rows import Row, decode, milestone_of, target_of

ALREADY_IMPORTED = "该文件已导入过（{doc}），无需重复导入。"
HAS_ERRORS = "还有 {count} 行存在错误，请修正文件后重新上传。"
NOT_PREVIEW = "该批次已{status}，不能再确认。"
UNIT_GONE = "名称“{name}”对应的单位已不存在或已停用，请在名称对照中重新对应。"
REVISION_OF_WITHDRAWN = "原文件（{doc}）已撤回，请重新上传后再导入。"


@dataclass
class Resolved:
    """Names of a batch resolved to directory objects."""

    units: dict[str, OrgUnit] = field(default_factory=dict)
    groups: dict[str, CollectiveGroup] = field(default_factory=dict)
    members: dict[int, list[OrgUnit]] = field(default_factory=dict)
    posts: dict[str, Post] = field(default_factory=dict)


def _check(batch: ImportBatch) -> None:
    if batch.status != BatchStatus.PREVIEW:
        raise ApplicationError(NOT_PREVIEW.format(status=batch.get_status_display()))
    live = SourceDocument.objects.filter(withdrawn_at__isnull=True)
    duplicate = batch.duplicate_of or live.filter(sha256=batch.sha256).first()
    if duplicate is not None:
        raise ApplicationError(ALREADY_IMPORTED.format(doc=duplicate))
    if batch.revision_of is not None and batch.revision_of.is_withdrawn:
        raise ApplicationError(REVISION_OF_WITHDRAWN.format(doc=batch.revision_of))
    errors = batch.rows.filter(state=RowState.ERROR).count()
    if errors:
        raise ApplicationError(HAS_ERRORS.format(count=errors))


def _resolve(batch: ImportBatch, actor: Any) -> Resolved:
    names = list(batch.names.select_related("unit"))
    to_create = [n.name for n in names if n.kind == NameKind.UNIT and n.action == NameAction.CREATE]
    issuer = batch.document_info.get("issuer")
    units_bootstrap(names=to_create, issuer=issuer, actor=actor)
    by_name = {u.name: u for u in OrgUnit.objects.filter(name__in=to_create)}
    resolved = Resolved()
    for n in names:
        if n.kind == NameKind.UNIT and n.action == NameAction.CREATE:
            resolved.units[n.name] = by_name[n.name]
        elif n.kind == NameKind.UNIT and n.action == NameAction.USE:
            if n.unit is None or not n.unit.is_active:  # deleted or retired since the mapping
                raise ApplicationError(UNIT_GONE.format(name=n.name))
            resolved.units[n.name] = n.unit
            if n.match not in ("exact", "alias", "suffix"):
                unit_alias_add(unit=n.unit, name=n.name, actor=actor)
        elif n.kind == NameKind.COLLECTIVE:
            resolved.groups[n.name] = collective_group_ensure(name=n.name)
        elif n.kind == NameKind.LEADER:
            resolved.posts[n.name] = leader_post_ensure(name=n.name)
    for n in names:
        if n.kind == NameKind.UNIT and n.action == NameAction.ALIAS_OF:
            unit = resolved.units[n.alias_of]
            unit_alias_add(unit=unit, name=n.name, actor=actor)
            resolved.units[n.name] = unit
    for group in resolved.groups.values():
        resolved.members[group.pk] = collective_members(group=group)
    return resolved


def _issued_on(info: dict[str, Any]) -> date | None:
    try:
        return date.fromisoformat(info["date"]) if info.get("date") else None
    except ValueError:
        return None


def _create_document(batch: ImportBatch, actor: Any) -> SourceDocument:
    info = batch.document_info
    doc = SourceDocument(
        kind=batch.kind,
        title=(info.get("title") or batch.filename)[:500],
        issuer=(info.get("issuer") or "")[:200],
        doc_number=(info.get("doc_number") or "")[:100],
        issued_on=_issued_on(info),
        year=info.get("year"),
        level=info.get("level") or "",
        recipients=(info.get("recipients") or "")[:500],
        source_format=info.get("source_format") or "",
        filename=batch.filename,
        sha256=batch.sha256,
        size=batch.size,
        supersedes=batch.revision_of,
        imported_by=stored_user(actor),
    )
    doc.file.name = batch.file.name
    doc.full_clean(exclude=["file"])
    doc.save()
    return doc


DEFAULT_MONTHLY_DAY = 10  # 通知未写明时：每月10日前报送上月进展


def _plan_due(value: Any) -> datetime | None:
    """``2020-06-08T17:00:00+08:00`` as written; a bare date means the end of that day."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if len(value) == len("2020-06-08"):
        parsed = datetime.combine(parsed.date(), time(23, 59))
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _iso_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def _create_schedule(doc: SourceDocument, info: dict[str, Any]) -> ReportingSchedule:
    """Store the notice's reporting schedule; without one, the default monthly rhythm."""
    data = info.get("schedule") or {}
    monthly = data.get("monthly") or {}
    quarterly = data.get("quarterly") or {}
    stated = bool(monthly or quarterly or data.get("ledger_dates"))
    schedule = ReportingSchedule(
        document=doc,
        plan_due=_plan_due(data.get("plan_due")),
        monthly_day=monthly.get("day") or (None if stated else DEFAULT_MONTHLY_DAY),
        monthly_start_month=monthly.get("start_month"),
        monthly_covers_previous=monthly.get("covers_previous_period", True),
        quarterly_day=quarterly.get("day"),
        quarterly_covers_previous=quarterly.get("covers_previous_period", True),
        ledger_dates=[d for d in data.get("ledger_dates") or [] if _iso_date(d)],
        summary_due=_iso_date(data.get("summary_due")),
        recipient=str(data.get("recipient") or "")[:100],
        raw_sentences=list(data.get("raw_sentences") or []),
        is_default=not stated,
    )
    schedule.full_clean(exclude=["document"])
    schedule.save()
    return schedule


class _Builder:
    """Creates lists, sections and tasks for one document, reusing what exists."""

    def __init__(self, doc: SourceDocument, batch: ImportBatch) -> None:
        self.doc = doc
        self.lists: dict[str, TaskList] = {}
        self.sections: dict[tuple[int, tuple[str, ...]], Section] = {}
        self.first_lead = {
            item["title"]: item.get("first_lead_rule", False)
            for item in batch.document_info.get("lists", [])
        }
        if batch.revision_of is not None:
            for tl in TaskList.objects.filter(document=batch.revision_of):
                tl.document = doc
                tl.save(update_fields=["document", "updated_at"])
                self.lists[tl.title] = tl
            for s in Section.objects.filter(task_list__document=doc):
                self.sections[(s.task_list_id, tuple(s.path.split(" › ")))] = s

    def task_list(self, title: str) -> TaskList:
        if title not in self.lists:
            self.lists[title] = TaskList.objects.create(
                document=self.doc,
                title=title[:300],
                position=len(self.lists),
                first_lead_rule=bool(self.first_lead.get(title)),
            )
        return self.lists[title]

    def section(self, tl: TaskList, path: list[str]) -> Section | None:
        parent: Section | None = None
        for depth in range(1, len(path) + 1):
            key = (tl.pk, tuple(path[:depth]))
            if key not in self.sections:
                self.sections[key] = Section.objects.create(
                    task_list=tl,
                    parent=parent,
                    title=path[depth - 1][:300],
                    path=" › ".join(path[:depth])[:1000],
                    position=len(self.sections),
                )
            parent = self.sections[key]
        return parent

    def fill(self, task: Task, row: Row) -> Task:
        parsed, record = row.parsed, row.record
        tl = self.task_list(parsed.list)
        task.task_list = tl
        task.section = self.section(tl, list(parsed.section_path))
        task.number = parsed.number
        task.flags = "".join(parsed.flags)[:20]
        task.text = parsed.text
        task.section_path = " › ".join(parsed.section_path)[:1000]
        task.span_text = parsed.span.describe()[:200]
        if "deadline" not in provenance.manual_fields(record):  # a hand-set 完成时限 stays
            task.deadline_text = record.deadline[:200]
        task.leader_label = (parsed.leader_label or "")[:20]
        task.collective_leaders = [x.name[:50] for x in record.leaders if x.collective]
        task.source_data = record.to_dict()
        task.is_withdrawn = False
        return task


def _create_links(pairs: list[tuple[Task, Row]], resolved: Resolved) -> None:
    units: list[TaskUnit] = []
    collectives: list[TaskCollective] = []
    leaders: list[TaskLeader] = []
    targets: list[Target] = []
    milestones: list[Milestone] = []
    for task, row in pairs:
        seen: set[tuple[int, str]] = set()
        for position, ref in enumerate(row.record.units):
            name, role = normalize_name(ref.name), ref.role
            group = resolved.groups.get(name)
            members = resolved.members.get(group.pk, []) if group else []
            if group is not None:
                collectives.append(
                    TaskCollective(
                        task=task,
                        group=group,
                        role=role,
                        raw_name=ref.raw[:200],
                        expanded_count=len(members),
                    )
                )
            for unit in members if group else [resolved.units[name]]:
                if (unit.pk, role) in seen:
                    continue
                seen.add((unit.pk, role))
                units.append(
                    TaskUnit(
                        task=task,
                        unit=unit,
                        role=role,
                        position=position,
                        raw_name=ref.raw[:200],
                        via_collective=group,
                    )
                )
        persons = [x.name for x in row.record.leaders if not x.collective]
        for position, leader in enumerate(persons):  # a collective is no person: no post
            post = resolved.posts[normalize_name(leader)]
            leaders.append(
                TaskLeader(task=task, post=post, raw_name=leader[:50], position=position)
            )
        targets.extend(target_of(task, i, t) for i, t in enumerate(row.parsed.targets))
        milestones.extend(milestone_of(task, i, m) for i, m in enumerate(row.parsed.milestones))
    TaskUnit.objects.bulk_create(units)
    TaskCollective.objects.bulk_create(collectives)
    TaskLeader.objects.bulk_create(leaders)
    Target.objects.bulk_create(targets)
    Milestone.objects.bulk_create(milestones)


def _kept_manual(row: Row, old: Task) -> Row:
    """An unchanged row keeps the hand edits of the task it updates (links stay as they are)."""
    try:
        manual = provenance.manual_fields(stored_record(old.source_data))
    except RecordError as err:
        raise ApplicationError(f"任务{old.number}：{err.message}") from err
    return Row(row.parsed, provenance.with_manual(row.record, manual))


def _apply_rows(batch: ImportBatch, builder: _Builder, resolved: Resolved) -> dict[str, int]:
    rows = list(batch.rows.order_by("position"))
    new_tasks: list[tuple[Task, Row]] = []
    relinked: list[tuple[Task, Row]] = []
    withdrawn: list[int] = []
    old = Task.objects.in_bulk([r.previous_task_id for r in rows if r.previous_task_id])
    for stored in rows:
        if stored.change == RowChange.REMOVED:
            withdrawn.append(stored.previous_task_id or 0)
            continue
        row = decode(stored.data, number=stored.number)
        if stored.previous_task_id and stored.previous_task_id in old:
            previous = old[stored.previous_task_id]
            if stored.change != RowChange.CHANGED:
                row = _kept_manual(row, previous)
            task = builder.fill(previous, row)
            task.save()
            if stored.change == RowChange.CHANGED:
                relinked.append((task, row))
        else:
            task = builder.fill(Task(baseline_text=row.parsed.text), row)
            new_tasks.append((task, row))
    Task.objects.bulk_create([t for t, _ in new_tasks])
    if relinked:
        ids = [t.pk for t, _ in relinked]
        for model in (TaskUnit, TaskCollective, TaskLeader, Target, Milestone):
            model.objects.filter(task_id__in=ids).delete()
    Task.objects.filter(pk__in=withdrawn).update(is_withdrawn=True, updated_at=clock.now())
    _create_links(new_tasks + relinked, resolved)
    return {"created": len(new_tasks), "changed": len(relinked), "withdrawn": len(withdrawn)}


@transaction.atomic
def import_batch_confirm(*, batch: ImportBatch, actor: Any) -> SourceDocument:
    """Create everything the preview shows, in one transaction.

    Refuses (ApplicationError) a batch that is not a preview, a document already imported
    (same SHA-256) and a batch with error rows. For a revised notice the existing tasks are
    updated in place (changed), new ones added and missing ones marked withdrawn.
    """
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    _check(batch)
    resolved = _resolve(batch, actor)
    doc = _create_document(batch, actor)
    _create_schedule(doc, batch.document_info)
    counts = _apply_rows(batch, _Builder(doc, batch), resolved)
    batch.status = BatchStatus.CONFIRMED
    batch.document = doc
    batch.confirmed_at = clock.now()
    batch.save(update_fields=["status", "document", "confirmed_at", "updated_at"])
    audit_record(
        actor=actor,
        action="import.confirm",
        target=doc,
        summary=f"导入《{doc.title}》：新增 {counts['created']} 项，修改 {counts['changed']} 项，"
        f"撤销 {counts['withdrawn']} 项",
        data={"batch": batch.pk, **counts},
    )
    return doc
