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

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from taskdoc.fields import FieldValue, carries_fields, parse_field_line, split_run_on_fields
from taskdoc.markers import (
    COLOPHON_RE,
    DATE_LINE_RE,
    Numbering,
    is_list_title,
    number_mark,
    starts_with_field,
)
from taskdoc.model import SourceSpan
from taskdoc.repair import Line, ends_sentence


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
    task_style: Numbering | None


def choose_task_style(lines: Sequence[Line]) -> Numbering | None:
    """The numbering style whose items own fields; None when no numbered item has any."""
    owners: Counter[Numbering] = Counter()
    last_style: Numbering | None = None
    for line in lines:
        mark = number_mark(line.text)
        if mark is not None:
            last_style = mark.style
            if carries_fields(line.text):
                owners[mark.style] += 1
        elif starts_with_field(line.text) and last_style is not None:
            owners[last_style] += 1
            last_style = None
    if owners:
        return owners.most_common(1)[0][0]
    return None


# 国务院 / 郑州市人民政府办公厅: a short line with no punctuation after a finished
# sentence is the signature under the last task, not more of its text.
_SIGNATURE_MAX = 25
_PUNCTUATION = frozenset("。，；：、！？,;:!?")


def _finished(text: str) -> bool:
    """A task text that ends a sentence or closes with its duties in brackets."""
    return ends_sentence(text) or text.rstrip().endswith(("）", ")"))


def is_signature(text: str) -> bool:
    """A signature-like line: short and without any punctuation."""
    return len(text) <= _SIGNATURE_MAX and not any(char in _PUNCTUATION for char in text)


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

    def feed(self, line: Line) -> None:
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
        elif DATE_LINE_RE.match(text) or COLOPHON_RE.match(text):
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
        return Segmented([], [], list(lines), None)
    titled = any(is_list_title(line.text) for line in lines)
    reader = _Reader(task_style, default_title, titled=titled)
    for line in lines:
        reader.feed(line)
    return Segmented(reader.lists, reader.drafts, reader.preamble, task_style)
