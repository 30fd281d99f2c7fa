"""Notices in layouts other than the two seeds: each example file is a layout seen in practice.

Every expected value below was decided by reading the notice, before running the parser.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from taskdoc import ParseResult, Task, parse_bytes, parse_file
from taskdoc.model import UnitRef
from tests.taskdoc.docgen import docx_with_table, pdf_from_text

EXAMPLES = Path(__file__).parent / "examples"


def _names(units: Sequence[UnitRef]) -> list[str]:
    return [unit.name for unit in units]


def _collectives(units: Sequence[UnitRef]) -> list[str]:
    return [unit.name for unit in units if unit.collective]


def _metadata(result: ParseResult) -> tuple[object, ...]:
    d = result.document
    return (d.title, d.issuer, d.doc_number, d.date, d.year, d.level, d.recipients)


def _codes(task: Task) -> list[str]:
    return [issue.code for issue in task.issues]


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


# ---------------------------------------------------------------- province: fields in brackets

PROVINCE_METADATA = (
    "关于印发2024年省政府工作报告重点工作分工方案的通知",
    "河南省人民政府办公厅",
    "豫政办〔2024〕8号",
    "2024-02-20",
    2024,
    "省",
    "各省辖市人民政府，济源示范区管委会，各省直管县（市）人民政府，省人民政府各部门",
)


def _check_province(result: ParseResult) -> None:
    assert [lst.title for lst in result.lists] == ["2024年省政府工作报告重点工作分工方案"]
    tasks = result.tasks
    assert [(t.number, t.section_path) for t in tasks] == [
        (1, ("（一）扩大有效需求",)),
        (2, ("（一）扩大有效需求",)),
        (3, ("（二）推进科技创新",)),
        (4, ("（二）推进科技创新",)),
        (5, ("（三）保障和改善民生",)),
        (6, ("（三）保障和改善民生",)),
    ]
    first = tasks[0]
    assert first.text == "全力扩大有效投资，全年实施省重点项目2000个以上，完成投资1.2万亿元以上。"
    assert _names(first.lead_units) == ["省发展改革委"]
    assert _names(first.supporting_units) == ["省财政厅", "省自然资源厅"]
    assert first.responsible_units == ()
    assert _names(tasks[1].supporting_units) == [
        "省发展改革委",
        "省文化和旅游厅",
        "各省辖市人民政府",
    ]
    assert _collectives(tasks[1].supporting_units) == ["各省辖市人民政府"]
    assert _names(tasks[2].supporting_units) == [
        "郑州市人民政府",
        "洛阳市人民政府",
        "新乡市人民政府",
    ]
    assert _names(tasks[3].lead_units) == ["省委人才办", "省人力资源社会保障厅"]
    assert _names(tasks[4].supporting_units) == ["各省辖市人民政府", "济源示范区管委会"]
    assert tasks[5].text == "新建改扩建幼儿园200所，新增公办学位10万个。"
    assert tasks[5].deadline == "2024年12月底前"
    assert [t.deadline for t in tasks[:5]] == [None] * 5
    assert all(t.leaders == () for t in tasks)
    assert all(not t.issues for t in tasks)


def test_province_plan_with_fields_closing_each_task_in_brackets() -> None:
    """省级分工方案: （一） sections, 1． tasks, （牵头单位：…；配合单位：…） after each task."""
    result = parse_file(EXAMPLES / "province_bracket_fields.txt")
    assert _metadata(result) == PROVINCE_METADATA
    _check_province(result)


def test_province_plan_as_pdf() -> None:
    """The same notice as a PDF: lines wrap at the page width, mid-word and mid-bracket."""
    text = (EXAMPLES / "province_bracket_fields.txt").read_text(encoding="utf-8")
    result = parse_bytes(pdf_from_text(text), filename="province.pdf")
    assert _metadata(result) == PROVINCE_METADATA
    _check_province(result)


# ---------------------------------------------------------------- county: 第一部分 + 一、 tasks


def test_county_notice_with_parts_and_cn_comma_tasks() -> None:
    """县级: 第一部分/第二部分 are sections, 一、 items own the fields, so they are the tasks."""
    result = parse_file(EXAMPLES / "county_parts.txt")
    assert _metadata(result) == (
        "关于印发汝阳县2024年政府工作报告目标任务分解的通知",
        "汝阳县人民政府办公室",
        "汝政办〔2024〕5号",
        "2024-03-01",
        2024,
        "县",
        "各乡镇人民政府、城关镇街道办事处，县政府各部门，各有关单位",
    )
    assert [lst.title for lst in result.lists] == ["汝阳县2024年政府工作报告目标任务分解"]
    tasks = result.tasks
    assert [(t.number, t.section_path) for t in tasks] == [
        (1, ("第一部分 主要预期目标",)),
        (2, ("第一部分 主要预期目标",)),
        (3, ("第二部分 重点工作",)),
        (4, ("第二部分 重点工作",)),
        (5, ("第二部分 重点工作",)),
    ]
    assert tasks[0].text == "全县生产总值增长6.5%左右。"
    assert tasks[0].leaders == ("王建国",)
    assert _names(tasks[0].lead_units) == ["县发展改革委"]
    assert _names(tasks[0].responsible_units) == ["县统计局", "各乡镇人民政府"]
    assert tasks[1].leaders == ("李明",)
    assert _names(tasks[2].responsible_units) == [
        "县住房城乡建设局",
        "县自然资源局",
        "城关镇人民政府",
        "柏树乡人民政府",
        "刘店镇人民政府",
    ]
    assert tasks[3].leaders == ("张华",)
    assert tasks[3].deadline == "2024年10月底前"
    # the 版记 line (issuer + 印发 date) after the last task is not one of its units
    assert tasks[4].text == "加快推进县人民医院新院区建设，年底前主体完工。"
    assert _names(tasks[4].responsible_units) == ["县发展改革委", "县财政局"]
    assert all(not t.issues for t in tasks)


# ---------------------------------------------------------------- city: fields on the task line


def test_city_list_with_all_fields_on_the_task_line() -> None:
    """市级清单: 责任领导：…  牵头单位：…  责任单位：… written on the task's own line."""
    result = parse_file(EXAMPLES / "city_single_line_fields.txt")
    assert _metadata(result) == (
        "关于印发洛阳市2023年市政府重点工作任务清单的通知",
        "洛阳市人民政府办公室",
        "洛政办〔2023〕12号",
        "2023-02-15",
        2023,
        "市",
        "各县（市、区）人民政府，市人民政府各部门，各有关单位",
    )
    assert [lst.title for lst in result.lists] == ["洛阳市2023年市政府重点工作任务清单"]
    tasks = result.tasks
    assert [(t.number, t.section_path) for t in tasks] == [
        (1, ("一、建设国家创新高地",)),
        (2, ("一、建设国家创新高地",)),
        (3, ("二、推进先进制造业发展",)),
        (4, ("二、推进先进制造业发展",)),
    ]
    assert tasks[0].text == "推进伊滨科技城建设，新建中试基地10家。"
    assert tasks[0].leaders == ("张三丰",)
    assert _names(tasks[0].lead_units) == ["市科技局"]
    assert _names(tasks[0].responsible_units) == ["伊滨区管委会", "市财政局"]
    assert _collectives(tasks[1].responsible_units) == ["各县（市、区）人民政府"]
    assert tasks[2].text == "实施“十百千”亿级产业培育行动，规模以上工业增加值增长7%。"
    assert _names(tasks[2].responsible_units) == [
        "市发展改革委",
        "洛阳高新区管委会",
        "伊滨区管委会",
    ]
    assert tasks[3].text == "打造现代化产业集群"
    assert tasks[3].leaders == ("李明远", "王伟")
    assert _names(tasks[3].lead_units) == ["市发展改革委"]
    assert _names(tasks[3].responsible_units) == ["市工业和信息化局"]
    assert all(not t.issues for t in tasks)


