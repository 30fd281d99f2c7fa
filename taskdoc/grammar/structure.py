"""The grammar of a decomposition notice: lists, sections, numbered tasks and their fields.

After repair, a notice is a sequence of lines. Each is one of:

* a list title (``2024 年区政府重点民生实事任务分解``) — starts a task list;
* a heading in an *outer* numbering style (``一、`` / ``（一）`` / ``第一部分``); a
  *group heading* among them names who answers for every task under it
  (``一、朱伟县长牵头重点工作``, ``一、某管委会牵头工作（8项）``,
  ``一、推动经济发展（牵头领导：A、B）``), and numbering may restart in each group;
* a task, in the *task* numbering style — the style whose items carry fields;
* a field line (``责任领导：…``);
* closing matter (a date, ``抄送：``) — ends the current task;
* anything else — more text for the task or field being read.

Which numbering style numbers the tasks is decided per document from the
evidence (the style whose items are followed by field lines), not assumed,
so notices that number tasks ``（一）`` or ``1、`` parse as well as ``1.``;
the items directly under a group heading count as items with fields.

A convention stated in brackets (``县发改局（首位单位为牵头单位，下同）``,
``责任单位（列第一位的为牵头单位）：``) or in a closing note
(``…注：列第一位的为牵头单位。``) is taken off the line before it is read: it is
the document's rule, not part of a unit name, a label or a task.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from taskdoc.grammar.fields import (
    FieldValue,
    carries_fields,
    parse_field_line,
    split_run_on_fields,
    split_trailing_duties,
)
from taskdoc.grammar.groups import GroupShape, group_shape, heading_fields, is_worded_group
from taskdoc.grammar.markers import (
    Numbering,
    NumberMark,
    is_closing,
    is_list_title,
    is_signature,
    number_mark,
    signs_off,
    starts_with_field,
)
from taskdoc.grammar.tables import CellLine
from taskdoc.lexicon.columns import NUMBER_FLAGS
from taskdoc.lexicon.conventions import without_convention
from taskdoc.model import SourceSpan
from taskdoc.text.repair import Line, ends_sentence


@dataclass(slots=True)
class TaskDraft:
    """A task while it is being read; turned into a frozen Task by the pipeline."""

    list_title: str
    section_path: tuple[str, ...]
    number: int
    text_parts: list[str]
    span: SourceSpan
    fields: list[FieldValue] = field(default_factory=list)
    field_spans: list[SourceSpan] = field(default_factory=list)
    # what the group headings above the task give it, innermost heading first
    group_fields: tuple[FieldValue, ...] = ()
    flags: tuple[str, ...] = ()  # marks on a table row's number (1* / ★), see tables.CellLine

    @property
    def text(self) -> str:
        return "".join(self.text_parts).strip()

    def extend_span(self, span: SourceSpan) -> None:
        self.span = SourceSpan(self.span.start, span.end)


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading as written, where it stands, and the fields it gives its tasks."""

    text: str
    span: SourceSpan
    fields: tuple[FieldValue, ...] = ()


@dataclass(frozen=True, slots=True)
class ListStart:
    title: str
    span: SourceSpan


@dataclass(slots=True)
class Segmented:
    """The outcome of segmentation: lists found, task drafts, and the lines before the first list."""

    lists: list[ListStart]
    drafts: list[TaskDraft]
    preamble: list[Line]


def choose_task_style(lines: Sequence[Line]) -> Numbering | None:
    """The numbering style whose items own fields; None when no numbered item has any.

    A group heading counts as fields for the innermost items under it (its tasks,
    which may carry no fields of their own); a heading whose fields stand in a
    bracket is a group only when deeper items follow it, else it was a task.
    """
    owners: Counter[Numbering] = Counter()
    gap: Counter[Numbering] = Counter()  # numbered items since the last fields, by style
    group: _OpenGroup | None = None
    for line in lines:
        mark = number_mark(line.text)
        if group is not None and group.is_task(mark, line.text):
            owners[group.style] += 1  # bracketed fields on a task, not on a heading
            group = None
        if mark is not None:
            shape = group_shape(mark.rest.strip())
        else:
            shape = GroupShape.WORDED if is_worded_group(line.text) else None
        if shape is not None:
            _credit(owners, group)
            style = mark.style if mark is not None else Numbering.PART
            group = _OpenGroup(style, bracket=shape is GroupShape.BRACKET)
            gap.clear()
            continue
        if mark is not None:
            if group is not None:
                group = group.under(mark.style, owners)
            gap[mark.style] += 1
            if carries_fields(line.text):
                owners[mark.style] += 1
                gap.clear()
        elif gap and starts_with_field(line.text):
            owners[_owner(gap)] += 1
            gap.clear()
    _credit(owners, group)
    if owners:
        return owners.most_common(1)[0][0]
    return None


