"""The work items of a work report's plan year: what an office decomposes into tasks.

A 政府工作报告 given early in 2024 sets 2024's work under a plan heading
(``三、2024年工作重点``, ``## 着力抓好十项重点工作``) as numbered items — ``（一）在经济增长上
聚力攻坚，…。`` or a sub-heading ``#### 1 突出创新核心地位`` — and each item as sub-items
that open with a short title sentence: on a paragraph of their own (``加力提效扩大投资。树牢…``)
or one after another inside one paragraph (``…核心引擎。持续深化中原科技城“三合一”融合发展。
组建…``). The office makes one task per sub-item (the item's own when it has none), so this
module returns them in that shape; the plan sections and their years come from
:mod:`taskdoc.figures.sections`, the same reading the report's targets use.

Only items of the plan year count: the review's ``（一）…`` items are last year's results.
A top-level heading inside the plan part that opens no new section (``四、加强政府自身建设``)
is an item too; text before the first item (``全力抓好7个方面的工作：``, the 主要预期目标
paragraph) and short caption lines without a full stop (a photo's ``产业向“新”，蓄势发力``)
are none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from taskdoc.figures.sections import (
    Section,
    SectionKind,
    TextParagraph,
    is_heading,
    is_plain_heading,
    paragraphs_of,
    plan_year,
    sections_of,
)
from taskdoc.model import Paragraph
from taskdoc.readers import read_bytes
from taskdoc.text.stage import prepare

# （一）在经济增长上聚力攻坚，… / (一)… / 一是…
_ITEM_RE = re.compile(r"^[ \t]*[（(](?P<n>[一二三四五六七八九十]{1,3})[)）][ \t]*(?P<rest>.+)$")
# #### 1 突出创新核心地位 / 1.突出… / 一、加强政府自身建设 (a heading line only)
_HEADING_ITEM_RE = re.compile(
    r"^[ \t]*#*[ \t]*(?:\d{1,2}|[一二三四五六七八九十]{1,3})[ \t、.．]+(?P<rest>\S.*)$"
)
_SENTENCE_RE = re.compile(r"[^。！？!?]+[。！？!?]?")
# A sub-item's title: one short clause, no figures, no list, no punctuation inside.
_TITLE_MAX = 20
_TITLE_STOP_RE = re.compile(r"[，,；;：:、0-9０-９%]")
_CAPTION_MAX = 20
_ENDS_SENTENCE_RE = re.compile(r"[。！？!?；;：:”\"）)]\s*$")
# A numbered sub-heading line as a reader leaves a Markdown one: 1 突出创新核心地位 扎实推进…
_NUMBERED_LINE_RE = re.compile(r"^[ \t]*\d{1,2}[ \t、.．]+[^，。；,;0-9]{4,40}$")
# The closing address: the plan is over (各位代表，同志们！).
_CLOSING_RE = re.compile(r"^[ \t]*各位代表")


@dataclass(frozen=True, slots=True)
class SubItem:
    """A sub-item: its title sentence (without the full stop) and its whole text."""

    title: str
    text: str


@dataclass(frozen=True, slots=True)
class WorkItem:
    """A numbered item of the plan year: its title, the lead-in text and its sub-items."""

    number: int
    title: str
    text: str
    subitems: tuple[SubItem, ...]


@dataclass(frozen=True, slots=True)
class WorkPlan:
    """The plan year and its items (empty when the report states no plan part)."""

    year: int | None
    items: tuple[WorkItem, ...]


def work_plan_of_bytes(data: bytes, *, filename: str) -> WorkPlan:
    """Read a report file (any format the parser reads) and return its plan's work items."""
    read = read_bytes(data, filename=filename)
    lines = [b.text for b in prepare(read.blocks).blocks if isinstance(b, Paragraph)]
    if read.source_format == "pdf":  # lines of a page, not paragraphs: join them first
        return work_plan("\n".join(lines))
    return work_plan("\n".join(lines), paragraphs=[_paragraph(line) for line in lines])


def _paragraph(line: str) -> TextParagraph:
    """A paragraph as a .txt/.docx reader gives it; its numbered sub-heading is a heading."""
    heading = is_heading(line) or is_plain_heading(line) or bool(_NUMBERED_LINE_RE.match(line))
    return TextParagraph(line, (), heading)