# ---------------------------------------------------------------- 牵头市领导 + 配合单位


def test_city_plan_with_lead_leader_label_and_supporting_units() -> None:
    """牵头市领导 (padded two-character names, 、-separated), 牵头单位 and 配合单位; （一） tasks."""
    result = parse_file(EXAMPLES / "city_leader_labels.txt")
    assert _metadata(result) == (
        "关于印发许昌市2024年政府工作报告重点工作分解方案的通知",
        "许昌市人民政府",
        "许政〔2024〕3号",
        "2024-02-06",
        2024,
        "市",
        "各县（市、区）人民政府，城乡一体化示范区、经济技术开发区、东城区管委会，市人民政府各部门",
    )
    tasks = result.tasks
    assert [(t.number, t.section_path) for t in tasks] == [
        (1, ("一、坚持项目为王，持续扩大有效投资",)),
        (2, ("一、坚持项目为王，持续扩大有效投资",)),
        (3, ("二、坚持创新驱动，加快产业转型",)),
    ]
    assert tasks[0].text == "实施重点项目600个以上，年度完成投资1000亿元以上。"
    assert tasks[0].leaders == ("刘涛",)
    assert tasks[0].leader_label == "牵头市领导"
    assert _names(tasks[0].lead_units) == ["市发展改革委"]
    assert _names(tasks[0].supporting_units) == [
        "市财政局",
        "市自然资源和规划局",
        "各县（市、区）人民政府",
    ]
    assert [u.label for u in tasks[0].supporting_units] == ["配合单位"] * 3
    assert tasks[1].leaders == ("刘涛", "陈明")
    assert _names(tasks[2].supporting_units) == [
        "各县（市、区）人民政府",
        "城乡一体化示范区管委会",
        "经济技术开发区管委会",
        "东城区管委会",
    ]
    assert _collectives(tasks[2].supporting_units) == ["各县（市、区）人民政府"]
    assert all(not t.issues for t in tasks)


