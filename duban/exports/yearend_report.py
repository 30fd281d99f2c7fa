"""年度目标任务完成情况: the year-end report as a Word file in the 督查通报's 公文 layout.

The figures are ``supervision.yearend.year_end`` (the page's and the Excel table's); the
wording of each target is ``TargetResult.wording``; the page setup, fonts, page numbers and
版记 are ``officialdoc``'s, shared with the 通报. Tasks are grouped by list (一、) and
section (（一）); a list without sections has its tasks directly under the list's heading.
The last part lists the unfinished tasks carried into the next year.
"""

from __future__ import annotations

from dataclasses import dataclass

from duban.core import clock
from duban.exports.base import Exporter, ExportParams
from duban.exports.bulletins import date_text, default_cc, office_name
from duban.exports.officialdoc import (
    Imprint,
    OfficialDocument,
    chinese_ordinal,
    first_sentence,
    task_reference,
    tidy,
)
from duban.supervision import selectors
from duban.supervision.snapshot import TaskInfo
from duban.supervision.yearend import TaskOutcome, YearEnd, carried_to, year_end

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class ReportHeader:
    year: int
    issuer: str
    cc: str
    date_text: str


def _unit(task: TaskInfo) -> str:
    if task.reporting_unit:
        return task.reporting_unit[1]
    units = task.lead_units or task.responsible_units
    return units[0][1] if units else ""


def task_paragraph(row: TaskOutcome) -> str:
    """One task and its result, the task's whole first sentence never cut: 1. 地区生产总值增长
    7%以上。完成情况：地区生产总值增长7.61%，高于目标0.61个百分点；未办结。责任单位：…。"""
    clauses = [t.wording for t in row.targets if t.wording]
    clauses.append("已办结" if row.done else "未办结")
    unit = _unit(row.task)
    tail = f"责任单位：{unit}。" if unit else ""
    return (
        f"{row.task.number}. {first_sentence(row.task.text)}完成情况：{'；'.join(clauses)}。{tail}"
    )


def _opening(result: YearEnd, year: int) -> str:
    return (
        f"截至{date_text(result.as_of)}，{year}年度{result.tasks}项目标任务中，"
        f"已办结{result.done}项、占比{result.done_share}；{result.measured}项可量化指标中，"
        f"{result.met}项达到或超过年度目标。具体情况如下："
    )


def _carry_over(doc: OfficialDocument, result: YearEnd, year: int, position: int) -> None:
    doc.heading(f"{chinese_ordinal(position)}、结转下年度任务")
    if not result.unfinished:
        doc.body("年度目标任务已全部办结，无结转任务。")
        return
    carried = carried_to([t.id for t in result.unfinished])
    doc.body(f"以下{len(result.unfinished)}项任务未办结，结转至{year + 1}年度继续推进：")
    for i, task in enumerate(result.unfinished, start=1):
        unit = _unit(task)
        where = f"，已结转至《{tidy(carried[task.id])}》" if task.id in carried else ""
        doc.body(
            f"{i}. {task_reference(task.list_title, task.number)}：{first_sentence(task.text)}"
            + (f"（{unit}）" if unit else "")
            + where
            + ("。" if where else "")
        )


def render_year_end_docx(result: YearEnd, header: ReportHeader) -> bytes:
    doc = OfficialDocument()
    doc.title(f"{header.year}年度目标任务完成情况")
    doc.body(_opening(result, header.year))
    lists = result.lists
    for position, group in enumerate(lists, start=1):
        doc.heading(f"{chinese_ordinal(position)}、{tidy(group.title)}（{group.tasks}项）")
        numbered = 0
        for section in group.sections:
            if section.has_heading:
                numbered += 1
                doc.subheading(f"（{chinese_ordinal(numbered)}）{section.title}")
            for row in section.rows:
                doc.body(task_paragraph(row))
    _carry_over(doc, result, header.year, len(lists) + 1)
    doc.signature(header.issuer, header.date_text)
    doc.imprint(Imprint(cc=header.cc, printer=header.issuer, printed_on=header.date_text))
    return doc.save()


class YearEndReportExporter(Exporter):
    """The year-end report (.docx) over the tasks the user may see, on ``as_of``."""

    identifier = "yearend-report"
    title = "年度目标任务完成情况"
    columns = ()
    extension = "docx"

    def filename(self, params: ExportParams) -> str:
        return f"{self.title}_{params.as_of:%Y%m%d}.docx"

    def render(self, params: ExportParams) -> tuple[str, str, bytes]:
        data = selectors.dataset(user=params.user, document=params.document)
        result = year_end(data=data, as_of=params.as_of)
        document = params.document
        header = ReportHeader(
            year=document.year or result.as_of.year,
            issuer=office_name(document),
            cc=default_cc(document),
            date_text=date_text(clock.today()),
        )
        return self.filename(params), DOCX, render_year_end_docx(result, header)
