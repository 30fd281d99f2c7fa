"""Frozen, typed values that every stage of the parser passes along.

Readers produce :class:`Block` values (paragraphs and table rows, each with a
:class:`Location`); the pipeline turns them into a :class:`ParseResult`
holding :class:`DocumentInfo`, :class:`TaskList` and :class:`Task` values.
Everything here is immutable and JSON-serialisable through
:mod:`taskdoc.output.serialize`. The figures a task carries (targets,
milestones, the reporting schedule) are in :mod:`taskdoc.values`, those of the
whole document in :mod:`taskdoc.docvalues`, spans in :mod:`taskdoc.spans`; like
this module they import no stage of the parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from taskdoc.docvalues import DocumentActual, DocumentKind, DocumentTarget, DocumentTime
from taskdoc.spans import Location, SourceSpan
from taskdoc.values import Milestone, ReportingSchedule, Target

__all__ = [
    "RULE_WORDS",
    "Block",
    "DocumentActual",
    "DocumentInfo",
    "DocumentKind",
    "DocumentTarget",
    "DocumentTime",
    "FieldSource",
    "Issue",
    "LeaderKind",
    "LeaderRef",
    "Location",
    "Paragraph",
    "ParseResult",
    "Rule",
    "Severity",
    "SourceSpan",
    "TableRow",
    "Task",
    "TaskList",
    "UnitRef",
    "UnitRole",
]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph (or line) of running text as a reader found it."""

    text: str
    location: Location


@dataclass(frozen=True, slots=True)
class TableRow:
    """One table row; ``cells`` are the texts of its distinct cells, left to right.

    Horizontally merged cells appear once; vertically merged cells repeat the
    value from the row above (readers fill them down).
    """

    cells: tuple[str, ...]
    location: Location  # table and row set; column unset


Block = Paragraph | TableRow


class Severity(StrEnum):
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem found inside an otherwise readable document.

    ``code`` is a stable snake-case identifier (``units_missing``,
    ``number_gap``…) for programs; ``message`` is Chinese, for people.
    """

    code: str
    message: str
    severity: Severity = Severity.WARNING
    span: SourceSpan | None = None


class UnitRole(StrEnum):
    """What a unit does for a task, from the label that introduced it."""

    LEAD = "lead"  # 牵头单位 / 牵头部门 / 主办单位
    RESPONSIBLE = "responsible"  # 责任单位
    SUPPORTING = "supporting"  # 配合单位 / 协办单位 / 参与单位


@dataclass(frozen=True, slots=True)
class UnitRef:
    """A unit named by a task.

    ``raw`` is the piece as written (``郑东新区``), ``name`` the normalised full
    name after distributing a shared suffix (``郑东新区管委会``). A collective
    (``各街道办事处``, ``市政府各部门``) is kept as one value and flagged so it
    can be expanded against a unit directory later. ``label`` is the field
    label the unit came from (``责任单位``, ``配合单位``…).
    """

    name: str
    raw: str
    collective: bool = False
    label: str = ""


class LeaderKind(StrEnum):
    """What a 责任领导 value stands for."""

    PERSON = "person"  # 王新伟: a person, looked up in the leader directory
    COLLECTIVE = "collective"  # 区政府班子成员 / 各副区长: a body or a set of posts, no person


@dataclass(frozen=True, slots=True)
class LeaderRef:
    """One entry of a task's ``leaders`` with its kind (see :func:`~taskdoc.grammar.leaders.leader_refs`)."""

    name: str
    kind: LeaderKind = LeaderKind.PERSON

    @property
    def collective(self) -> bool:
        return self.kind is LeaderKind.COLLECTIVE


class Rule(StrEnum):
    """How the parser came to a field's value: the evidence a person can check and correct."""

    LABEL_LINE = "label_line"  # 责任单位：… on a line of its own
    INLINE_LABEL = "inline_label"  # …。牵头单位：X；责任单位：Y on the task's own line
    BRACKET = "bracket"  # a trailing bracket （牵头单位：X） / [X牵头，Y配合]
    SENTENCE = "sentence"  # duty clauses: X牵头，Y、Z配合 / 按职责分工负责
    TABLE_COLUMN = "table_column"  # the cell under a column header
    GROUP_HEADING = "group_heading"  # 一、王某县长牵头重点工作 — for every task under it
    CONVENTION = "convention"  # 列第一位的为牵头单位, stated once for the document
    MARKED_LEAD = "marked_lead"  # a unit written with （牵头）