# ---------------------------------------------------------------- 分管区领导 with posts


def test_district_division_with_leader_posts() -> None:
    """分管区领导 lists posts with the names (副区长 张三); the names are the leaders."""
    result = parse_file(EXAMPLES / "district_leader_posts.txt")
    assert _metadata(result) == (
        "关于印发金水区2024年重点工作任务分工的通知",
        "郑州市金水区人民政府办公室",
        "金政办〔2024〕6号",
        "2024-02-28",
        2024,
        "区",
        "各街道办事处，区政府各部门，各有关单位",
    )
    assert [lst.title for lst in result.lists] == ["金水区2024年重点工作任务分工"]
    tasks = result.tasks
    assert [t.number for t in tasks] == [1, 2, 3, 4]
    assert [t.leaders for t in tasks] == [
        ("王立新",),
        ("张三", "李四"),
        ("刘强",),
        ("区政府班子成员",),
    ]
    assert {t.leader_label for t in tasks} == {"分管区领导"}
    assert _names(tasks[1].lead_units) == ["区商务局"]
    assert _collectives(tasks[1].supporting_units) == ["各街道办事处"]
    assert _names(tasks[3].responsible_units) == ["区政府各部门"]
    assert tasks[3].section_path == ("二、社会事业",)
    assert all(not t.issues for t in tasks)


# ---------------------------------------------------------------- 民生实事 with 完成时限


def test_livelihood_projects_with_deadlines() -> None:
    """民生实事清单: no sections, 完成时限 on every task in the forms offices write them."""
    result = parse_file(EXAMPLES / "minsheng_deadlines.txt")
    assert _metadata(result) == (
        "关于印发卫滨区2024年重点民生实事任务清单的通知",
        "新乡市卫滨区人民政府办公室",
        "卫政办〔2024〕2号",
        "2024-01-29",
        2024,
        "区",
        "各乡（镇）人民政府、街道办事处，区直各单位",
    )
    tasks = result.tasks
    assert [t.number for t in tasks] == [1, 2, 3, 4, 5]
    assert all(t.section_path == () for t in tasks)
    assert all(t.list == "卫滨区2024年重点民生实事任务清单" for t in tasks)
    assert [t.deadline for t in tasks] == [
        "2024年8月底前",
        "年底前",
        "2024年6月底前",
        "全年",
        "2024年12月31日前",
    ]
    assert tasks[2].text == "为全区65岁以上老年人免费健康体检。"
    assert _names(tasks[1].responsible_units) == ["区住房城乡建设局", "各街道办事处"]
    due = [[str(m.due) for m in t.milestones if m.text == "完成时限"] for t in tasks]
    assert due[0] == ["2024-08-31"]
    assert due[1] == ["2024-12-31"]
    assert due[2] == ["2024-06-30"]
    assert due[4] == ["2024-12-31"]
    assert all(not t.issues for t in tasks)


# ---------------------------------------------------------------- two 附件 lists


