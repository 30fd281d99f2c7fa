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

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.db import transaction
from django.utils import timezone

from duban.audit.services import audit_record
from duban.core import clock
from duban.core.actors import stored_user
from duban.core.exceptions import ApplicationError
from duban.orgs.models import Government, OrgUnit
from duban.orgs.selectors import collective_members
from duban.orgs.services import (
    collective_group_ensure,
    leader_post_ensure,
    unit_alias_add,
    units_bootstrap,
)
from duban.plans import appedits, provenance
from duban.plans.models import (
    BatchStatus,
    ImportBatch,
    ImportRow,
    NameAction,
    NameKind,
    ReportingSchedule,
    RowChange,
    RowState,
    Section,
    SourceDocument,
    Task,
    TaskList,
)
from duban.plans.records import RecordError, TaskRecord, stored_record
from duban.plans.services.links import Linked, Resolved, links_create, links_drop
from duban.plans.services.rows import Row, decode

ALREADY_IMPORTED = "该文件已导入过（{doc}），无需重复导入。"
HAS_ERRORS = "还有 {count} 行存在错误，请修正文件后重新上传。"
NOT_PREVIEW = "该批次已{status}，不能再确认。"
UNIT_GONE = "名称“{name}”对应的单位已不存在或已停用，请在名称对照中重新对应。"
REVISION_OF_WITHDRAWN = "原文件（{doc}）已撤回，请重新上传后再导入。"


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
    government = _government(batch)
    units_bootstrap(names=to_create, issuer=issuer, actor=actor, government=government)
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
            resolved.posts[n.name] = leader_post_ensure(name=n.name, government=government)
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


def _government(batch: ImportBatch) -> Government:
    """The batch's government (its importer's); a batch stored before governments: the
    issuer's or the default one."""
    return batch.owner or Government.objects.for_document(batch.document_info.get("issuer"))


def _create_document(batch: ImportBatch, actor: Any) -> SourceDocument:
    info = batch.document_info
    doc = SourceDocument(
        kind=batch.kind,
        government=_government(batch),
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
        task.section_path = " › ".join(parsed.section_path)[:1000]
        task.span_text = parsed.span.describe()[:200]
        manual = provenance.manual_fields(record)  # what the app changed stays (appedits)
        if "text" not in manual or not task.text:
            task.text = parsed.text
        if "deadline" not in manual:
            task.deadline_text = record.deadline[:200]
        task.leader_label = (parsed.leader_label or "")[:20]
        if "leaders" not in manual:
            task.collective_leaders = [x.name[:50] for x in record.leaders if x.collective]
        task.source_data = record.to_dict()
        task.is_withdrawn = False
        return task


def _old_record(old: Task) -> TaskRecord | None:
    try:
        return stored_record(old.source_data)
    except RecordError as err:
        raise ApplicationError(f"任务{old.number}：{err.message}") from err


@dataclass
class _Applied:
    """What confirming the rows did, for the counts and the audit record."""

    new: list[Linked] = field(default_factory=list)
    relinked: list[Linked] = field(default_factory=list)
    withdrawn: list[int] = field(default_factory=list)
    kept_edits: list[int] = field(default_factory=list)  # 修订冲突 resolved for the app's edit
    overwritten_edits: list[int] = field(default_factory=list)  # … for the notice's version

    def counts(self) -> dict[str, Any]:
        return {
            "created": len(self.new),
            "changed": len(self.relinked),
            "withdrawn": len(self.withdrawn),
            "kept_edits": self.kept_edits,
            "overwritten_edits": self.overwritten_edits,
        }


def _update(stored: ImportRow, previous: Task, take_notice: Collection[int]) -> tuple[Row, str]:
    """The row for an existing task, with the fields edited in the app kept (``appedits``):
    all of them when the notice's row is unchanged, and on a changed row unless the office
    takes the notice's version. Returns the row and what became of the edits."""
    row = decode(stored.data, number=stored.number)
    edited = appedits.edited_fields(previous.text, _old_record(previous))
    changed = stored.change == RowChange.CHANGED
    if changed and edited and stored.pk in take_notice:
        return row, "overwritten"
    outcome = "kept" if changed and edited else ""
    return Row(row.parsed, provenance.with_manual(row.record, edited)), outcome


def _apply_rows(
    batch: ImportBatch, builder: _Builder, resolved: Resolved, take_notice: Collection[int]
) -> _Applied:
    rows = list(batch.rows.order_by("position"))
    done = _Applied()
    old = Task.objects.in_bulk([r.previous_task_id for r in rows if r.previous_task_id])
    for stored in rows:
        if stored.change == RowChange.REMOVED:
            done.withdrawn.append(stored.previous_task_id or 0)
        elif stored.previous_task_id and stored.previous_task_id in old:
            row, outcome = _update(stored, old[stored.previous_task_id], take_notice)
            task = builder.fill(old[stored.previous_task_id], row)
            task.save()
            if outcome:
                (done.kept_edits if outcome == "kept" else done.overwritten_edits).append(task.pk)
            if stored.change == RowChange.CHANGED:
                kept = appedits.kept_links(provenance.manual_fields(row.record))
                done.relinked.append(Linked(task, row, kept))
        else:
            row = decode(stored.data, number=stored.number)
            done.new.append(Linked(builder.fill(Task(baseline_text=row.parsed.text), row), row))
    Task.objects.bulk_create([item.task for item in done.new])
    links_drop(done.relinked)
    Task.objects.filter(pk__in=done.withdrawn).update(is_withdrawn=True, updated_at=clock.now())
    links_create(done.new + done.relinked, resolved)
    return done


def _conflict_words(counts: dict[str, Any]) -> str:
    kept, taken = len(counts["kept_edits"]), len(counts["overwritten_edits"])
    if not (kept or taken):
        return ""
    return f"；修订冲突 {kept + taken} 项：保留系统中的修改 {kept} 项，采用修订稿 {taken} 项"


@transaction.atomic
def import_batch_confirm(
    *, batch: ImportBatch, actor: Any, take_notice: Collection[int] = ()
) -> SourceDocument:
    """Create everything the preview shows, in one transaction.

    Refuses (ApplicationError) a batch that is not a preview, a document already imported
    (same SHA-256) and a batch with error rows. For a revised notice the existing tasks are
    updated in place (changed), new ones added and missing ones marked withdrawn; what the
    督查室 edited in the app stays, except on the rows (ids in ``take_notice``) whose 修订冲突
    the office settled for the notice's version.
    """
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    _check(batch)
    resolved = _resolve(batch, actor)
    doc = _create_document(batch, actor)
    _create_schedule(doc, batch.document_info)
    counts = _apply_rows(batch, _Builder(doc, batch), resolved, take_notice).counts()
    batch.status = BatchStatus.CONFIRMED
    batch.document = doc
    batch.confirmed_at = clock.now()
    batch.save(update_fields=["status", "document", "confirmed_at", "updated_at"])
    audit_record(
        actor=actor,
        action="import.confirm",
        target=doc,
        summary=f"导入《{doc.title}》：新增 {counts['created']} 项，修改 {counts['changed']} 项，"
        f"撤销 {counts['withdrawn']} 项" + _conflict_words(counts),
        data={"batch": batch.pk, **counts},
    )
    return doc
