"""Which kind of document this is: a decomposition notice, a work report, a plan report, a bulletin.

The title says it first (the words are in :mod:`taskdoc.lexicon.reports`):

1. ``…计划执行情况与…计划（草案）的报告`` — a plan-execution report;
2. ``…进展情况表``, ``…完成情况的通报``, ``督查通报``, ``…完成情况公示`` — a bulletin
   (unless the title is a notice issuing one: ``…的通知``);
3. ``关于印发《…目标任务分解》的通知``, ``…责任分工`` — a notice, even when it names
   the work report it decomposes;
4. ``政府工作报告`` (letter-spaced or not), ``…工作报告摘编`` — a work report.

A page without such a title (an excerpt, a news item) is told by its body: a
progress table (a 进展情况 / 完成情况 column) or the words of results (今年以来,
超额完成, 占年度计划的…) make a bulletin; numbered tasks with their units a
notice; the speaker's address and review (各位代表, 工作回顾, 主要预期目标) a
report. Anything else is taken for a notice, whose parse then says it found no task.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from taskdoc.docvalues import DocumentKind
from taskdoc.lexicon.figures import alternation
from taskdoc.lexicon.reports import (
    BULLETIN_BODY_WORDS,
    BULLETIN_TITLE_WORDS,
    NOTICE_TITLE_WORDS,
    PLAN_REPORT_TITLE_WORDS,
    REPORT_BODY_WORDS,
    WORK_REPORT_TITLE_WORDS,
)
from taskdoc.model import Block, Paragraph, TableRow

PLAN_REPORT_RE = re.compile(alternation(PLAN_REPORT_TITLE_WORDS))
WORK_REPORT_RE = re.compile(alternation(WORK_REPORT_TITLE_WORDS))
NOTICE_RE = re.compile(alternation(NOTICE_TITLE_WORDS))
BULLETIN_RE = re.compile(alternation(BULLETIN_TITLE_WORDS))
REPORT_BODY_RE = re.compile(alternation(REPORT_BODY_WORDS))
BULLETIN_BODY_RE = re.compile(alternation(BULLETIN_BODY_WORDS))
# A progress column of a table: 进展情况, 年度完成情况, 实际完成.
PROGRESS_COLUMN_RE = re.compile(alternation(("进展情况", "完成情况", "落实情况", "实际完成")))
_NOISE_RE = re.compile(r"[\s#*　]+")
# The title is in the first few lines, before the first line that is a sentence or an address.
_TITLE_LINES = 6
_TITLE_MAX = 90
_TITLE_END = ("。", "：", ":", "；", ";")
# How much of the body is read for its words.
_BODY_WINDOW = 6000
# A report needs this many of its words (各位代表 alone is any speech).
_REPORT_WORDS = 2


def title_text(blocks: Sequence[Block]) -> str:
    """The document's title lines, squashed (no spaces or Markdown marks)."""
    lines: list[str] = []
    for block in blocks:
        if len(lines) >= _TITLE_LINES or not isinstance(block, Paragraph):
            break
        text = _NOISE_RE.sub("", block.text)
        if not text:
            continue
        if text.endswith(_TITLE_END) or len(text) > _TITLE_MAX:
            break
        lines.append(text.lstrip("-—"))
    return "".join(lines)


def classify(blocks: Sequence[Block], *, has_tasks: bool) -> DocumentKind:
    """The kind of the document *blocks* make (see the module docstring)."""
    by_title = kind_of_title(title_text(blocks))
    if by_title is not None:
        return by_title
    body = _NOISE_RE.sub("", "".join(_block_text(b) for b in blocks))[:_BODY_WINDOW]
    if _has_progress_table(blocks) or BULLETIN_BODY_RE.search(body):
        return DocumentKind.BULLETIN
    if has_tasks:
        return DocumentKind.NOTICE
    if len(set(REPORT_BODY_RE.findall(body))) >= _REPORT_WORDS:
        return DocumentKind.WORK_REPORT
    return DocumentKind.NOTICE


def kind_of_title(title: str) -> DocumentKind | None:
    """The kind a title names, or None when it names none."""
    if not title:
        return None
    if PLAN_REPORT_RE.search(title):
        return DocumentKind.PLAN_REPORT
    if BULLETIN_RE.search(title) and "通知" not in title:
        return DocumentKind.BULLETIN
    if NOTICE_RE.search(title):
        return DocumentKind.NOTICE
    if WORK_REPORT_RE.search(title):
        return DocumentKind.WORK_REPORT
    return None


def _has_progress_table(blocks: Sequence[Block]) -> bool:
    """A table (real or unflattened) whose header names a progress column."""
    seen: set[int | None] = set()
    for block in blocks:
        if isinstance(block, TableRow) and block.location.table not in seen:
            seen.add(block.location.table)
            header = _NOISE_RE.sub("", "".join(block.cells))
            if PROGRESS_COLUMN_RE.search(header):
                return True
    return False


def _block_text(block: Block) -> str:
    return block.text if isinstance(block, Paragraph) else "".join(block.cells)
