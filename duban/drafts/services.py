"""Draft writes: create from a work report, edit the header and rows, confirm into an import.

Each is keyword-only, atomic and audited. A row carries a ``version``: a save made on a
stale copy is refused (the form keeps what was typed), so two people editing one draft
never overwrite each other silently. Confirming writes the Word notice (:mod:`.docx`)
and imports it through the notice importer — the same preview, name matching and
``workflows.import_confirm`` as any uploaded notice, so 交办, periods and the read model
follow without a second path.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.text import get_valid_filename

from duban.audit.services import audit_record
from duban.core import clock
from duban.core.actors import stored_user
from duban.core.exceptions import ApplicationError
from duban.drafts import selectors
from duban.drafts.docx import render_draft_docx
from duban.drafts.models import DraftRow, DraftStatus, ReportDraft, RowKind
from duban.drafts.outline import candidate_rows
from duban.drafts.suggest import JOIN, Suggester
from duban.orgs.models import Government
from duban.plans import parsing
from duban.plans.models import BatchStatus, DocumentKind, ImportBatch, RowChange
from duban.plans.services import import_batch_create

EMPTY_FILE = "文件为空。"
TOO_LARGE = "文件过大（{size:.1f} MB），上限为 {limit:.0f} MB。"
LOCKED_PREVIEW = "草稿已生成导入预览，如需修改，请先在导入预览中放弃，再回到草稿修改。"
LOCKED_DONE = "草稿已确认为任务，不能再修改。"
DISCARDED = "草稿已放弃，不能再修改。"
STALE = "该行已被他人修改（或在另一窗口中修改），请刷新后重新填写。您填写的内容仍保留在表单中。"
NO_ROWS = "草稿中没有任务，不能确认。"
EMPTY_TEXT = "第{n}行的任务内容为空，请填写或删除该行。"
MISREAD = "导出的通知读回时为{found}项任务，草稿有{rows}项，未能确认。请检查任务内容中是否有编号或表格字符。"
FIELDS = ("text", "leaders", "lead_units", "responsible_units", "deadline", "section")


def _check(data: bytes) -> None:
    limit = settings.DUBAN_UPLOAD_MAX_BYTES
    if not data:
        raise ApplicationError(EMPTY_FILE)
    if len(data) > limit:
        raise ApplicationError(TOO_LARGE.format(size=len(data) / 1048576, limit=limit / 1048576))


def draft_create(
    *, data: bytes, filename: str, actor: Any, government: Government | None = None
) -> ReportDraft:
    """A draft decomposition from a work report: its main targets and the plan year's work
    items as rows, each with suggested leaders and units and the reasons.

    The draft belongs to ``government``, else the actor's, else the one its issuer names;
    units are suggested from that government's directory only."""
    filename = PurePath(filename).name
    _check(data)
    try:
        outline = parsing.parse_work_report(data, filename=filename)
    except parsing.ParseFailedError as err:
        raise ApplicationError(err.message) from err
    info = outline.document
    year = outline.year or clock.today().year
    name = selectors.government_of_issuer(info.get("issuer"))[:200]
    candidates = candidate_rows(outline)
    owner = (
        government
        or Government.objects.for_actor(actor)
        or Government.objects.for_document(info.get("issuer"))
    )
    suggester = Suggester(
        selectors.past_tasks(year=year, government=name, owner=owner),
        selectors.unit_names(owner),
    )
    sha = hashlib.sha256(data).hexdigest()
    draft = ReportDraft(
        title=f"{year}年政府工作报告目标任务分解",
        government=name,
        year=year,
        filename=filename,
        sha256=sha,
        document_info=info,
        owner=owner,
        created_by=stored_user(actor),
    )
    draft.file.save(f"{sha[:12]}-{get_valid_filename(filename)}", ContentFile(data), save=False)
    rows = []
    for position, candidate in enumerate(candidates):
        hint = suggester.for_row(candidate.text, candidate.metric)
        rows.append(
            DraftRow(
                position=position,
                kind=candidate.kind,
                section=candidate.section,
                text=candidate.text,
                leaders=JOIN.join(hint.leaders),
                lead_units=JOIN.join(hint.lead_units),
                responsible_units=JOIN.join(hint.responsible_units),
                deadline=f"{year}年12月底",
                reasons=hint.reasons,
                source_text=candidate.source,
            )
        )
    try:
        with transaction.atomic():
            draft.save()
            for row in rows:
                row.draft = draft
            DraftRow.objects.bulk_create(rows)
            audit_record(
                actor=actor,
                action="draft.create",
                target=draft,
                summary=f"{filename}：{len(rows)} 项候选任务",
                data={"rows": len(rows), "year": year},
            )
    except BaseException:
        draft.file.delete(save=False)
        raise
    return draft


def upload_handler(data: bytes, filename: str, actor: Any) -> str:
    """What the upload page calls for a work report (registered in ``DraftsConfig.ready``)."""
    return draft_create(data=data, filename=filename, actor=actor).get_absolute_url()


def ensure_editable(draft: ReportDraft) -> None:
    if draft.status == DraftStatus.DISCARDED:
        raise ApplicationError(DISCARDED)
    batch = draft.batch
    if batch is not None and batch.status == BatchStatus.CONFIRMED:
        raise ApplicationError(LOCKED_DONE)
    if batch is not None and batch.status == BatchStatus.PREVIEW:
        raise ApplicationError(LOCKED_PREVIEW)


