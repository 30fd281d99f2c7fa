"""Tasks that are unnumbered paragraphs, each followed by its field lines.

Some notices (often web pages, where the list numbering was an HTML ``<ol>``
that copying lost) write every task as a plain paragraph and its fields under it::

    一、稳增长
    新建城乡公共停车场12处。
    责任单位：县交通局
    完成老旧小区改造30个。
    责任单位：县住建局

The numbered grammar (:mod:`taskdoc.grammar.structure`) finds no numbered item
owning fields there. The shape is recognised by the field blocks themselves:
in a numbered notice every stretch between two field blocks holds a numbered
task line, while here most stretches hold no numbered line at all. Then each
paragraph directly above a field block is a task, numbered in order within its
list; numbered lines are section headings (their group fields, if any, go to
the tasks under them), and closing matter ends the task being read.
"""

from __future__ import annotations

from collections.abc import Sequence

from taskdoc.grammar.fields import parse_field_line
from taskdoc.grammar.groups import heading_fields
from taskdoc.grammar.markers import is_closing, is_list_title, number_mark, starts_with_field
from taskdoc.grammar.structure import ListStart, Segmented, TaskDraft
from taskdoc.model import SourceSpan
from taskdoc.text.repair import Line, ends_sentence

_MIN_BLOCKS = 2
_HEADING_MAX = 40


def has_paragraph_tasks(lines: Sequence[Line]) -> bool:
    """Whether most field blocks follow an unnumbered paragraph, with no numbered task between.

    A numbered line in the stretch above a field block is a task of the numbered
    grammar unless it reads as a heading: short and ending no sentence.
    """
    blocks = unnumbered = 0
    task_since = False  # a numbered line that may be a task since the previous field block
    plain_before = False  # the line just above is a plain paragraph
    in_block = False
    for line in lines:
        text = line.text
        if starts_with_field(text):
            if not in_block:
                blocks += 1
                unnumbered += plain_before and not task_since
            in_block, task_since = True, False
            continue
        in_block = False
        mark = number_mark(text)
        if mark is not None and not _is_heading(text):
            task_since = True
        plain_before = not (mark is not None or is_list_title(text) or is_closing(text))
    return blocks >= _MIN_BLOCKS and unnumbered * 2 > blocks


def _is_heading(text: str) -> bool:
    return len(text) <= _HEADING_MAX and not ends_sentence(text)


def segment_paragraphs(lines: Sequence[Line], *, default_title: str) -> Segmented:
    """Lists, sections and tasks of a notice whose tasks are unnumbered paragraphs.

    The paragraphs between a heading or a field block and the next field block
    are one task's text; before the first task, only the last of them is (the
    ones above are the notice's preamble).
    """
    lists: list[ListStart] = []
    drafts: list[TaskDraft] = []
    preamble: list[Line] = []
    sections: dict[int, tuple[str, SourceSpan]] = {}
    pending: list[Line] = []  # plain paragraphs read since the last block: a task if fields follow
    current: TaskDraft | None = None
    for line in lines:
        text = line.text
        if starts_with_field(text):
            if current is None and pending:
                title = lists[-1].title if lists else default_title
                current = _draft(title, sections, pending, _next_number(drafts, title))
                drafts.append(current)
                pending = []
            if current is not None:
                current.fields.extend(parse_field_line(text))
                current.field_spans.append(line.span)
                current.extend_span(line.span)
            continue
        current = None
        mark = number_mark(text)
        if is_list_title(text) or mark is not None or is_closing(text):
            _keep(preamble, pending, drafts)
            pending = []
        if is_list_title(text):
            lists.append(ListStart(text, line.span))
            sections = {}
        elif mark is not None:
            sections = {s: h for s, h in sections.items() if s < mark.style}
            sections[mark.style] = (text, line.span)
        elif not is_closing(text):
            if not drafts:
                _keep(preamble, pending, drafts)
                pending = []
            pending.append(line)
    _keep(preamble, pending, drafts)
    return Segmented(lists, drafts, preamble)


def _keep(preamble: list[Line], pending: list[Line], drafts: list[TaskDraft]) -> None:
    """Paragraphs no field followed: the notice's preamble when no task came yet."""
    if not drafts:
        preamble.extend(pending)


def _next_number(drafts: Sequence[TaskDraft], title: str) -> int:
    return sum(1 for draft in drafts if draft.list_title == title) + 1


def _draft(
    title: str, sections: dict[int, tuple[str, SourceSpan]], lines: list[Line], number: int
) -> TaskDraft:
    headings = [sections[style] for style in sorted(sections)]
    group = tuple(
        value for text, span in reversed(headings) for value in heading_fields(text, span)
    )
    path = tuple(text for text, _ in headings)
    span = SourceSpan(lines[0].span.start, lines[-1].span.end)
    parts = [line.text for line in lines]
    return TaskDraft(title, path, number, parts, span, group_fields=group)