def test_notice_with_two_attachments() -> None:
    """附件：1．… / 2．… names the attachments in the body; the lists are 附件1 and 附件2."""
    result = parse_file(EXAMPLES / "two_attachments.txt")
    assert _metadata(result) == (
        "关于印发2024年区政府工作报告目标任务分解和重点民生实事任务分解的通知",
        "郑州市二七区人民政府办公室",
        "二七政办〔2024〕4号",
        "2024-03-12",
        2024,
        "区",
        "各街道办事处、镇人民政府，区政府各部门，各有关单位",
    )
    first, second = "2024年区政府工作报告目标任务分解", "2024年区重点民生实事任务分解"
    assert [lst.title for lst in result.lists] == [first, second]
    tasks = result.tasks
    assert [(t.list, t.number, t.section_path) for t in tasks] == [
        (first, 1, ("一、稳增长",)),
        (first, 2, ("一、稳增长",)),
        (first, 3, ("二、优环境",)),
        (second, 1, ()),
        (second, 2, ()),
    ]
    assert tasks[2].text == "深化“放管服”改革，政务服务事项网上可办率达到100%。"
    assert tasks[2].leaders == ("吴敏",)
    assert _names(tasks[3].responsible_units) == ["区卫生健康委"]
    assert tasks[3].deadline == "2024年10月底前"
    assert _names(tasks[4].responsible_units) == ["区商务局", "相关街道办事处"]
    assert _collectives(tasks[4].responsible_units) == ["相关街道办事处"]
    assert tasks[4].deadline == "年底前"
    assert all(not t.issues for t in tasks)


# ---------------------------------------------------------------- Markdown pipe table


def test_markdown_table_with_first_unit_leads_note() -> None:
    """A pipe table: 重点任务 + 具体内容, 责任单位（排名第一的为牵头单位）, section rows in bold."""
    result = parse_file(EXAMPLES / "table_first_lead.md")
    assert _metadata(result) == (
        "关于印发2024年区政府工作报告重点工作任务分解的通知",
        "安阳市文峰区人民政府办公室",
        "文政办〔2024〕7号",
        "2024-03-05",
        2024,
        "区",
        "各街道办事处，区政府各部门，各有关单位",
    )
    assert [lst.title for lst in result.lists] == ["2024年区政府工作报告重点工作任务分解表"]
    assert result.lists[0].first_lead_rule
    tasks = result.tasks
    assert [(t.number, t.section_path) for t in tasks] == [
        (1, ("一、稳定经济增长",)),
        (2, ("一、稳定经济增长",)),
        (3, ("一、稳定经济增长",)),
        (4, ("二、保障改善民生",)),
    ]
    assert tasks[0].text == "扩大有效投资：实施重点项目80个，完成投资120亿元以上。"
    assert tasks[0].leaders == ("张伟",)
    assert _names(tasks[0].lead_units) == ["区发展改革委"]
    assert _names(tasks[0].responsible_units) == ["区财政局", "区自然资源局"]
    assert tasks[0].deadline == "2024年12月底前"
    assert _names(tasks[1].lead_units) == ["区财政局"]
    assert tasks[2].leaders == ("李娜",)
    assert _collectives(tasks[2].responsible_units) == ["各街道办事处"]
    assert tasks[2].deadline == "年底前"
    assert _names(tasks[3].lead_units) == ["区住房城乡建设局"]
    assert _names(tasks[3].responsible_units) == ["区城市管理局", "相关街道办事处"]
    assert all(not t.issues for t in tasks)


# ---------------------------------------------------------------- Word table


_DOCX_BEFORE = (
    "南阳市人民政府办公室",
    "宛政办〔2024〕9号",
    "南阳市人民政府办公室关于印发2024年市政府重点工作任务分解表的通知",
    "各县（市、区）人民政府，城乡一体化示范区、高新区管委会，市人民政府各部门：",
    "现将《2024年市政府重点工作任务分解表》印发给你们，请认真贯彻落实。",
    "南阳市人民政府办公室",
    "2024年3月18日",
    "2024年市政府重点工作任务分解表",
)
_DOCX_ROWS = (
    ("序号", "重点任务", "具体内容", "责任领导", "牵头单位", "配合单位", "完成时限"),
    ("一、加快产业转型升级",),
    (
        "1",
        "壮大先进制造业",
        "新增规上工业企业150家。",
        "副市长 王五",
        "市工业和信息化局",
        "市发展改革委、市财政局",
        "2024年12月底前",
    ),
    (
        "2",
        "壮大先进制造业",
        "实施技改项目200个。",
        "副市长 王五",
        "市工业和信息化局",
        "各县（市、区）人民政府",
        "2024年11月底前",
    ),
    ("二、办好民生实事",),
    (
        "3",
        "提升教育水平",
        "新建中小学10所。",
        "副市长 赵六",
        "市教育局",
        "市住房城乡建设局、城乡一体化示范区、高新区管委会",
        "2024年9月底前",
    ),
)
_DOCX_AFTER = ("抄送：市委各部门，市人大常委会办公室，市政协办公室。",)


