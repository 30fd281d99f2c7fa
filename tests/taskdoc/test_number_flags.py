"""Marks written on a task's number in prose (``4.★…``) are flags, not task text."""

from __future__ import annotations

from taskdoc import parse_text

NOTICE = """某某区2026年重点工作任务分解
1.★建成区级养老服务中心1个。
责任单位：区民政局
2.※新建公办幼儿园2所。
责任单位：区教育局
3.**改造背街小巷**15条。
责任单位：区城管局

某某区人民政府办公室
2026年2月1日
"""


def test_marks_after_the_number_become_flags() -> None:
    tasks = parse_text(NOTICE).tasks
    assert [t.flags for t in tasks] == [("★",), ("※",), ()]
    assert tasks[0].text == "建成区级养老服务中心1个。"
    assert tasks[1].text == "新建公办幼儿园2所。"


def test_markdown_bold_is_not_a_flag() -> None:
    task = parse_text(NOTICE).tasks[2]
    assert task.flags == ()
    assert task.text == "改造背街小巷15条。"