@dataclass(slots=True)
class _OpenGroup:
    """A group heading being read past, and the innermost numbering seen under it."""

    style: Numbering  # the heading's own style; PART for an unnumbered heading
    bracket: bool  # its fields stand in a bracket: it may turn out to be a task
    leaf: Numbering | None = None

    def is_task(self, mark: NumberMark | None, text: str) -> bool:
        """A bracketed "heading" followed by its own level, or by field lines, was a task."""
        if not self.bracket or self.leaf is not None:
            return False
        return (mark is not None and mark.style <= self.style) or (
            mark is None and starts_with_field(text)
        )

    def under(self, style: Numbering, owners: Counter[Numbering]) -> _OpenGroup | None:
        """The group after an item of ``style``; None once a heading of its level ends it."""
        if style > self.style:
            self.leaf = style if self.leaf is None else max(self.leaf, style)
            return self
        _credit(owners, self)
        return None


def _credit(owners: Counter[Numbering], group: _OpenGroup | None) -> None:
    """Count a closed group's heading as fields of its innermost items (or its own, if none)."""
    if group is not None and group.leaf is not None:
        owners[group.leaf] += 1
    elif group is not None and group.bracket:
        owners[group.style] += 1  # nothing under it: a task with bracketed fields


def _group_kind(mark: NumberMark) -> tuple[Numbering, bool] | None:
    """(style, bracket-only) when the numbered line is shaped as a group heading."""
    shape = group_shape(mark.rest.strip())
    return None if shape is None else (mark.style, shape is GroupShape.BRACKET)


def _owner(gap: Counter[Numbering]) -> Numbering:
    """The style that owns the fields closing ``gap``: the innermost style seen once in it.

    Between one task's fields and the next, the task style occurs once; a heading
    style occurs once or not at all; sub-items (（1）（2）… inside ``1、``) occur
    several times, so the innermost style seen once is the task's.
    """
    once = [style for style, count in gap.items() if count == 1]
    return max(once) if once else max(gap)


def _finished(text: str) -> bool:
    """A task text that ends a sentence or closes with its duties in brackets."""
    return ends_sentence(text) or text.rstrip().endswith(("）", ")"))


class _Reader:
    """The line-by-line state machine; see the module docstring for the grammar."""

    def __init__(self, task_style: Numbering, default_title: str, *, titled: bool) -> None:
        self.task_style = task_style
        self.titled = titled
        self.default_title = default_title
        self.lists: list[ListStart] = []
        self.drafts: list[TaskDraft] = []
        self.preamble: list[Line] = []
        self.sections: dict[Numbering, Heading] = {}
        # an unnumbered group heading, and the innermost section style above it (None: none)
        self.loose: tuple[Heading, Numbering | None] | None = None
        self.current: TaskDraft | None = None
        self.in_fields = False
        self.closed = True

    @property
    def list_title(self) -> str:
        return self.lists[-1].title if self.lists else self.default_title

    def feed(self, line: Line, following: str = "") -> None:
        text = line.text
        if is_list_title(text):
            self._start_list(line)
            return
        mark = number_mark(text)
        if mark is None and isinstance(line, CellLine) and line.section and self.task_style:
            self._heading(Numbering(self.task_style - 1), line)  # a table's 类别 / merged row
        elif mark is not None and mark.style < self.task_style:
            self._heading(mark.style, line)
        elif mark is not None and mark.style == self.task_style and self._in_list():
            self._start_task(mark.number, mark.rest, line)
        elif mark is None and self._may_open_group() and is_worded_group(text):
            self._loose_heading(line)
        elif starts_with_field(text) and self.current is not None:
            self._field(line)
        elif is_closing(text) or (self.current is not None and signs_off(text, following)):
            self._close()
        else:
            self._plain(line)

    def _in_list(self) -> bool:
        """Numbered items before the first list title belong to the notice's body."""
        return bool(self.lists) or not self.titled

    def _may_open_group(self) -> bool:
        """An unnumbered line may be a group heading in a list, between tasks, not inside one."""
        draft = self.current
        return self._in_list() and (draft is None or self.in_fields or _finished(draft.text))

    def _start_list(self, line: Line) -> None:
        self._close()
        self.lists.append(ListStart(line.text, line.span))
        self.sections = {}
        self.loose = None

    def _loose_heading(self, line: Line) -> None:
        """``王某县长牵头重点工作`` on a line of its own: a group inside the current section."""
        self._close()
        heading = Heading(line.text, line.span, heading_fields(line.text, line.span))
        self.loose = (heading, max(self.sections) if self.sections else None)

    def _heading(self, style: Numbering, line: Line) -> None:
        self._close()
        if not self.lists and not self.drafts:
            self.preamble.append(line)
        self.sections = {s: h for s, h in self.sections.items() if s < style}
        self.sections[style] = Heading(line.text, line.span, heading_fields(line.text, line.span))
        if self.loose is not None and self.loose[1] is not None and style <= self.loose[1]:
            self.loose = None  # a new section of the group's level or above ends the group

    def _start_task(self, number: int, rest: str, line: Line) -> None:
        self._close()
        headings = self._headings()
        marks, rest = _leading_flags(rest)
        text, fields = split_run_on_fields(rest)
        self.current = TaskDraft(
            self.list_title,
            tuple(heading.text for heading in headings),
            number,
            [text],
            line.span,
            fields,
            group_fields=tuple(f for heading in reversed(headings) for f in heading.fields),
            flags=line.flags if isinstance(line, CellLine) else marks,
        )
        self.in_fields = bool(fields)
        self.closed = False
        self.drafts.append(self.current)

    def _headings(self) -> list[Heading]:
        """The headings above a new task, outermost first, the loose group at its place."""
        styles = sorted(self.sections)
        if self.loose is None:
            return [self.sections[s] for s in styles]
        group, depth = self.loose
        outer = [self.sections[s] for s in styles if depth is not None and s <= depth]
        inner = [self.sections[s] for s in styles if depth is None or s > depth]
        return [*outer, group, *inner]

    def _field(self, line: Line) -> None:
        assert self.current is not None
        cell = line.fields if isinstance(line, CellLine) else ()  # a table cell, already read
        self.current.fields.extend(cell or parse_field_line(line.text))
        self.current.field_spans.append(line.span)
        self.current.extend_span(line.span)
        self.in_fields = True

    def _plain(self, line: Line) -> None:
        draft = self.current
        if draft is None or self.closed:
            if not self.drafts:
                self.preamble.append(line)
            return
        if not self.in_fields and is_signature(line.text) and _finished(draft.text):
            self._close()
        elif not self.in_fields:
            draft.text_parts.append(line.text)
            draft.extend_span(line.span)
        elif draft.fields and not (
            draft.fields[-1].value and ends_sentence(draft.fields[-1].value)
        ):
            last = draft.fields[-1]
            draft.fields[-1] = replace(last, value=last.value + line.text)
            draft.extend_span(line.span)
        else:
            self._close()

    def _close(self) -> None:
        self.current = None
        self.in_fields = False
        self.closed = True


