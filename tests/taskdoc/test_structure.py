"""The grammar on plain strings: lists, sections, numbering styles, field forms, errors."""

from __future__ import annotations

import pytest

from taskdoc import NoTasksError, parse_text

BASIC = """
某某区人民政府办公室
关于印发《2025年区政府工作报告目标任务分解》的通知
各街道办事处，区政府各部门：
现印发给你们，请认真落实。
2025年2月10日
2025年区政府工作报告目标任务分解
一、稳增长
（一）扩大投资
1. 完成固定资产投资增长 8%。
责任领导：张 洋
牵头单位：区发展改革委
责任单位：区财政局、郑东新区、高新区管委会
完成时限：12月底前
2. 推进项目建设，力争全
年开工 20 个。
责任领导：李四
责任单位：区住建局
（二）促消费
3. 举办促消费活动不少于50场。
责任领导：王五
责任单位：区商务局、各街道办事处
二、惠民生
4. 新建学校 2 所。
责任领导：赵六
配合单位：区教育局
"""


def test_basic_notice_structure() -> None:
    result = parse_text(BASIC)
    assert [t.number for t in result.tasks] == [1, 2, 3, 4]
    assert [t.section_path for t in result.tasks] == [
        ("一、稳增长", "（一）扩大投资"),
        ("一、稳增长", "（一）扩大投资"),
        ("一、稳增长", "（二）促消费"),
        ("二、惠民生",),
    ]
    first = result.tasks[0]
    assert first.list == "2025年区政府工作报告目标任务分解"
    assert first.leaders == ("张洋",)
    assert [u.name for u in first.lead_units] == ["区发展改革委"]
    assert [u.name for u in first.responsible_units] == [
        "区财政局",
        "郑东新区管委会",
        "高新区管委会",
    ]
    assert first.deadline == "12月底前"
    assert result.tasks[1].text == "推进项目建设，力争全年开工 20 个。"
    assert [u.label for u in result.tasks[3].supporting_units] == ["配合单位"]
    assert result.document.year == 2025
    assert result.document.level == "区"
    assert result.document.issuer == "某某区人民政府办公室"
    assert result.document.date == "2025-02-10"


def test_source_span_covers_text_and_fields() -> None:
    task = parse_text(BASIC).tasks[1]
    assert task.span.start.line == 15
    assert task.span.end.line == 18


def test_national_form_with_trailing_duties() -> None:
    text = """
重点工作分工方案
（一）加快建设全国统一大市场。（国家发展改革委、商务部牵头，各地区按职责分工负责）
（二）稳定和扩大就业。（人力资源社会保障部牵头，教育部等配合）
"""
    tasks = parse_text(text).tasks
    assert [t.number for t in tasks] == [1, 2]
    assert tasks[0].text == "加快建设全国统一大市场。"
    assert [u.name for u in tasks[0].lead_units] == ["国家发展改革委", "商务部"]
    assert [u.name for u in tasks[0].responsible_units] == ["各地区"]
    assert [u.raw for u in tasks[1].supporting_units] == ["教育部等"]


def test_first_listed_unit_is_lead_when_the_notice_says_so() -> None:
    text = """
说明：列第一位的责任单位为牵头单位。
重点任务清单
1. 推进老旧小区改造。
责任领导：王五
责任单位：区住建局、区财政局
"""
    result = parse_text(text)
    task = result.tasks[0]
    assert [u.name for u in task.lead_units] == ["区住建局"]
    assert [u.name for u in task.responsible_units] == ["区财政局"]
    assert result.lists[0].first_lead_rule


def test_without_the_rule_no_lead_is_inferred() -> None:
    task = parse_text("1. 推进改造。\n责任领导：王五\n责任单位：区住建局、区财政局").tasks[0]
    assert task.lead_units == ()
    assert len(task.responsible_units) == 2


def test_inline_bracketed_fields() -> None:
    task = parse_text("1. 推进改造。（责任领导：王五；责任单位：区住建局）").tasks[0]
    assert task.text == "推进改造。"
    assert task.leaders == ("王五",)
    assert [u.name for u in task.responsible_units] == ["区住建局"]


def test_numbered_body_paragraphs_before_the_list_are_not_tasks() -> None:
    text = """
1. 各单位要细化任务。
2. 每月10日前报送进展。
重点工作任务分解
1. 推进改造。
责任领导：王五
责任单位：区住建局
"""
    tasks = parse_text(text).tasks
    assert [(t.number, t.text) for t in tasks] == [(1, "推进改造。")]


def test_warnings_are_attached_to_tasks() -> None:
    text = """
1. 第一项。
责任领导：王五
2. 第二项。
责任单位：区住建局
4. 第四项。
责任领导：王五
责任单位：区住建局
"""
    tasks = parse_text(text).tasks
    assert [i.code for i in tasks[0].issues] == ["units_missing"]
    assert [i.code for i in tasks[1].issues] == ["leaders_missing"]
    assert [i.code for i in tasks[2].issues] == ["number_gap"]
    assert "任务1（第2行）" in tasks[0].issues[0].message


def test_closing_matter_ends_the_last_task() -> None:
    text = """
1. 推进改造。
责任单位：区住建局
抄送：区委各部门。
区人大常委会办公室。
"""
    task = parse_text(text).tasks[0]
    assert [u.name for u in task.responsible_units] == ["区住建局"]
    assert task.span.end.line == 3


