"""Partial documents: a notice that ends inside its last task.

An excerpt, a damaged download or an attachment saved alone may stop in the
middle of a task: ``3.健全应急指挥、疾病预防控制、重大疫情救治、健康`` — end of file.
Such a task is not a task the office can assign; it is reported (a document
:class:`~taskdoc.model.Issue` ``task_truncated``) and left out, while every
complete task before it is kept.

The grammar decides "cut": the document ends inside the last task — nothing
after it, in particular no closing matter (a date, 附件 / 抄送 / 印发, a
signature) — and the last part of that task is unfinished:

* its text, when it has no fields, ends no sentence;
* a bracket (or quote) opened in it is never closed: ``（市政府办公室、市``;
* its last field is empty (``责任单位：``) or runs to the very end of the file
  without a terminator, as a unit list may go on past the cut
  (``责任单位：省经信委、…、湖北保监局``);
* from a table, its row has fewer cells than the table's fullest row (the
  header promises columns the row never reached).

A complete notice ends with closing matter, or its last task with ``。``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from taskdoc.grammar.fields import FieldValue, split_trailing_duties
from taskdoc.grammar.markers import is_closing
from taskdoc.grammar.structure import TaskDraft
from taskdoc.model import Block, Issue, TableRow
from taskdoc.text.repair import Line, ends_sentence

_PAIRS = {"（": "）", "(": ")", "[": "]", "【": "】", "〔": "〕", "“": "”", "《": "》", "「": "」"}
_CLOSING = {close: open_ for open_, close in _PAIRS.items()}
# a field value is finished by the end of a sentence or of an enumeration
_FIELD_TERMINAL = "。！？；!?;.）)]】〕"


@dataclass(frozen=True, slots=True)
class Cut:
    """The task the document ends inside, and what shows it is unfinished."""

    draft: TaskDraft
    reason: str


def find_cut(
    drafts: Sequence[TaskDraft], lines: Sequence[Line], blocks: Sequence[Block]
) -> Cut | None:
    """The last task when the document is cut off inside it (see the module doc)."""
    if not drafts or not lines:
        return None
    draft, last = drafts[-1], lines[-1]
    if draft.span.end != last.span.end or is_closing(last.text.strip()):
        return None
    row = blocks[-1] if blocks and isinstance(blocks[-1], TableRow) else None
    if row is not None and draft.span.end.table is not None:
        reason = _short_row(row, blocks)
    else:
        reason = _unfinished(draft, drafts[:-1], last.text.rstrip())
    return Cut(draft, reason) if reason else None


def _short_row(row: TableRow, blocks: Sequence[Block]) -> str:
    table = row.location.table
    widest = max(
        len(b.cells) for b in blocks if isinstance(b, TableRow) and b.location.table == table
    )
    return "表格行缺少表头所列的列" if len(row.cells) < widest else ""


def _unfinished(draft: TaskDraft, peers: Sequence[TaskDraft], ending: str) -> str:
    """Why the task's last part is unfinished, or ``""`` when it is complete.

    What "finished" looks like is read from the tasks before it (``peers``): a
    unit list without a full stop is complete in a notice that never puts one
    there, and cut short in one that always does.
    """
    text = draft.text
    if unbalanced(text):
        return "括号未闭合"
    if draft.fields and ending.endswith(draft.fields[-1].value.strip()):
        return _unfinished_field(draft.fields[-1], peers)
    if draft.fields or _finished_text(text):
        return ""
    if _most(peers, _owns_fields):
        return "任务内容未结束，其后也没有责任栏目"
    if not peers or _most(peers, lambda p: _finished_text(p.text)):
        return "任务内容未以句号结束"
    return ""


def _unfinished_field(last: FieldValue, peers: Sequence[TaskDraft]) -> str:
    value = last.value.strip()
    if not value:
        return f"“{last.label}”一栏为空"
    if unbalanced(value):
        return f"“{last.label}”一栏括号未闭合"
    if value[-1] not in _FIELD_TERMINAL and _most(peers, _terminated_fields):
        return f"“{last.label}”一栏延续到文件末尾，且未像其他任务那样以标点结束"
    return ""


def _finished_text(text: str) -> bool:
    return ends_sentence(text) or text.rstrip().endswith(tuple(_CLOSING))


def _owns_fields(draft: TaskDraft) -> bool:
    return bool(draft.fields) or bool(split_trailing_duties(draft.text)[1])


def _terminated_fields(draft: TaskDraft) -> bool:
    value = draft.fields[-1].value.strip() if draft.fields else ""
    return bool(value) and value[-1] in _FIELD_TERMINAL


def _most(peers: Sequence[TaskDraft], test: Callable[[TaskDraft], bool]) -> bool:
    """True when at least half of ``peers`` (and at least one) pass ``test``."""
    passed = sum(1 for peer in peers if test(peer))
    return bool(peers) and passed * 2 >= len(peers)


def unbalanced(text: str) -> bool:
    """Whether ``text`` leaves a bracket or quote open: ``（市政府办公室、市``."""
    stack: list[str] = []
    for char in text.replace("(", "（").replace(")", "）"):
        if char in _PAIRS:
            stack.append(char)
        elif char in _CLOSING and stack and stack[-1] == _CLOSING[char]:
            stack.pop()
    return bool(stack)


def cut_issue(cut: Cut, *, kept: bool) -> Issue:
    """The warning for a cut task: which task, where, and what happens to it."""
    draft = cut.draft
    outcome = "已保留，请核对原文" if kept else "未列入任务清单"
    where = draft.span.start.describe()
    if draft.section_path:  # numbers restart per group: say which group
        where = f"{draft.section_path[-1]}，{where}"
    message = (
        f"任务{draft.number}（{where}）似乎不完整：文件在该任务中结束（{cut.reason}），{outcome}"
    )
    return Issue("task_truncated", message, span=draft.span)