def test_word_table_with_merged_task_cells() -> None:
    """A Word table: 重点任务 and 责任领导 merged down over the rows that share them."""
    data = docx_with_table(_DOCX_BEFORE, _DOCX_ROWS, _DOCX_AFTER, merge_down=(1, 3, 4))
    result = parse_bytes(data, filename="nanyang.docx")
    assert _metadata(result) == (
        "关于印发2024年市政府重点工作任务分解表的通知",
        "南阳市人民政府办公室",
        "宛政办〔2024〕9号",
        "2024-03-18",
        2024,
        "市",
        "各县（市、区）人民政府，城乡一体化示范区、高新区管委会，市人民政府各部门",
    )
    tasks = result.tasks
    assert [(t.number, t.section_path) for t in tasks] == [
        (1, ("一、加快产业转型升级",)),
        (2, ("一、加快产业转型升级",)),
        (3, ("二、办好民生实事",)),
    ]
    assert [t.text for t in tasks] == [
        "壮大先进制造业：新增规上工业企业150家。",
        "壮大先进制造业：实施技改项目200个。",
        "提升教育水平：新建中小学10所。",
    ]
    assert [t.leaders for t in tasks] == [("王五",), ("王五",), ("赵六",)]
    assert [_names(t.lead_units) for t in tasks] == [
        ["市工业和信息化局"],
        ["市工业和信息化局"],
        ["市教育局"],
    ]
    assert _names(tasks[0].supporting_units) == ["市发展改革委", "市财政局"]
    assert _collectives(tasks[1].supporting_units) == ["各县（市、区）人民政府"]
    assert _names(tasks[2].supporting_units) == [
        "市住房城乡建设局",
        "城乡一体化示范区管委会",
        "高新区管委会",
    ]
    assert [t.deadline for t in tasks] == ["2024年12月底前", "2024年11月底前", "2024年9月底前"]
    assert all(not t.issues for t in tasks)


# ---------------------------------------------------------------- 1、 tasks with （1） sub-items


def test_arabic_comma_tasks_with_numbered_sub_items() -> None:
    """1、 tasks whose text lists （1）（2） sub-items, on their own lines or inline."""
    result = parse_file(EXAMPLES / "arabic_subitems.txt")
    assert _metadata(result) == (
        "关于印发湛河区2024年城市更新重点工作任务分解的通知",
        "平顶山市湛河区人民政府办公室",
        "湛政办〔2024〕11号",
        "2024-04-02",
        2024,
        "区",
        "各街道办事处、乡人民政府，区直各有关单位",
    )
    tasks = result.tasks
    assert [(t.number, t.section_path) for t in tasks] == [
        (1, ("一、老旧小区改造",)),
        (2, ("一、老旧小区改造",)),
        (3, ("二、城市基础设施",)),
        (4, ("二、城市基础设施",)),
    ]
    assert tasks[0].text == (
        "实施老旧小区改造提升工程。"
        "（1）完成2000年以前建成的老旧小区改造26个，涉及居民3200户；"
        "（2）同步推进加装电梯、充电设施建设，加装电梯20部。"
    )
    assert tasks[0].leaders == ("马骏",)
    assert _names(tasks[0].lead_units) == ["区住房城乡建设局"]
    assert tasks[0].deadline == "2024年11月底前"
    assert (
        tasks[1].text
        == "推进完整社区建设：（1）建设完整社区试点3个；（2）新增社区养老服务设施5处。"
    )
    assert _names(tasks[1].responsible_units) == ["区民政局", "相关街道办事处"]
    assert tasks[2].text == (
        "实施道路畅通工程。（1）新建改造城市道路8条；（2）打通断头路3条；（3）完成背街小巷整治40条。"
    )
    assert tasks[2].deadline == "年底前"
    assert _names(tasks[3].responsible_units) == ["各街道办事处", "曹镇乡人民政府"]
    assert all(not t.issues for t in tasks)


# ---------------------------------------------------------------- a 方案 with its own requirements


