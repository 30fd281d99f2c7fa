"""Phase one of an import: parse an upload into a preview batch (rows, names, re-import check).

Nothing here touches tasks or the directory; a preview can be discarded without trace.
Name matching follows :mod:`duban.orgs.naming` (exact → alias → suffix/abbreviation →
fuzzy suggestions at cutoff 0.6).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils.text import get_valid_filename

from duban.audit.services import audit_record
from duban.core.actors import stored_user
from duban.core.exceptions import ApplicationError
from duban.orgs.models import CollectiveGroup, CollectiveRule, Government, Leader
from duban.orgs.naming import (
    MATCH_LABELS,
    MatchKind,
    collective_rule,
    government_of,
    is_collective,
    match_name,
    normalize_name,
    suffix_key,
)
from duban.orgs.selectors import unit_match_table
from duban.plans import appedits, parsing
from duban.plans.models import (
    BatchStatus,
    DocumentKind,
    ImportBatch,
    ImportName,
    ImportRow,
    NameAction,
    NameKind,
    RowChange,
    RowState,
    SourceDocument,
    Task,
)
from duban.plans.records import RecordError, TaskRecord, hand_entered, stored_record
from duban.plans.revision import Diff, OldTask, alike_share, diff_rows

TOO_LARGE = "文件过大（{size:.1f} MB），上限为 {limit:.0f} MB。"
BAD_SUFFIX = "不支持的文件类型“{suffix}”。可上传：{allowed}。"
EMPTY_FILE = "文件为空。"
NOT_PREVIEW = "该批次已{status}，不能再修改。"

MSG_FUZZY = "单位“{name}”在目录中没有，与“{suggestion}”相似：默认新建，可在名称对照中改为已有单位。"
MSG_UNRESOLVED = "“{name}”无法展开为具体单位，将按原文记录。"
MSG_NO_UNITS = "没有识别到责任单位。"
MSG_NO_TEXT = "任务内容为空。"
MSG_DUP_NUMBER = "同一清单同一章节中序号 {number} 重复。"

# ``ImportName.match`` holds a name-match code (units, leaders) or an expansion rule
# (collectives): each keeps its own labels, this is only where the two meet.
MATCH_CHOICES: tuple[tuple[str, str], ...] = (
    *((str(kind), label) for kind, label in MATCH_LABELS.items()),
    *((str(rule), str(label)) for rule, label in CollectiveRule.choices),
)


def match_label(code: str) -> str:
    """A name's ``match`` in the words the pages and the admin show (``fuzzy`` → 相似（需确认）)."""
    return dict(MATCH_CHOICES).get(str(code), str(code))


def _check_upload(data: bytes, filename: str) -> None:
    suffix = PurePath(filename).suffix.lower()
    allowed = settings.DUBAN_UPLOAD_SUFFIXES
    if suffix not in allowed:
        raise ApplicationError(
            BAD_SUFFIX.format(suffix=suffix or "无后缀", allowed=" ".join(allowed))
        )
    limit = settings.DUBAN_UPLOAD_MAX_BYTES
    if len(data) > limit:
        raise ApplicationError(TOO_LARGE.format(size=len(data) / 1048576, limit=limit / 1048576))
    if not data:
        raise ApplicationError(EMPTY_FILE)


MATCH_SAME_FILE = "文件内容完全相同"
MATCH_NUMBER = "文号相同（{number}）"
MATCH_TEXTS = "标题、发文单位相同，{alike}/{total} 项任务内容相同"
MATCH_SAME_TASKS = "，所有任务均无变化"
ALIKE_MIN = 0.6  # without 文号: this share of new task texts must have a near-identical old one


@dataclass(frozen=True)
class Previous:
    """What an upload is, relative to what was imported: a duplicate and/or a revision."""

    duplicate_of: SourceDocument | None = None
    revision_of: SourceDocument | None = None
    reason: str = ""


def _live(government: Government | None = None) -> QuerySet[SourceDocument]:
    live = SourceDocument.objects.filter(withdrawn_at__isnull=True)
    # a revision is always of the importer's own government's notice (never another's)
    return live if government is None else live.filter(government=government)


def _latest(doc: SourceDocument) -> SourceDocument:
    """The newest live version of ``doc``'s notice (revisions supersede it in a chain)."""
    seen = {doc.pk}
    while True:
        newer = _live().filter(supersedes=doc).order_by("-created_at").first()
        if newer is None or newer.pk in seen:
            return doc
        seen.add(newer.pk)
        doc = newer


