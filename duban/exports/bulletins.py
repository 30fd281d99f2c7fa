"""督查通报 in three steps: figures (a selector-made context), a text draft, a Word file.

1. ``bulletin_context`` reads the data once into a ``BulletinContext`` (counts, task lines,
   late and commendable units) — nothing after it touches the database. Task states are the
   read model's on the bulletin's date; the progress it quotes is each task's latest report
   approved by then (``approved.latest_approved``).
2. ``draft_sections`` writes the conventional text from that context (总体情况, 进展较快,
   滞后, 逾期, 未按时报送单位, 通报表扬, 下步要求); the office edits it before issuing.
   A task is named as 《清单名》第N项 with the whole first sentence of its text.
3. ``render_bulletin_docx`` takes only a ``BulletinContent`` and returns the bytes of a
   GB/T 9704 document (``officialdoc``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings

from duban.exports.approved import ApprovedReport, latest_approved
from duban.exports.officialdoc import Imprint, OfficialDocument, first_sentence, task_reference
from duban.plans.models import SourceDocument
from duban.progress.models import ReportingPeriod
from duban.progress.status import ScheduleStatus
from duban.supervision.rules import count_sentence
from duban.supervision.snapshot import Dataset, Evaluated, late_units, on_track

LIST_LIMIT = 30  # tasks named per section; the rest are counted ("等N项")


@dataclass(frozen=True)
class TaskLine:
    number: int
    reference: str  # 《清单名》第N项
    text: str  # the whole first sentence of the task
    unit: str
    note: str  # from the latest approved report, with its period; or the 销号 day


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
    # the tasks named, at most LIST_LIMIT a section (the counts above say how many in all)
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


def _note(row: Evaluated, approved: ApprovedReport | None, as_of: date) -> str:
    """What the line quotes: a closed task's 销号 day, else the first sentence of the latest
    approved report (its problems for a task behind, its progress otherwise), with its period
    so that an older month is never read as this one."""
    closed = row.task.closed_on
    if row.status.schedule == ScheduleStatus.DONE and closed is not None and closed <= as_of:
        return "已办结销号" if closed == date.min else f"已于{closed.month}月{closed.day}日办结销号"
    if approved is None:
        return ""
    behind = row.status.schedule in (ScheduleStatus.LAGGING, ScheduleStatus.OVERDUE)
    text = (approved.problems if behind else "") or approved.progress or approved.problems
    sentence = first_sentence(text) if text.strip() else ""
    return f"{approved.period_label}：{sentence}" if sentence else ""


def _line(row: Evaluated, approved: dict[int, ApprovedReport], as_of: date) -> TaskLine:
    task = row.task
    return TaskLine(
        number=task.number,
        reference=task_reference(task.list_title, task.number),
        text=first_sentence(task.text),
        unit=task.reporting_unit[1] if task.reporting_unit else "",
        note=_note(row, approved.get(task.id), as_of),
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
    latest monthly period already due).

    The task lists hold the tasks the draft names (the first ``LIST_LIMIT`` of a section;
    the counts say how many there are): at 100,000 tasks, quoting every task's approved
    report and first sentence was most of the draft, for lines nobody prints. The states
    are read without the reports' texts (``evaluate(reports=False)``) for the same reason.
    """
    rows = data.evaluate(as_of, reports=False)
    period = period or data.period_on(as_of)
    late = late_units(data, period) if period is not None else {}
    by_schedule: dict[ScheduleStatus, list[Evaluated]] = {s: [] for s in ScheduleStatus}
    for row in rows:
        by_schedule[row.status.schedule].append(row)
    fast = by_schedule[ScheduleStatus.DONE] + by_schedule[ScheduleStatus.AHEAD]
    named = [
        chosen[:LIST_LIMIT]
        for chosen in (
            fast,
            by_schedule[ScheduleStatus.LAGGING],
            by_schedule[ScheduleStatus.OVERDUE],
        )
    ]
    approved = latest_approved([r.task.id for chosen in named for r in chosen], as_of)
    fast_lines, lagging_lines, overdue_lines = (
        [_line(r, approved, as_of) for r in chosen] for chosen in named
    )
    document: SourceDocument = data.document
    return BulletinContext(
        document_title=document.title,
        year=document.year or as_of.year,
        period_label=period.label if period is not None else f"{as_of:%m月}",
        as_of=as_of,
        total=len(rows),
        done=len(by_schedule[ScheduleStatus.DONE]),
        on_track=sum(on_track(r.status) for r in rows),
        ahead=len(by_schedule[ScheduleStatus.AHEAD]),
        lagging=len(by_schedule[ScheduleStatus.LAGGING]),
        overdue=len(by_schedule[ScheduleStatus.OVERDUE]),
        no_report=len(by_schedule[ScheduleStatus.NO_REPORT]),
        fast=fast_lines,
        lagging_tasks=lagging_lines,
        overdue_tasks=overdue_lines,
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


def _task_lines(lines: list[TaskLine], total: int, empty: str) -> str:
    """The named lines, then how many more there are of the ``total`` tasks in the section."""
    if not lines:
        return empty
    shown = [
        f"{i}. {line.reference}：{line.text}（{line.unit or '未明确责任单位'}）"
        + (f"——{line.note}" if line.note else "")
        for i, line in enumerate(lines[:LIST_LIMIT], start=1)
    ]
    if total > len(shown):
        shown.append(f"另有{total - len(shown)}项，详见台账。")
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
            "body": _task_lines(
                ctx.fast, ctx.done + ctx.ahead, "本期暂无已完成或超序时进度的任务。"
            ),
        },
        {
            "heading": "三、进展滞后的任务",
            "body": _task_lines(ctx.lagging_tasks, ctx.lagging, "本期无进展滞后的任务。"),
        },
        {
            "heading": "四、逾期未完成的任务",
            "body": _task_lines(ctx.overdue_tasks, ctx.overdue, "本期无逾期未完成的任务。"),
        },
        {"heading": "五、未按时报送单位", "body": _units(ctx)},
        {"heading": "六、通报表扬单位", "body": _commend(ctx)},
        {"heading": "七、下步要求", "body": REQUIREMENTS},
    ]