def work_plan(text: str, *, paragraphs: Sequence[TextParagraph] | None = None) -> WorkPlan:
    """The work items of the plan-year sections of a report's text (or of its paragraphs,
    when the reader already knows them: lines of a .txt are its paragraphs)."""
    found = paragraphs_of(text) if paragraphs is None else paragraphs
    sections = sections_of(found, text)
    year = plan_year(sections)
    plans = [s for s in sections if s.kind is SectionKind.PLAN and s.year in (None, year)]
    items = [item for section in plans for item in _items(section)]
    numbered = tuple(
        WorkItem(n, item.title, item.text, item.subitems) for n, item in enumerate(items, 1)
    )
    return WorkPlan(year, numbered)


def _items(section: Section) -> list[WorkItem]:
    """The section's items; a heading followed at once by （一） items is their group, no item."""
    opened: list[tuple[bool, str, list[str]]] = []  # (a heading line?, title, body)
    for paragraph in section.paragraphs:
        if _CLOSING_RE.match(paragraph.text):
            break
        start = _item_start(paragraph)
        if start is not None:
            heading, title, first = start
            opened.append((heading, title, [first] if first else []))
        elif opened and not _is_caption(paragraph.text):
            opened[-1][2].append(paragraph.text.strip())
    after: list[tuple[bool, str, list[str]] | None] = [*opened[1:], None]
    kept = [
        entry
        for entry, following in zip(opened, after[: len(opened)], strict=True)
        if not (entry[0] and following is not None and not following[0])
    ]
    return [_item(title, body) for _, title, body in kept]


def _item_start(paragraph: TextParagraph) -> tuple[bool, str, str] | None:
    """(a heading line?, title, the rest of the paragraph) when the paragraph opens an item."""
    found = _ITEM_RE.match(paragraph.text)
    if found is not None:
        first = _sentences(found["rest"])
        return False, _bare(first[0]), "".join(first[1:])
    if paragraph.heading:
        heading = _HEADING_ITEM_RE.match(paragraph.text)
        if heading is not None:
            return True, " ".join(heading["rest"].split()).strip(" #"), ""
    return None


def _item(title: str, body: Sequence[str]) -> WorkItem:
    paragraphs = [p for p in body if p]
    starts = [i for i, p in enumerate(paragraphs) if i and _is_title(_sentences(p)[0])]
    if starts:  # sub-items are paragraphs of their own
        lead = "".join(paragraphs[: starts[0]])
        bounds = zip(starts, [*starts[1:], len(paragraphs)], strict=True)
        subs = [_sub("".join(paragraphs[a:b])) for a, b in bounds]
        if paragraphs and _is_title(_sentences(paragraphs[0])[0]):
            lead, subs = "", [_sub("".join(paragraphs[: starts[0]])), *subs]
        return WorkItem(0, title, lead, tuple(subs))
    return _inline(title, "".join(paragraphs))


def _inline(title: str, text: str) -> WorkItem:
    """Sub-items one after another in one paragraph: a title sentence followed by body."""
    sentences = _sentences(text)
    starts = [
        i
        for i, s in enumerate(sentences)
        if _is_title(s) and i + 1 < len(sentences) and not _is_title(sentences[i + 1])
    ]
    if not starts:
        return WorkItem(0, title, text, ())
    lead = "".join(sentences[: starts[0]])
    bounds = zip(starts, [*starts[1:], len(sentences)], strict=True)
    return WorkItem(0, title, lead, tuple(_sub("".join(sentences[a:b])) for a, b in bounds))


def _sub(text: str) -> SubItem:
    return SubItem(_bare(_sentences(text)[0]), text)


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_RE.findall(text.strip()) if s.strip()] or [text]


def _bare(sentence: str) -> str:
    return sentence.strip().rstrip("。！？!?").strip()


def _is_title(sentence: str) -> bool:
    bare = _bare(sentence)
    ended = sentence.strip()[-1:] in "。！？!?"
    return ended and 0 < len(bare) <= _TITLE_MAX and not _TITLE_STOP_RE.search(bare)


def _is_caption(text: str) -> bool:
    """A photo caption or banner line: short and not a sentence."""
    stripped = text.strip()
    return len(stripped) <= _CAPTION_MAX and not _ENDS_SENTENCE_RE.search(stripped)