def _by_texts(
    titles: Q, issuer: str, number: str, rows: list[TaskRecord], government: Government
) -> tuple[SourceDocument, int, int] | None:
    """The live notice with this title and issuer whose tasks the rows mostly repeat."""
    candidates = _live(government).filter(titles, issuer=issuer, superseded_by__isnull=True)
    if number:  # a different 文号 is a different notice
        candidates = candidates.filter(doc_number="")
    best: tuple[SourceDocument, int, int] | None = None
    for doc in candidates.order_by("-created_at")[:5]:
        old = list(
            Task.objects.filter(task_list__document=doc, is_withdrawn=False)
            .order_by()
            .values_list("task_list__title", "number", "text")
        )
        alike, total = alike_share(rows, old)
        if total and alike / total >= ALIKE_MIN and (best is None or alike > best[1]):
            best = (doc, alike, total)
    return best


def _find_previous(
    sha: str, info: dict[str, Any], rows: list[TaskRecord], filename: str, government: Government
) -> Previous:
    """Is this upload a notice already imported (same file, 文号, or title + issuer + tasks)?"""
    same = _live().filter(sha256=sha).first()
    if same is not None:
        return Previous(same, _latest(same), MATCH_SAME_FILE)
    number = (info.get("doc_number") or "")[:100]
    if number:
        previous = _live(government).filter(doc_number=number).order_by("-created_at").first()
        if previous is not None:
            return Previous(None, _latest(previous), MATCH_NUMBER.format(number=number))
    titles = Q(title=(info.get("title") or filename)[:500])
    if not info.get("title"):  # stored under its file name: notice.txt, uploaded as notice.docx
        titles |= Q(title__startswith=f"{PurePath(filename).stem}.", filename=F("title"))
    issuer = (info.get("issuer") or "")[:200]
    found = _by_texts(titles, issuer, number, rows, government)
    if found is not None:
        doc, alike, total = found
        return Previous(None, doc, MATCH_TEXTS.format(alike=alike, total=total))
    return Previous()


def _collect_names(rows: list[TaskRecord]) -> dict[tuple[str, str], int]:
    """Distinct unit, collective and leader names; a collective leader (区政府班子成员) is no
    person to look up or create, so it is not among them (the row shows it as written)."""
    counts: Counter[tuple[str, str]] = Counter()
    for row in rows:
        for unit in row.units:
            name = normalize_name(unit.name)
            collective = unit.collective or is_collective(name)
            counts[(NameKind.COLLECTIVE if collective else NameKind.UNIT, name)] += 1
        for leader in row.leaders:
            if not leader.collective:
                counts[(NameKind.LEADER, normalize_name(leader.name))] += 1
    return dict(counts)


def _build_names(batch: ImportBatch, counts: dict[tuple[str, str], int]) -> None:
    table = unit_match_table(prefer=batch.owner)
    leaders = set(Leader.objects.values_list("name", flat=True))
    groups = dict(CollectiveGroup.objects.values_list("name", "rule"))
    names: list[ImportName] = []
    new_keys: dict[str, str] = {}
    # Longest first, so the full name is created and its short forms become aliases of it.
    for (kind, name), count in sorted(counts.items(), key=lambda kv: (-len(kv[0][1]), kv[0])):
        item = ImportName(batch=batch, kind=kind, name=name, count=count)
        if kind == NameKind.LEADER:
            item.match = MatchKind.EXACT if name in leaders else MatchKind.UNKNOWN
            item.action = NameAction.USE if name in leaders else NameAction.CREATE
        elif kind == NameKind.COLLECTIVE:
            item.match = groups.get(name) or collective_rule(name)
            item.action = NameAction.USE if name in groups else NameAction.CREATE
        else:
            m = match_name(name, table)
            item.match = m.kind
            item.suggestions = [
                {"unit_id": s.unit_id, "name": s.name, "score": s.score} for s in m.suggestions
            ]
            if m.unit_id is not None:
                item.action, item.unit_id = NameAction.USE, m.unit_id
            elif suffix_key(name) in new_keys:
                item.action, item.alias_of = NameAction.ALIAS_OF, new_keys[suffix_key(name)]
            else:
                item.action = NameAction.CREATE
                new_keys[suffix_key(name)] = name
        names.append(item)
    ImportName.objects.bulk_create(names)


