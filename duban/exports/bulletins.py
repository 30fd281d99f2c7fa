"""督查通报 in three steps: figures (a selector-made context), a text draft, a Word file.

1. ``bulletin_context`` reads the data once into a ``BulletinContext`` (counts, task lines,
   late and commendable units) — nothing after it touches the database.
2. ``draft_sections`` writes the conventional text from that context (总体情况, 进展较快,
   滞后, 逾期, 未按时报送单位, 通报表扬, 下步要求); the office edits it before issuing.
3. ``render_bulletin_docx`` takes only a ``BulletinContent`` and returns bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from duban.plans.models import SourceDocument
from duban.progress.models import ReportingPeriod
from duban.progress.status import ScheduleStatus
from duban.supervision.rules import count_sentence
from duban.supervision.snapshot import Dataset, Evaluated, late_units, on_track

LIST_LIMIT = 30  # tasks named per section; the rest are counted ("等N项")


@dataclass(frozen=True)
class TaskLine:
    number: int
    text: str
    unit: str
    note: str


@dataclass(frozen=True)
class BulletinContext:
    document_title: str
    year: int
    period_label: str
    as_of: date
    total: int
    done: int
    on_track: int
    ahead: int
    lagging: int
    overdue: int
    no_report: int
    fast: list[TaskLine] = field(default_factory=list)
    lagging_tasks: list[TaskLine] = field(default_factory=list)
    overdue_tasks: list[TaskLine] = field(default_factory=list)
    late_units: list[tuple[str, int]] = field(default_factory=list)
    commended_units: list[str] = field(default_factory=list)

    @property
    def behind(self) -> int:
        return self.total - self.on_track

    def figures(self) -> dict[str, Any]:
        keys = ("total", "done", "on_track", "ahead", "lagging", "overdue", "no_report")
        return {k: getattr(self, k) for k in keys} | {"late_units": len(self.late_units)}


def _line(row: Evaluated) -> TaskLine:
    task = row.task
    note = ""
    if row.latest is not None:
        lines = (row.latest.problems or row.latest.progress).strip().splitlines()
        note = lines[0][:60] if lines else ""
    return TaskLine(
        number=task.number,
        text=task.text[:80],
        unit=task.reporting_unit[1] if task.reporting_unit else "",
        note=note,
    )


def _commended(rows: list[Evaluated], late: dict[tuple[int, str], int]) -> list[str]:
    """Units whose every task meets 序时进度 and that reported on time, most tasks first."""
    counts: dict[tuple[int, str], int] = {}
    spoilt: set[tuple[int, str]] = set(late)
    for row in rows:
        unit = row.task.reporting_unit
        if unit is None:
            continue
        counts[unit] = counts.get(unit, 0) + 1
        if not on_track(row.status):
            spoilt.add(unit)
    good = [u for u in counts if u not in spoilt]
    return [name for _, name in sorted(good, key=lambda u: (-counts[u], u[1]))][:10]


def bulletin_context(
    *, data: Dataset, as_of: date, period: ReportingPeriod | None = None
) -> BulletinContext:
    """Figures for a 通报 on ``as_of``; late reporting is judged on ``period`` (default: the
    latest monthly period already due)."""
    rows = data.evaluate(as_of)
    period = period or data.period_on(as_of)
    late = late_units(data, period) if period is not None else {}

    def pick(status: ScheduleStatus) -> list[Evaluated]:
        return [r for r in rows if r.status.schedule == status]

    document: SourceDocument = data.document
    fast = pick(ScheduleStatus.DONE) + pick(ScheduleStatus.AHEAD)
    return BulletinContext(
        document_title=document.title,
        year=document.year or as_of.year,
        period_label=period.label if period is not None else f"{as_of:%m月}",
        as_of=as_of,
        total=len(rows),
        done=len(pick(ScheduleStatus.DONE)),
        on_track=sum(on_track(r.status) for r in rows),
        ahead=len(pick(ScheduleStatus.AHEAD)),
        lagging=len(pick(ScheduleStatus.LAGGING)),
        overdue=len(pick(ScheduleStatus.OVERDUE)),
        no_report=len(pick(ScheduleStatus.NO_REPORT)),
        fast=[_line(r) for r in fast],
        lagging_tasks=[_line(r) for r in pick(ScheduleStatus.LAGGING)],
        overdue_tasks=[_line(r) for r in pick(ScheduleStatus.OVERDUE)],
        late_units=sorted(
            ((name, n) for (_, name), n in late.items()), key=lambda p: (-p[1], p[0])
        ),
        commended_units=_commended(rows, late),
    )


# --- the draft ------------------------------------------------------------------------------


def headline(ctx: BulletinContext) -> str:
    """总体情况 in the conventional sentence form."""
    return (
        f"截至{ctx.as_of.year}年{ctx.as_of.month}月{ctx.as_of.day}日，"
        f"{ctx.year}年政府工作报告确定的{ctx.total}项重点任务中，"
        f"{count_sentence('已完成', ctx.done, ctx.total)}；"
        f"{count_sentence('达到序时进度', ctx.on_track, ctx.total)}；"
        f"{count_sentence('未达到序时进度', ctx.behind, ctx.total)}，"
        f"其中进展滞后{ctx.lagging}项、逾期未完成{ctx.overdue}项、未按时报送进展{ctx.no_report}项。"
    )


def _task_lines(lines: list[TaskLine], empty: str) -> str:
    if not lines:
        return empty
    shown = [
        f"{i}. 第{line.number}项：{line.text}（{line.unit or '未明确责任单位'}）"
        + (f"——{line.note}" if line.note else "")
        for i, line in enumerate(lines[:LIST_LIMIT], start=1)
    ]
    if len(lines) > LIST_LIMIT:
        shown.append(f"另有{len(lines) - LIST_LIMIT}项，详见台账。")
    return "\n".join(shown)


def _units(ctx: BulletinContext) -> str:
    if not ctx.late_units:
        return f"{ctx.period_label}各责任单位均按时报送了进展情况。"
    names = "、".join(f"{name}（{n}项）" for name, n in ctx.late_units)
    return f"{ctx.period_label}未按时报送进展情况的单位有{len(ctx.late_units)}个：{names}。"


def _commend(ctx: BulletinContext) -> str:
    if not ctx.commended_units:
        return "本期暂无全部任务达到序时进度且按时报送的单位。"
    return (
        "、".join(ctx.commended_units)
        + "等单位所承担任务全部达到序时进度、按时报送进展，予以通报表扬。"
    )


REQUIREMENTS = (
    "一是压实工作责任。各责任单位要对照年度目标和序时进度，逐项梳理任务推进情况，"
    "对滞后、逾期任务制定整改措施，明确完成时限。\n"
    "二是按时报送进展。各单位要严格按照报送安排，按时、如实报送进展情况和佐证材料。\n"
    "三是强化跟踪督办。督查室将持续跟踪滞后、逾期任务，视情况实地督查，并将推进情况纳入年度考核。"
)


def draft_sections(ctx: BulletinContext) -> list[dict[str, str]]:
    """The editable body: ``[{"heading": …, "body": …}]``, paragraphs separated by newlines."""
    return [
        {"heading": "一、总体情况", "body": headline(ctx)},
        {
            "heading": "二、进展较快的任务",
            "body": _task_lines(ctx.fast, "本期暂无已完成或超序时进度的任务。"),
        },
        {
            "heading": "三、进展滞后的任务",
            "body": _task_lines(ctx.lagging_tasks, "本期无进展滞后的任务。"),
        },
        {
            "heading": "四、逾期未完成的任务",
            "body": _task_lines(ctx.overdue_tasks, "本期无逾期未完成的任务。"),
        },
        {"heading": "五、未按时报送单位", "body": _units(ctx)},
        {"heading": "六、通报表扬单位", "body": _commend(ctx)},
        {"heading": "七、下步要求", "body": REQUIREMENTS},
    ]


def draft_title(ctx: BulletinContext) -> str:
    return f"关于{ctx.year}年政府工作报告重点任务{ctx.period_label}推进情况的通报"


# --- rendering ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BulletinContent:
    """What is printed: built from a ``Bulletin`` row (draft or issued)."""

    title: str
    doc_number: str
    issuer: str
    date_text: str
    sections: list[dict[str, str]]
    watermark: str = ""  # "草稿" on drafts


def _font(run: Any, *, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _paragraph(
    doc: Any,
    text: str,
    *,
    name: str,
    size: float,
    bold: bool = False,
    align: Any = None,
    indent: bool = False,
) -> None:
    paragraph = doc.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    _font(paragraph.add_run(text), name=name, size=size, bold=bold)


def render_bulletin_docx(content: BulletinContent) -> bytes:
    """The Word file: 文号, 标题 (小标宋 22pt), body (仿宋 16pt), headings (黑体), signature."""
    doc = Document()
    center, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    if content.watermark:
        _paragraph(doc, f"【{content.watermark}】", name="黑体", size=12, align=right)
    _paragraph(doc, content.doc_number, name="仿宋_GB2312", size=16, align=center)
    _paragraph(doc, content.title, name="方正小标宋简体", size=22, align=center)
    for section in content.sections:
        _paragraph(doc, section.get("heading", ""), name="黑体", size=16, indent=True)
        for line in section.get("body", "").splitlines():
            if line.strip():
                _paragraph(doc, line.strip(), name="仿宋_GB2312", size=16, indent=True)
    _paragraph(doc, content.issuer, name="仿宋_GB2312", size=16, align=right)
    _paragraph(doc, content.date_text, name="仿宋_GB2312", size=16, align=right)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