def test_a_document_without_tasks_says_what_was_expected() -> None:
    with pytest.raises(NoTasksError) as caught:
        parse_text("关于召开座谈会的通知\n请于周三上午参加座谈。", filename="note.txt")
    message = str(caught.value)
    assert message.startswith("note.txt: ")
    assert "责任单位" in message
    # a work report is no task list, but it parses (issue 10): its figures, no tasks
    report = parse_text("政府工作报告\n一、2023年工作回顾\n全区地区生产总值增长 3%。")
    assert str(report.kind) == "work_report" and not report.tasks and report.actuals


def test_spaced_and_bracketed_labels() -> None:
    task = parse_text("1. 推进改造。\n责 任 领 导：王五\n【责任单位】区住建局、区财政局").tasks[0]
    assert task.leaders == ("王五",)
    assert [u.name for u in task.responsible_units] == ["区住建局", "区财政局"]


def test_fields_run_on_after_the_task_text() -> None:
    task = parse_text(
        "1. 推进改造。责任领导：王五；牵头单位：区住建局\n2. 新建学校。责任单位：区教育局"
    ).tasks[0]
    assert task.text == "推进改造。"
    assert task.leaders == ("王五",)
    assert [u.name for u in task.lead_units] == ["区住建局"]


def test_lead_marked_inside_the_unit_list() -> None:
    task = parse_text("1. 推进改造。\n责任单位：区住建局（牵头）、区财政局").tasks[0]
    assert [(u.name, u.raw) for u in task.lead_units] == [("区住建局", "区住建局（牵头）")]
    assert [u.name for u in task.responsible_units] == ["区财政局"]


def test_a_field_whose_value_is_on_the_next_line() -> None:
    task = parse_text(
        "1. 推进改造。\n责任单位：\n区住建局、区财政局\n2. 新建学校。\n责任单位：区教育局"
    ).tasks[0]
    assert [u.name for u in task.responsible_units] == ["区住建局", "区财政局"]


def test_first_lead_rule_stated_in_a_table_header() -> None:
    from taskdoc.model import Location, TableRow
    from taskdoc.pipeline import _parse
    from taskdoc.readers import ReadResult

    rows = (
        TableRow(
            ("序号", "工作任务", "责任单位（排在第一位的为牵头单位）"), Location(table=1, row=1)
        ),
        TableRow(("1", "推进改造。", "区住建局、区财政局"), Location(table=1, row=2)),
    )
    task = _parse(ReadResult(rows, "docx"), filename="t.docx").tasks[0]
    assert [u.name for u in task.lead_units] == ["区住建局"]
    assert [u.name for u in task.responsible_units] == ["区财政局"]


def test_attachment_lines_between_lists_are_not_unit_names() -> None:
    text = "附件1\n重点工作任务分解\n1. 推进改造。\n责任单位：区住建局\n附件2\n民生实事任务清单\n1. 新建学校。\n责任单位：区教育局"
    result = parse_text(text)
    assert [u.name for t in result.tasks for u in t.responsible_units] == ["区住建局", "区教育局"]
    assert [t.list for t in result.tasks] == ["重点工作任务分解", "民生实事任务清单"]


def test_sub_items_before_the_fields_do_not_become_the_task_style() -> None:
    """（1）（2） sub-items stand between a 1、 task and its fields: the task is 1、."""
    text = """
2024年重点工作任务分解
1、实施老旧小区改造。
（1）完成改造小区26个；
（2）加装电梯20部。
责任单位：区住房城乡建设局
2、实施道路畅通工程。
（1）新建道路8条；
（2）打通断头路3条。
责任单位：区城市管理局
"""
    tasks = parse_text(text).tasks
    assert [(t.number, t.section_path) for t in tasks] == [(1, ()), (2, ())]
    assert tasks[0].text == "实施老旧小区改造。（1）完成改造小区26个；（2）加装电梯20部。"


def test_requirements_part_of_a_plan_is_not_tasks() -> None:
    text = """
区2024年重点工作任务分工方案
二、重点任务
（一）推进项目建设。（牵头单位：区发改委；责任单位：区财政局）
（二）扩大消费。（牵头单位：区商务局）
三、保障措施
（一）加强组织领导。各牵头单位要切实履行职责。
（二）强化督查考核。区政府督查室要定期督查。
"""
    tasks = parse_text(text).tasks
    assert [(t.number, t.section_path) for t in tasks] == [
        (1, ("二、重点任务",)),
        (2, ("二、重点任务",)),
    ]


def test_a_section_without_fields_is_kept_unless_it_is_a_requirements_part() -> None:
    text = """
区2024年重点工作任务分工方案
一、稳增长
（一）推进项目建设。（牵头单位：区发改委）
二、惠民生
（二）新建学校2所。
"""
    tasks = parse_text(text).tasks
    assert [t.number for t in tasks] == [1, 2]
    assert [i.code for i in tasks[1].issues] == ["units_missing"]


def test_the_signature_under_the_last_task_is_not_a_unit() -> None:
    text = """
2024年重点工作任务分解
1．扩大消费。
责任单位：县商务局
某某县人民政府办公室
2024年3月1日
"""
    task = parse_text(text).tasks[0]
    assert [u.name for u in task.responsible_units] == ["县商务局"]
