"""The grammar of a decomposition notice: lists, sections, numbered tasks and their fields.

After repair, a notice is a sequence of lines. Each is one of:

* a list title (``2024 年区政府重点民生实事任务分解``) — starts a task list;
* a heading in an *outer* numbering style (``一、`` / ``（一）`` / ``第一部分``);
* a task, in the *task* numbering style — the style whose items carry fields;
* a field line (``责任领导：…``);
* closing matter (a date, ``抄送：``) — ends the current task;
* anything else — more text for the task or field being read.

Which numbering style numbers the tasks is decided per document from the
evidence (the style whose items are followed by field lines), not assumed,
so notices that number tasks ``（一）`` or ``1、`` parse as well as ``1.``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from taskdoc.grammar.fields import (
    FieldValue,
    carries_fields,
    parse_field_line,
    split_run_on_fields,
    split_trailing_duties,
)
from taskdoc.grammar.markers import (
    Numbering,
    is_closing,
    is_list_title,
    is_signature,
    number_mark,
    signs_off,
    starts_with_field,
)
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

    @property
    def text(self) -> str:
        return "".join(self.text_parts).strip()

    def extend_span(self, span: SourceSpan) -> None:
        self.span = SourceSpan(self.span.start, span.end)


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
    """The numbering style whose items own fields; None when no numbered item has any."""
    owners: Counter[Numbering] = Counter()
    gap: Counter[Numbering] = Counter()  # numbered items since the last fields, by style
    for line in lines:
        mark = number_mark(line.text)
        if mark is not None:
            gap[mark.style] += 1
            if carries_fields(line.text):
                owners[mark.style] += 1
                gap.clear()
        elif gap and starts_with_field(line.text):
            owners[_owner(gap)] += 1
            gap.clear()
    if owners:
        return owners.most_common(1)[0][0]
    return None


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
        self.sections: dict[Numbering, str] = {}
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
        if mark is not None and mark.style < self.task_style:
            self._heading(mark.style, line)
        elif mark is not None and mark.style == self.task_style and self._in_list():
            self._start_task(mark.number, mark.rest, line)
        elif starts_with_field(text) and self.current is not None:
            self._field(line)
        elif is_closing(text) or (self.current is not None and signs_off(text, following)):
            self._close()
        else:
            self._plain(line)

    def _in_list(self) -> bool:
        """Numbered items before the first list title belong to the notice's body."""
        return bool(self.lists) or not self.titled

    def _start_list(self, line: Line) -> None:
        self._close()
        self.lists.append(ListStart(line.text, line.span))
        self.sections = {}

    def _heading(self, style: Numbering, line: Line) -> None:
        self._close()
        if not self.lists and not self.drafts:
            self.preamble.append(line)
        self.sections = {s: t for s, t in self.sections.items() if s < style}
        self.sections[style] = line.text

    def _start_task(self, number: int, rest: str, line: Line) -> None:
        self._close()
        path = tuple(self.sections[s] for s in sorted(self.sections))
        text, fields = split_run_on_fields(rest)
        self.current = TaskDraft(self.list_title, path, number, [text], line.span, fields)
        self.in_fields = bool(fields)
        self.closed = False
        self.drafts.append(self.current)

    def _field(self, line: Line) -> None:
        assert self.current is not None
        self.current.fields.extend(parse_field_line(line.text))
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
            draft.fields[-1] = FieldValue(last.kind, last.label, last.value + line.text)
            draft.extend_span(line.span)
        else:
            self._close()

    def _close(self) -> None:
        self.current = None
        self.in_fields = False
        self.closed = True


def segment(lines: Sequence[Line], *, default_title: str) -> Segmented:
    """Split repaired lines into task lists, sections and task drafts."""
    task_style = choose_task_style(lines)
    if task_style is None:
        return Segmented([], [], list(lines))
    titled = any(is_list_title(line.text) for line in lines)
    reader = _Reader(task_style, default_title, titled=titled)
    for index, line in enumerate(lines):
        reader.feed(line, lines[index + 1].text if index + 1 < len(lines) else "")
    return Segmented(reader.lists, _without_requirements(reader.drafts), reader.preamble)


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