def draft_title(ctx: BulletinContext) -> str:
    return f"关于{ctx.year}年政府工作报告重点任务{ctx.period_label}推进情况的通报"


# --- 文号, 发文单位, 抄送 -------------------------------------------------------------------

NUMBER_FORMAT = "督查通报〔{year}〕{number}号"


def number_format() -> str:
    """The 发文字号 pattern (setting ``DUBAN_BULLETIN_NUMBER``), with ``{year}`` and ``{number}``."""
    return str(getattr(settings, "DUBAN_BULLETIN_NUMBER", "") or NUMBER_FORMAT)


def doc_number(year: int, number: int | None) -> str:
    """``督查通报〔2024〕3号``; without a number the blank a draft shows (``〔2024〕 号``)."""
    return number_format().format(year=year, number=" " if number is None else number)


def _number_pattern() -> re.Pattern[str]:
    fmt = re.escape(number_format())
    for key, part in (("year", r"(?P<year>\d{4})"), ("number", r"(?P<number>\s*|\d+)")):
        fmt = fmt.replace(re.escape("{" + key + "}"), part)
    return re.compile(rf"^{fmt}$")


_BLANK_RE = re.compile(r"〔(?P<year>\d{4})〕\s*号$")


def parse_number(text: str) -> tuple[int, int | None] | None:
    """(year, number) of a 文号 in the configured pattern, number ``None`` for a blank one (a
    draft's ``〔2024〕 号``, in this pattern or an earlier one); ``None`` for a 文号 the office
    wrote in another form (kept as written)."""
    text = text.strip()
    match = _number_pattern().match(text)
    if match is not None:
        number = match.group("number").strip()
        return int(match.group("year")), int(number) if number else None
    blank = _BLANK_RE.search(text)
    return (int(blank.group("year")), None) if blank is not None else None


def office_name(document: SourceDocument) -> str:
    """发文单位: the issuer's 督查室 (测试市人民政府办公厅 → 测试市人民政府督查室)."""
    base = document.issuer.removesuffix("办公厅").removesuffix("办公室")
    return f"{base or '市人民政府'}督查室"


RECIPIENTS_BY_LEVEL = {
    "省": "各市人民政府，省政府各部门：",
    "市": "各区人民政府，市政府各部门：",
    "区": "各街道办事处，区政府各部门：",
    "县": "各乡镇人民政府，县政府各部门：",
}


def _place(document: SourceDocument) -> str:
    """The government's own name less 办公厅/办公室 and 人民政府 (测试市人民政府办公厅 → 测试市)."""
    return document.issuer.removesuffix("办公厅").removesuffix("办公室").removesuffix("人民政府")


def default_recipients(document: SourceDocument) -> str:
    """主送机关 of a new draft: the setting ``DUBAN_BULLETIN_RECIPIENTS``; else the notice's own
    主送 (the units it assigned the tasks to); else by the government's level, 市 when unknown."""
    configured = str(getattr(settings, "DUBAN_BULLETIN_RECIPIENTS", "") or "").strip()
    stated = configured or document.recipients.strip().rstrip(":：。")
    if stated:
        return stated if stated.endswith(("：", ":")) else f"{stated}："
    level = document.level or _place(document)[-1:]
    return RECIPIENTS_BY_LEVEL.get(level, RECIPIENTS_BY_LEVEL["市"])


def default_cc(document: SourceDocument) -> str:
    """抄送 as offices usually write it for a 政府工作报告 通报; the office edits it."""
    place = _place(document) or "市"
    return f"{place}委办公室，{place}人大常委会办公室，{place}政协办公室。"


# --- rendering ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BulletinContent:
    """What is printed: built from a ``Bulletin`` row (draft or issued) or a context."""

    title: str
    doc_number: str
    issuer: str
    date_text: str
    sections: list[dict[str, str]]
    watermark: str = ""  # "草稿" on drafts
    cc: str = ""
    recipients: str = ""  # 主送机关, under the title


def date_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def draft_content(ctx: BulletinContext, document: SourceDocument) -> BulletinContent:
    """A draft straight from the data (``duban bulletin``): the text the web draft starts
    from, marked 草稿, with the blank 文号 the issue fills in."""
    return BulletinContent(
        title=draft_title(ctx),
        doc_number=doc_number(ctx.year, None),
        issuer=office_name(document),
        date_text=date_text(ctx.as_of),
        sections=draft_sections(ctx),
        watermark="草稿",
        cc=default_cc(document),
        recipients=default_recipients(document),
    )


def render_bulletin_docx(content: BulletinContent) -> bytes:
    """The Word file in the 公文 layout: 文号, 标题, 主送机关, sections (黑体 headings), 署名
    and 日期, then the 版记 (抄送, 印发机关 and 印发日期) at the foot of the last page."""
    doc = OfficialDocument()
    if content.watermark:
        doc.mark(content.watermark)
    doc.doc_number(content.doc_number)
    doc.title(content.title)
    doc.recipients(content.recipients)
    for section in content.sections:
        if section.get("heading", "").strip():
            doc.heading(section["heading"].strip())
        for line in section.get("body", "").splitlines():
            if line.strip():
                doc.body(line.strip())
    doc.signature(content.issuer, content.date_text)
    doc.imprint(Imprint(cc=content.cc, printer=content.issuer, printed_on=content.date_text))
    return doc.save()
