"""The draft as the Word notice: 关于印发《…目标任务分解》的通知 with its table, GB/T 9704.

One writer for both uses — the office's download and the file the draft is confirmed from
(the confirm imports exactly this document through the notice importer, so what is printed
is what becomes the ledger). The table is the official layout: 序号 / 任务 / 责任领导 /
牵头单位 / 责任单位 / 完成时限, a merged row per part (一、主要预期目标, 二、…).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from duban.drafts.models import DraftRow, ReportDraft
from duban.exports.bulletins import date_text
from duban.exports.doctable import add_table
from duban.exports.officialdoc import OfficialDocument, book_title, chinese_ordinal, tidy

HEADER = ("序号", "任务", "责任领导", "牵头单位", "责任单位", "完成时限")
WIDTHS = (10, 64, 18, 24, 24, 18)
RECIPIENTS = "各有关单位："
DASH = ""  # an empty cell: a dash would be read back as a name


def notice_title(draft: ReportDraft) -> str:
    return f"关于印发{book_title(draft.title)}的通知"


def table_rows(rows: Sequence[DraftRow]) -> tuple[list[tuple[str, ...]], list[int]]:
    """The table's rows (header first) and the indexes of the part rows to merge."""
    out: list[tuple[str, ...]] = [HEADER]
    parts: list[int] = []
    section: str | None = None
    for number, row in enumerate(rows, 1):
        if row.section and row.section != section:
            parts.append(len(out))
            out.append((f"{chinese_ordinal(len(parts))}、{row.section}", *[""] * 5))
        section = row.section or section
        out.append(
            (
                str(number),
                tidy(row.text),
                row.leaders or DASH,
                row.lead_units or DASH,
                row.responsible_units or DASH,
                row.deadline or DASH,
            )
        )
    return out, parts


def render_draft_docx(draft: ReportDraft, rows: Sequence[DraftRow], *, on: date) -> bytes:
    doc = OfficialDocument()
    doc.title(notice_title(draft))
    doc.recipients(RECIPIENTS)
    doc.body(
        f"现将{book_title(draft.title)}印发给你们，请各责任领导、牵头单位和责任单位按照分工，"
        "细化措施，明确进度，认真抓好落实，并按要求报送进展情况。"
    )
    cells, parts = table_rows(rows)
    table = add_table(doc, cells, widths_mm=WIDTHS)
    for index in parts:
        first, last = table.rows[index].cells[0], table.rows[index].cells[-1]
        merged = first.merge(last)
        for extra in merged.paragraphs[1:]:  # the empty cells' paragraphs
            extra._element.getparent().remove(extra._element)
    doc.signature(draft.government or "人民政府督查室", date_text(on))
    return doc.save()