def _row_state(
    task: parsing.ParsedTask, names: dict[tuple[str, str], ImportName]
) -> tuple[str, list[str]]:
    issues = parsing.row_issues(task)
    errors = [i["message"] for i in issues if i["severity"] == "error"]
    warnings = [i["message"] for i in issues if i["severity"] != "error"]
    record = parsing.record_of(task)
    if not record.text.strip():
        errors.append(MSG_NO_TEXT)
    if not record.units:
        warnings.append(MSG_NO_UNITS)
    for unit in record.units:
        name = normalize_name(unit.name)
        item = names.get((NameKind.UNIT, name)) or names.get((NameKind.COLLECTIVE, name))
        if item is None:
            continue
        if item.kind == NameKind.COLLECTIVE and item.match == CollectiveRule.UNRESOLVED:
            warnings.append(MSG_UNRESOLVED.format(name=name))
        elif item.match == MatchKind.FUZZY and item.action == NameAction.CREATE:
            warnings.append(MSG_FUZZY.format(name=name, suggestion=item.suggestions[0]["name"]))
    state = RowState.ERROR if errors else RowState.WARNING if warnings else RowState.NEW
    return state, errors + warnings


def refresh_row_states(batch: ImportBatch) -> None:
    """Recompute every row's state and messages (after a name mapping changed)."""
    names = {(n.kind, n.name): n for n in batch.names.all()}
    rows = list(batch.rows.exclude(change=RowChange.REMOVED))
    seen: set[tuple[str, tuple[str, ...], int]] = set()
    for row in rows:
        try:
            task = parsing.decode_row(row.data)
        except parsing.RowFormatError as err:
            raise ApplicationError(err.message) from err
        state, messages = _row_state(task, names)
        # numbering may restart in every group: a number is unique only within its section
        key = (row.list_title, task.section_path, row.number or 0)
        if key in seen:
            state, messages = RowState.ERROR, [MSG_DUP_NUMBER.format(number=row.number), *messages]
        seen.add(key)
        row.state, row.messages = state, messages
    ImportRow.objects.bulk_update(rows, ["state", "messages"])


def _old_tasks(document: SourceDocument) -> list[OldTask]:
    qs = Task.objects.filter(task_list__document=document, is_withdrawn=False).select_related(
        "task_list"
    )
    return [  # a task added by hand is in no notice: a revision cannot have deleted it
        OldTask(t.pk, t.task_list.title, t.number, _old_record(t))
        for t in qs
        if not hand_entered(t.source_data)
    ]


def _old_record(task: Task) -> TaskRecord:
    """The stored record of an imported task; a task no import made is compared by its text."""
    try:
        record = stored_record(task.source_data)
    except RecordError as err:
        raise ApplicationError(f"任务{task.number}：{err.message}") from err
    if record is not None:
        return record
    path = tuple(task.section_path.split(" › ")) if task.section_path else ()
    return TaskRecord(task.task_list.title, path, task.number, task.text, (), (), "", ())


def _app_edits(diff: Diff | None) -> dict[int, dict[str, Any]]:
    """Paired old task id → what the 督查室 edited on it in the app (``appedits``), if any."""
    ids = [previous for _, previous, _ in (diff.rows.values() if diff else ()) if previous]
    found: dict[int, dict[str, Any]] = {}
    for task in Task.objects.filter(pk__in=ids).only("pk", "number", "text", "source_data"):
        fields = appedits.edited_fields(task.text, _old_record(task))
        if fields:
            found[task.pk] = {"fields": appedits.labels(fields), "text": task.text}
    return found


def _build_rows(
    batch: ImportBatch, tasks: tuple[parsing.ParsedTask, ...], diff: Diff | None
) -> None:
    objs = []
    edits = _app_edits(diff)
    for index, task in enumerate(tasks):
        change, previous, score = diff.rows[index] if diff else ("", None, None)
        objs.append(
            ImportRow(
                batch=batch,
                position=index,
                list_title=task.list,
                number=task.number,
                data=parsing.row_dict(task),
                change=change,
                previous_task_id=previous,
                similarity=score,
                app_edit=edits.get(previous or 0, {}),
            )
        )
    for offset, old in enumerate(diff.removed if diff else []):
        objs.append(
            ImportRow(
                batch=batch,
                position=len(tasks) + offset,
                list_title=old.list_title,
                number=old.number,
                data=old.record.to_dict(),
                state=RowState.WARNING,
                messages=["修订稿中没有此任务，确认后该任务标记为已撤销。"],
                change=RowChange.REMOVED,
                previous_task_id=old.task_id,
            )
        )
    ImportRow.objects.bulk_create(objs)