def test_plan_with_requirements_duty_verbs_and_full_width_numbers() -> None:
    """A 分工方案 numbered １．(full-width), 责任单位 stating 牵头/配合 per clause, 时间要求,
    a 三、保障措施 part that is not a task, and the signature after the last task."""
    result = parse_file(EXAMPLES / "plan_with_requirements.txt")
    assert _metadata(result) == (
        "关于印发山阳区2024年优化营商环境重点任务分工方案的通知",
        "焦作市山阳区人民政府办公室",
        "山政办〔2024〕15号",
        "2024-04-10",
        2024,
        "区",
        "各街道办事处，区政府各部门，各有关单位",
    )
    assert [lst.title for lst in result.lists] == [
        "山阳区2024年优化营商环境重点任务分工方案（共5项）"
    ]
    tasks = result.tasks
    assert [(t.number, t.section_path) for t in tasks] == [
        (1, ("二、重点任务", "（一）提升政务服务效能")),
        (2, ("二、重点任务", "（一）提升政务服务效能")),
        (3, ("二、重点任务", "（二）优化市场环境")),
        (4, ("二、重点任务", "（二）优化市场环境")),
        (5, ("二、重点任务", "（二）优化市场环境")),
    ]
    assert tasks[0].text == "深化“一件事一次办”改革，新增集成服务事项20项。"
    assert tasks[0].leaders == ("郭峰",)
    assert _names(tasks[0].lead_units) == ["区政务服务和大数据管理局"]
    assert tasks[0].responsible_units == ()
    assert _collectives(tasks[0].supporting_units) == ["区直相关部门"]
    assert _names(tasks[1].supporting_units) == ["区公安分局", "区市场监管局"]
    assert _names(tasks[2].lead_units) == ["区市场监管局"]
    assert _names(tasks[2].supporting_units) == ["区发展改革委", "区财政局"]
    assert _names(tasks[3].responsible_units) == ["区司法局"]
    assert tasks[4].leaders == ("郭峰", "韩雪")
    assert _names(tasks[4].lead_units) == ["区工业和信息化局"]
    assert _collectives(tasks[4].supporting_units) == ["各街道办事处"]
    assert [t.deadline for t in tasks] == [
        "2024年6月底前",
        "2024年9月底前",
        "持续推进",
        "2024年12月底前",
        "每季度",
    ]
    assert all(not t.issues for t in tasks)


# ---------------------------------------------------------------- two-row table headers


def test_markdown_table_with_a_two_row_header() -> None:
    """责任单位 over 牵头单位 | 配合单位: the second header row names the columns."""
    result = parse_file(EXAMPLES / "table_two_row_header.md")
    assert _metadata(result) == (
        "关于印发2024年区重点民生实事任务清单的通知",
        "鹤壁市淇滨区人民政府办公室",
        "淇滨政办〔2024〕3号",
        "2024-01-25",
        2024,
        "区",
        "各乡镇人民政府、街道办事处，区政府各部门",
    )
    tasks = result.tasks
    assert [(t.list, t.number, t.section_path) for t in tasks] == [
        ("2024年区重点民生实事任务清单", n, ()) for n in (1, 2, 3)
    ]
    assert tasks[1].text == "改造城镇老旧小区8个，惠及居民1200户。"
    assert [t.leaders for t in tasks] == [("陈刚",), ("孟丽",), ("陈刚",)]
    assert [_names(t.lead_units) for t in tasks] == [
        ["区文化广电和旅游局"],
        ["区住房城乡建设局"],
        ["区卫生健康委"],
    ]
    assert _names(tasks[0].supporting_units) == ["区财政局", "各街道办事处"]
    assert _names(tasks[2].supporting_units) == ["区妇联"]
    assert [t.deadline for t in tasks] == ["2024年9月底前", "年底前", "2024年11月底前"]
    assert all(not t.issues for t in tasks)


def test_word_table_with_a_two_row_header() -> None:
    """The Word form: 序号/项目名称/… merged over both header rows, 责任单位 across two columns."""
    rows = (
        ("序号", "项目名称", "责任领导", "牵头单位", "配合单位", "完成时限"),
        ("1", "新建城市书房5个。", "陈 刚", "区文化广电和旅游局", "区财政局", "2024年9月底前"),
        ("2", "新增公办幼儿园学位600个。", "孟 丽", "区教育局", "区住房城乡建设局", "年底前"),
    )
    data = docx_with_table(("2024年区重点民生实事任务清单",), rows, header_group=(3, 4, "责任单位"))
    tasks = parse_bytes(data, filename="two-row.docx").tasks
    assert [t.number for t in tasks] == [1, 2]
    assert [t.text for t in tasks] == ["新建城市书房5个。", "新增公办幼儿园学位600个。"]
    assert [_names(t.lead_units) for t in tasks] == [["区文化广电和旅游局"], ["区教育局"]]
    assert [_names(t.supporting_units) for t in tasks] == [["区财政局"], ["区住房城乡建设局"]]
    assert [t.responsible_units for t in tasks] == [(), ()]
    assert [t.deadline for t in tasks] == ["2024年9月底前", "年底前"]