def _leading_flags(rest: str) -> tuple[tuple[str, ...], str]:
    """Marks written right after a task's number (``4.★加快…``): kept as flags, not as text."""
    if not rest or rest[0] not in NUMBER_FLAGS or rest.startswith("**"):  # ** is Markdown bold
        return (), rest
    stripped = rest.lstrip(NUMBER_FLAGS + " \t\u3000")
    marks = tuple(char for char in rest[: len(rest) - len(stripped)] if char in NUMBER_FLAGS)
    return marks, stripped


def segment(lines: Sequence[Line], *, default_title: str) -> Segmented:
    """Split repaired lines into task lists, sections and task drafts."""
    lines = [_without_convention(line) for line in lines]
    task_style = choose_task_style(lines)
    if task_style is None:
        return Segmented([], [], list(lines))
    titled = any(is_list_title(line.text) for line in lines)
    reader = _Reader(task_style, default_title, titled=titled)
    for index, line in enumerate(lines):
        reader.feed(line, lines[index + 1].text if index + 1 < len(lines) else "")
    return Segmented(reader.lists, _without_requirements(reader.drafts), reader.preamble)


def _without_convention(line: Line) -> Line:
    """The line without its convention: ``县发改局（首位单位为牵头单位，下同）`` → ``县发改局``."""
    text = without_convention(line.text)
    return line if text == line.text else replace(line, text=text)


# 三、保障措施 / 四、工作要求 / 组织实施: the closing part of a 方案, the office's own duties
_REQUIREMENTS_HEADING_RE = re.compile(
    r"(?:保障措施|工作要求|有关要求|工作保障|组织保障|组织实施|实施保障|保障机制|工作机制"
    r"|总体要求|指导思想|工作目标)$"
)


def _owns_fields(draft: TaskDraft) -> bool:
    return bool(draft.fields) or bool(split_trailing_duties(draft.text)[1])


def _without_requirements(drafts: list[TaskDraft]) -> list[TaskDraft]:
    """Drop the items of a 保障措施 / 工作要求 section when none of them names a unit.

    A 方案 closes (or opens) with its requirements, numbered like its tasks:
    ``三、保障措施`` / ``（一）加强组织领导。…``. They are not tasks when the section is
    named so and its items carry no fields while the list's tasks do.
    """
    dropped: set[tuple[str, str]] = set()
    by_section: dict[tuple[str, str], list[TaskDraft]] = {}
    for draft in drafts:
        if draft.section_path:
            by_section.setdefault((draft.list_title, draft.section_path[0]), []).append(draft)
    for key, members in by_section.items():
        heading = number_mark(key[1])
        name = (heading.rest if heading else key[1]).strip().rstrip("。：:")
        if _REQUIREMENTS_HEADING_RE.search(name) and not any(map(_owns_fields, members)):
            dropped.add(key)
    if not dropped or not any(_owns_fields(d) for d in drafts):
        return drafts
    return [
        d for d in drafts if not (d.section_path and (d.list_title, d.section_path[0]) in dropped)
    ]
