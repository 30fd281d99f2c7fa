"""The Excel 台账 of a parse: one row per task, in the layout offices already use.

Columns: 序号, 所属部分, 任务内容, 责任领导, 牵头单位, 责任单位, 完成时限,
then 量化指标 and 时间节点 (targets and dated milestones read from the text),
配合单位, 问题 (the parser's warnings) and 来源位置 (provenance), so the
office can check each row against the notice.
"""

from __future__ import annotations

from taskdoc.model import ParseResult, Task, UnitRef
from taskdoc.values import Milestone
from xlsxsafe import Book, PageSetup, Style

COLUMNS = (
    ("序号", 6),
    ("所属部分", 24),
    ("任务内容", 60),
    ("责任领导", 14),
    ("牵头单位", 22),
    ("责任单位", 32),
    ("完成时限", 14),
    ("量化指标", 30),
    ("时间节点", 30),
    ("配合单位", 20),
    ("问题", 24),
    ("来源位置", 16),
)


def _names(units: tuple[UnitRef, ...]) -> str:
    return "、".join(unit.name for unit in units)


def _milestone_text(milestone: Milestone) -> str:
    """``2024-06-30 郑州市大肠肛门病医院实现开诊`` or ``持续推进 …`` for ongoing work."""
    when = milestone.due.isoformat() if milestone.due else milestone.raw
    return f"{when} {milestone.text}".strip()


def task_row(task: Task) -> list[str | int]:
    """One ledger row; lists and sections are joined with " / " into 所属部分."""
    return [
        task.number,
        " / ".join((task.list, *task.section_path)),
        task.text,
        "、".join(task.leaders),
        _names(task.lead_units),
        _names(task.responsible_units),
        task.deadline or "",
        "；".join(target.raw for target in task.targets),
        "；".join(_milestone_text(m) for m in task.milestones),
        _names(task.supporting_units),
        "；".join(issue.message for issue in task.issues),
        task.span.describe(),
    ]


HEADER = Style("台账表头", bold=True, fill="DDEBF7", horizontal="center", vertical="center")
BODY = Style("台账正文", wrap=True, vertical="top")
PAGE = PageSetup(title_rows="1:1", landscape=True, a4=False, fit_width=True)


def ledger_workbook(result: ParseResult) -> Book:
    """Build the 台账 workbook (not saved); every cell goes through ``xlsxsafe``.

    A notice's text is the parse's input, so a line that starts with ``=`` is written as
    text, never as a formula.
    """
    book = Book()
    sheet = book.sheet("任务台账", widths=[width for _, width in COLUMNS], freeze="A2", page=PAGE)
    sheet.append([title for title, _ in COLUMNS], HEADER)
    for task in result.tasks:
        sheet.append(task_row(task), BODY)
    return book


def ledger_bytes(result: ParseResult) -> bytes:
    """The 台账 as .xlsx bytes."""
    return ledger_workbook(result).save()
