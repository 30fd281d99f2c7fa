"""Notices in layouts other than the two seeds: each example file is a layout seen in practice."""

from __future__ import annotations

from pathlib import Path

from taskdoc import parse_file

EXAMPLES = Path(__file__).parent / "examples"


def test_national_opinion_with_duties_in_closing_brackets() -> None:
    """国务院-style: （一） tasks, duties in brackets, a signature and a date after the last task."""
    result = parse_file(EXAMPLES / "national_opinion.txt")
    document = result.document
    assert (document.issuer, document.level, document.doc_number) == (
        "国务院",
        "国家",
        "国发〔2024〕6号",
    )
    assert result.lists[0].title == "关于落实《政府工作报告》重点工作分工的意见"
    tasks = result.tasks
    assert [(t.number, t.section_path) for t in tasks] == [
        (1, ("一、着力扩大国内需求",)),
        (2, ("一、着力扩大国内需求",)),
        (3, ("二、深化重点领域改革",)),
    ]
    assert tasks[2].text == "加快建设全国统一大市场。"
    assert [u.name for u in tasks[2].lead_units] == ["国家发展改革委", "市场监管总局"]
    assert [(u.name, u.collective) for u in tasks[0].responsible_units] == [
        ("国家发展改革委", False),
        ("财政部", True),
    ]
    assert tasks[1].deadline == "2024年底前完成"
    assert all(not t.issues for t in tasks)  # no leaders anywhere: not a problem per task