def import_batch_create(
    *,
    data: bytes,
    filename: str,
    actor: Any,
    kind: str = DocumentKind.DECOMPOSITION,
    government: Government | None = None,
) -> ImportBatch:
    """Parse an upload and store it as a preview batch.

    The batch (and the document it confirms into) belongs to ``government``, else the
    importing office's (``Government.objects.for_actor``), else the one the issuer names or
    the default (the CLI without ``--government``). The preview warns when the issuer
    names another government than that one.

    Refuses (ApplicationError, Chinese message) a disallowed suffix, an oversized or empty
    file, and any parse failure; in those cases nothing is stored. A notice already
    imported — the same file, the same 文号, or (without 文号) the same title and issuer
    with most task texts alike — is never new: it is marked ``revision_of`` its latest live
    version and each row carries its change (added / changed / unchanged / removed). When
    it is the same file, or no task changed, it is also ``duplicate_of`` that document and
    cannot be confirmed. ``match_reason`` says, in Chinese, why. Withdrawn documents do not
    count.
    """
    filename = PurePath(filename).name
    _check_upload(data, filename)
    try:
        parsed = parsing.parse_document(data, filename=filename)
    except parsing.ParseFailedError as err:  # a report's kind goes along (plans.uploads)
        raise ApplicationError(err.message, {"kind": getattr(err, "kind", "")}) from err
    sha = hashlib.sha256(data).hexdigest()
    records = parsed.records()
    issuer = parsed.document.get("issuer")
    owner = (
        government or Government.objects.for_actor(actor) or Government.objects.for_document(issuer)
    )
    previous = _find_previous(sha, parsed.document, records, filename, owner)
    duplicate_of, revision_of = previous.duplicate_of, previous.revision_of
    diff = diff_rows(records, _old_tasks(revision_of)) if revision_of else None
    reason = previous.reason
    if diff is not None and duplicate_of is None and records:
        changes = diff.counts()
        if not (changes["added"] or changes["changed"] or changes["removed"]):
            duplicate_of, reason = revision_of, reason + MATCH_SAME_TASKS
    batch = ImportBatch(
        kind=kind,
        filename=filename,
        sha256=sha,
        size=len(data),
        document_info={**parsed.document, "lists": parsed.lists, "schedule": parsed.schedule},
        issues=parsed.issues + other_government_issues(issuer, owner),
        owner=owner,
        duplicate_of=duplicate_of,
        revision_of=revision_of,
        match_reason=reason[:200],
        created_by=stored_user(actor),
    )
    batch.file.save(f"{sha[:12]}-{get_valid_filename(filename)}", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            batch.save()
            _build_names(batch, _collect_names(records))
            _build_rows(batch, parsed.tasks, diff)
            refresh_row_states(batch)
            audit_record(
                actor=actor,
                action="import.preview",
                target=batch,
                summary=f"{filename}：{len(records)} 项任务",
            )
    except BaseException:
        batch.file.delete(save=False)
        raise
    return batch


OTHER_GOVERNMENT = (
    "发文机关“{issuer}”不是{government}：确认后，本文件的任务将记入{government}的台账。"
)


def other_government_issues(issuer: str | None, owner: Government) -> list[dict[str, str]]:
    """A warning when the document's issuer names another government than the importer's."""
    named = government_of(issuer)
    if named is None or owner.is_named(named[0]):
        return []
    text = OTHER_GOVERNMENT.format(issuer=issuer, government=owner.name)
    return [{"severity": "warning", "code": "other_government", "message": text}]


def ensure_preview(batch: ImportBatch) -> None:
    if batch.status != BatchStatus.PREVIEW:
        raise ApplicationError(NOT_PREVIEW.format(status=batch.get_status_display()))


@transaction.atomic
def import_batch_discard(*, batch: ImportBatch, actor: Any) -> ImportBatch:
    ensure_preview(batch)
    batch.status = BatchStatus.DISCARDED
    batch.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="import.discard", target=batch, summary=batch.filename)
    return batch