@dataclass(frozen=True, slots=True)
class FieldSource:
    """Why one field of a task holds what it holds.

    ``field`` names the task field (``leaders``, ``lead_units``,
    ``responsible_units``, ``supporting_units``, ``deadline``); ``rule`` says
    which part of the grammar produced it; ``evidence`` is the words as written
    that carry it (the label ``牵头责任单位``, the heading ``一、朱伟县长牵头重点工作``,
    the convention ``列第一位的为牵头单位``); ``span`` is where that evidence stands.
    """

    field: str
    rule: Rule
    evidence: str = ""
    span: SourceSpan | None = None

    def describe(self) -> str:
        """Chinese explanation for the import preview, e.g. ``据栏目“牵头单位”（第3行）``."""
        where = f"（{self.span.describe()}）" if self.span is not None else ""
        return (
            f"{RULE_WORDS[self.rule]}“{self.evidence}”{where}"
            if self.evidence
            else (f"{RULE_WORDS[self.rule]}{where}")
        )


RULE_WORDS = {
    Rule.LABEL_LINE: "据单独成行的栏目",
    Rule.INLINE_LABEL: "据任务行内的栏目",
    Rule.BRACKET: "据任务末尾括号",
    Rule.SENTENCE: "据分工句式",
    Rule.TABLE_COLUMN: "据表格列",
    Rule.GROUP_HEADING: "据分组标题",
    Rule.CONVENTION: "据文件约定",
    Rule.MARKED_LEAD: "据单位后标注",
}


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """Metadata from the notice's header and closing lines, when stated."""

    title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None  # 文号, e.g. 郑政办〔2020〕29号
    date: str | None = None  # ISO date of issue, e.g. 2020-05-26
    year: int | None = None  # the plan year the tasks belong to
    level: str | None = None  # 省 / 市 / 区 / 县 when the issuer says so
    recipients: str | None = None  # 主送, e.g. 各街道办事处，区政府各部门
    source_format: str = "txt"  # txt / md / docx / pdf
    filename: str | None = None


@dataclass(frozen=True, slots=True)
class TaskList:
    """One task list of a notice (a notice may carry several)."""

    title: str
    span: SourceSpan
    first_lead_rule: bool = False  # "列第一位的责任单位为牵头单位" stated for this list


@dataclass(frozen=True, slots=True)
class Task:
    """One numbered task, with the accountable people and units it names."""

    list: str
    section_path: tuple[str, ...]
    number: int
    text: str
    leaders: tuple[str, ...] = ()
    lead_units: tuple[UnitRef, ...] = ()
    responsible_units: tuple[UnitRef, ...] = ()
    supporting_units: tuple[UnitRef, ...] = ()
    deadline: str | None = None
    span: SourceSpan = field(default_factory=lambda: SourceSpan.at(Location()))
    issues: tuple[Issue, ...] = ()
    leader_label: str | None = None  # 责任领导 / 牵头领导 / 分管领导…
    targets: tuple[Target, ...] = ()  # quantitative and qualitative targets in the text
    milestones: tuple[Milestone, ...] = ()  # dated clauses of the text and the 完成时限
    sources: tuple[FieldSource, ...] = ()  # why each field is what it is, one per field found
    flags: tuple[str, ...] = ()  # marks written on the number (``*``, ``★``), kept as written


@dataclass(frozen=True, slots=True)
class ParseResult:
    """Everything the parser learnt from one document.

    ``kind`` is the document's genre; ``targets``, ``actuals`` and ``times`` are
    what it states as a whole (:mod:`taskdoc.docvalues`): for a notice the targets
    are its tasks' (with ``task`` set), for a report or a bulletin they are read
    from its text and tables, and ``tasks`` may be empty.
    """

    document: DocumentInfo
    lists: tuple[TaskList, ...]
    tasks: tuple[Task, ...]
    issues: tuple[Issue, ...] = ()
    schedule: ReportingSchedule | None = None  # reporting rhythm stated in the notice body
    kind: DocumentKind = DocumentKind.NOTICE
    targets: tuple[DocumentTarget, ...] = ()
    actuals: tuple[DocumentActual, ...] = ()
    times: tuple[DocumentTime, ...] = ()