@dataclass(frozen=True)
class Header:
    title: str
    government: str
    year: int


@transaction.atomic
def draft_update(*, draft: ReportDraft, header: Header, actor: Any) -> ReportDraft:
    ensure_editable(draft)
    changes = [
        [name, getattr(draft, name), getattr(header, name)]
        for name in ("title", "government", "year")
        if getattr(draft, name) != getattr(header, name)
    ]
    for name, _, after in changes:
        setattr(draft, name, after)
    draft.save()
    audit_record(
        actor=actor, action="draft.update", target=draft, summary=draft.title,
        data={"changes": changes},
    )  # fmt: skip
    return draft


@transaction.atomic
def row_update(*, row: DraftRow, values: dict[str, str], version: int, actor: Any) -> DraftRow:
    """Save one row as typed; refused on a stale ``version`` or an empty task."""
    locked = (
        DraftRow.objects.select_for_update(of=("self",))
        .select_related("draft__batch")
        .get(pk=row.pk)
    )
    ensure_editable(locked.draft)
    if locked.version != version:
        raise ApplicationError(STALE)
    if not values.get("text", "").strip():
        raise ApplicationError("任务内容不能为空。")
    changes = [
        [name, getattr(locked, name), values[name].strip()]
        for name in FIELDS
        if name in values and getattr(locked, name) != values[name].strip()
    ]
    for name, _, after in changes:
        setattr(locked, name, after)
    locked.version += 1
    locked.save()
    audit_record(
        actor=actor, action="draft.row.update", target=locked.draft,
        summary=f"第{locked.position + 1}行", data={"row": locked.pk, "changes": changes},
    )  # fmt: skip
    return locked


@transaction.atomic
def row_add(*, draft: ReportDraft, after: DraftRow | None, actor: Any) -> DraftRow:
    """A new row after ``after`` (at the end without one), in its part, to be filled in."""
    ensure_editable(draft)
    rows = DraftRow.objects.filter(draft=draft)
    if after is None:
        position = (rows.aggregate(m=Max("position"))["m"] or -1) + 1
        last = rows.order_by("-position", "-id").first()
        section = last.section if last else ""
    else:
        position, section = after.position + 1, after.section
        shifted = list(rows.filter(position__gte=position))
        for other in shifted:
            other.position += 1
        DraftRow.objects.bulk_update(shifted, ["position"])
    row = DraftRow.objects.create(
        draft=draft,
        position=position,
        kind=RowKind.ADDED,
        section=section,
        text="（请填写任务内容）",
        deadline=f"{draft.year}年12月底",
    )
    audit_record(
        actor=actor, action="draft.row.add", target=draft, summary=f"第{position + 1}行",
        data={"row": row.pk},
    )  # fmt: skip
    return row


@transaction.atomic
def row_delete(*, row: DraftRow, actor: Any) -> None:
    ensure_editable(row.draft)
    draft, pk, text = row.draft, row.pk, row.text
    row.delete()
    audit_record(
        actor=actor, action="draft.row.delete", target=draft, summary=text[:100],
        data={"row": pk, "text": text},
    )  # fmt: skip


@transaction.atomic
def draft_discard(*, draft: ReportDraft, actor: Any) -> ReportDraft:
    ensure_editable(draft)
    draft.status = DraftStatus.DISCARDED
    draft.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="draft.discard", target=draft, summary=draft.title)
    return draft


def draft_docx(*, draft: ReportDraft) -> bytes:
    return render_draft_docx(draft, list(selectors.draft_rows(draft=draft)), on=clock.today())


def draft_to_batch(*, draft: ReportDraft, actor: Any) -> ImportBatch:
    """The draft's Word notice imported as a notice: the preview the office confirms.

    The notice is read back by the same parser as any upload; if it does not give one task
    per row, nothing is kept and the office is told (never a partial import).
    """
    ensure_editable(draft)
    rows = list(selectors.draft_rows(draft=draft))
    if not rows:
        raise ApplicationError(NO_ROWS)
    for n, row in enumerate(rows, 1):
        if not row.text.strip():
            raise ApplicationError(EMPTY_TEXT.format(n=n))
    data = render_draft_docx(draft, rows, on=clock.today())
    batch: ImportBatch | None = None
    try:
        with transaction.atomic():
            batch = import_batch_create(
                data=data,
                filename=f"{draft.title}.docx",
                kind=DocumentKind.DECOMPOSITION,
                actor=actor,
                government=draft.owner,
            )
            found = batch.rows.exclude(change=RowChange.REMOVED).count()
            if found != len(rows):
                raise ApplicationError(MISREAD.format(found=found, rows=len(rows)))
            draft.batch = batch
            draft.save(update_fields=["batch", "updated_at"])
            audit_record(
                actor=actor, action="draft.confirm", target=draft,
                summary=f"{draft.title}：{len(rows)} 项任务转入导入预览",
                data={"batch": batch.pk},
            )  # fmt: skip
    except BaseException:
        if batch is not None and _rolled_back(batch):
            batch.file.delete(save=False)  # the stored notice of a preview that is not kept
        raise
    return batch


def _rolled_back(batch: ImportBatch) -> bool:
    return not ImportBatch.objects.filter(pk=batch.pk).exists()
