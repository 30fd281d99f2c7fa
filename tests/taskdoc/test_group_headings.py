"""Group headings that carry fields for every task under them, and numbering restarting per group.

Every notice here is invented (other persons, other places, other units), in the
shapes real notices use: ``一、某某县长牵头重点工作``, ``（一）某某副市长牵头重点工作``,
``一、某局牵头工作（8项）``, a section heading closed by ``（牵头领导：A、B）``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from taskdoc import Task, parse_text
from taskdoc.grammar.groups import GroupShape, group_shape, leader_names
from taskdoc.model import Rule, UnitRef

TITLE = "2031年政府工作报告重点工作责任分解"
# the notice's date closes the last task, so no task is taken for one cut off by the excerpt
END = "2031年1月5日"


def _names(units: Sequence[UnitRef]) -> list[str]:
    return [unit.name for unit in units]


def _parse(*lines: str) -> tuple[Task, ...]:
    return parse_text("\n".join((TITLE, *lines, END)) + "\n").tasks


def _codes(task: Task) -> list[str]:
    return [issue.code for issue in task.issues]


LEADER_GROUPS = (
    "一、欧阳明远县长牵头重点工作",
    "1.全县生产总值增长6%左右。",
    "责任单位：县统计局、县发改局",
    "2.推进老旧小区改造。",
    "责任单位：县住建局",
    "二、林晓常务副县长牵头重点工作",
    "1.深化国资国企改革。",
    "责任单位：县国资办",
    "2.完成垦造耕地500亩。",
    "责任单位：县自然资源局",
    "3.建设县域物流中心。",
    "责任单位：县商务局",
)


def test_a_leader_heading_gives_its_person_to_every_task_under_it() -> None:
    tasks = _parse(*LEADER_GROUPS)
    assert [t.leaders for t in tasks] == [("欧阳明远",)] * 2 + [("林晓",)] * 3
    assert [t.number for t in tasks] == [1, 2, 1, 2, 3]
    assert tasks[2].section_path == ("二、林晓常务副县长牵头重点工作",)
    assert _names(tasks[0].responsible_units) == ["县统计局", "县发改局"]


def test_restarting_numbers_are_not_repeats() -> None:
    tasks = _parse(*LEADER_GROUPS)
    assert all("number_repeated" not in _codes(t) for t in tasks)
    assert all("number_gap" not in _codes(t) for t in tasks)


def test_a_repeat_inside_one_group_is_still_flagged() -> None:
    tasks = _parse(
        "一、韩某县长牵头重点工作",
        "1.建设污水管网。",
        "责任单位：县水利局",
        "1.建设垃圾中转站。",
        "责任单位：县环卫处",
        "2.整治河道。",
        "责任单位：县水利局",
        "2.修缮祠堂。",
        "责任单位：县文旅局",
    )
    assert _codes(tasks[3]) == ["number_repeated"]


def test_a_group_whose_numbers_restart_above_one_lacks_its_first_items() -> None:
    tasks = _parse(
        "一、韩某县长牵头重点工作",
        "1.建设污水管网。",
        "责任单位：县水利局",
        "2.整治河道。",
        "责任单位：县水利局",
        "二、吕某副县长牵头重点工作",
        "2.修缮祠堂。",
        "责任单位：县文旅局",
    )
    assert _codes(tasks[2]) == ["number_gap"]


def test_the_heading_is_the_evidence_of_the_leaders() -> None:
    task = _parse(*LEADER_GROUPS)[2]
    sources = [s for s in task.sources if s.field == "leaders"]
    assert [(s.rule, s.evidence) for s in sources] == [
        (Rule.GROUP_HEADING, "二、林晓常务副县长牵头重点工作")
    ]
    assert sources[0].span is not None
    assert sources[0].span.start.line == 7  # the heading's line, not the task's
    assert task.leader_label is None


def test_a_task_that_names_its_own_leader_keeps_it() -> None:
    tasks = _parse(
        "一、孟某市长牵头重点工作",
        "1.建设城市大脑。",
        "责任领导：侯某",
        "责任单位：市大数据局",
        "2.推进地铁三号线。",
        "责任单位：市交通局",
    )
    assert tasks[0].leaders == ("侯某",)
    assert tasks[1].leaders == ("孟某",)


def test_an_inner_group_heading_under_a_topical_section() -> None:
    tasks = _parse(
        "一、全力稳住经济大盘",
        "（一）贺某某副市长牵头重点工作",
        "1.新增城镇就业2万人。",
        "责任单位：市人社局",
        "（二）常务副市长龚某主抓工作",
        "1.盘活闲置资产。",
        "责任单位：市国资委",
    )
    assert [t.leaders for t in tasks] == [("贺某某",), ("龚某",)]
    assert tasks[1].section_path == ("一、全力稳住经济大盘", "（二）常务副市长龚某主抓工作")


def test_a_unit_heading_makes_its_unit_the_lead_of_tasks_without_fields() -> None:
    tasks = _parse(
        "一、市高新区管委会牵头工作（3项）",
        "1.建设集成电路产业园。",
        "2.引进研发机构5家。",
        "3.建成孵化器2万平方米。",
        "二、市农业农村局牵头工作（1项）",
        "1.新建高标准农田3万亩。",
    )
    assert [_names(t.lead_units) for t in tasks] == [["市高新区管委会"]] * 3 + [["市农业农村局"]]
    assert [t.number for t in tasks] == [1, 2, 3, 1]
    assert [(s.field, s.rule) for s in tasks[0].sources] == [("lead_units", Rule.GROUP_HEADING)]


def test_a_task_with_its_own_lead_overrides_the_unit_heading() -> None:
    tasks = _parse(
        "一、区城管局牵头工作",
        "1.改造背街小巷20条。",
        "牵头单位：区住建局",
        "2.新增停车位500个。",
        "责任单位：各街道办事处",
    )
    assert _names(tasks[0].lead_units) == ["区住建局"]
    assert _names(tasks[1].lead_units) == ["区城管局"]
    assert _names(tasks[1].responsible_units) == ["各街道办事处"]


def test_a_responsible_unit_heading() -> None:
    task = _parse("一、区教育局负责的重点任务", "1.新建幼儿园3所。", "2.改造操场。")[0]
    assert _names(task.responsible_units) == ["区教育局"]
    assert task.lead_units == ()


def test_a_section_heading_closed_by_its_leaders_in_brackets() -> None:
    tasks = _parse(
        "一、推进城乡融合发展（牵头领导：赵某、钱某某、孙某）",
        "1.建设美丽乡村示范带。",
        "责任单位：镇农办",
        "2.完善农村客运网络。",
        "责任单位：镇交通站",
        "二、提升公共服务水平（牵头领导：李某）",
        "1.新建卫生院1所。",
        "责任单位：镇卫生院",
    )
    assert [t.leaders for t in tasks] == [("赵某", "钱某某", "孙某")] * 2 + [("李某",)]
    assert tasks[0].sources[-1].rule is Rule.GROUP_HEADING


def test_tasks_whose_fields_stand_in_brackets_are_not_group_headings() -> None:
    tasks = _parse(
        "一、推进城市更新",
        "1.改造老旧厂房（牵头单位：市住建局）",
        "2.建设口袋公园（牵头单位：市园林局）",
        "3.建设城市绿道。",
        "牵头单位：市交通局",
    )
    assert [t.number for t in tasks] == [1, 2, 3]
    assert [_names(t.lead_units) for t in tasks] == [["市住建局"], ["市园林局"], ["市交通局"]]


def test_a_topical_heading_gives_nothing() -> None:
    tasks = _parse("一、扎实推进重点工作", "1.建设体育馆。", "责任单位：县体育局")
    assert tasks[0].leaders == ()
    assert [s.rule for s in tasks[0].sources] == [Rule.LABEL_LINE]


@pytest.mark.parametrize(
    ("subject", "names"),
    [
        ("朱某县长", ("朱某",)),
        ("曹某某常务副县长", ("曹某某",)),
        ("常务副区长周某", ("周某",)),
        ("滕某省长", ("滕某",)),
        ("阿某·买买提副州长", ("阿某·买买提",)),
        ("许某、邓某副市长", ("许某", "邓某")),
        ("严某同志", ("严某",)),
        ("县政府副县长岳某", ("岳某",)),
        ("县长朱某同志", ("朱某",)),
        ("县委常委、常务副县长蒋某", ("蒋某",)),
        ("县长", ("县长",)),
        ("主任", ("主任",)),
        ("县示范区管委会", ()),
        ("管委会主任", ()),
        ("县发改局", ()),
    ],
)
def test_leader_names_drop_the_post(subject: str, names: tuple[str, ...]) -> None:
    assert leader_names(subject) == names


@pytest.mark.parametrize(
    ("rest", "shape"),
    [
        ("胡某区长牵头重点工作", GroupShape.WORDED),
        ("由胡某区长牵头的重点工作任务", GroupShape.WORDED),
        ("胡某副区长分管工作（12项）", GroupShape.WORDED),
        ("区市场监管局牵头工作(4项)", GroupShape.WORDED),
        ("胡某副区长牵头（6项）", GroupShape.WORDED),
        ("优化营商环境（牵头领导：胡某）", GroupShape.BRACKET),
        ("优化营商环境（责任领导：胡某；牵头单位：区发改局）", GroupShape.BRACKET),
        ("优化营商环境", None),
        ("全面负责安全生产工作，确保不发生事故", None),
        ("建成口袋公园。（区园林局牵头）", None),
        ("区园林局牵头", None),
    ],
)
def test_group_shape(rest: str, shape: GroupShape | None) -> None:
    assert group_shape(rest) is shape


def test_nested_group_headings_take_the_innermost_person() -> None:
    tasks = _parse(
        "一、邵某县长牵头重点工作",
        "（一）邵某县长、汪某副县长牵头重点工作",
        "1.建设综合交通枢纽。",
        "2.开通城际公交。",
        "（二）汪某副县长牵头重点工作",
        "1.建设智慧停车场。",
    )
    assert [t.leaders for t in tasks] == [("邵某", "汪某"), ("邵某", "汪某"), ("汪某",)]
    assert [t.number for t in tasks] == [1, 2, 1]


def test_an_unnumbered_group_heading() -> None:
    tasks = _parse(
        "一、建设宜居城市",
        "常务副区长庞某牵头重点工作",
        "1.改造老旧小区40个。",
        "2.新建公园10个。",
        "沈某副区长牵头重点工作",
        "1.新增学位3000个。",
        "二、保障改善民生",
        "1.新增就业1万人。",
        "责任单位：区人社局",
    )
    assert [t.leaders for t in tasks] == [("庞某",), ("庞某",), ("沈某",), ()]
    assert tasks[2].section_path == ("一、建设宜居城市", "沈某副区长牵头重点工作")
    assert tasks[3].section_path == ("二、保障改善民生",)


def test_an_unnumbered_group_heading_above_numbered_sections() -> None:
    tasks = _parse(
        "区长黎某牵头工作",
        "一、稳增长",
        "1.地区生产总值增长6%。",
        "二、促改革",
        "1.深化“放管服”改革。",
    )
    assert [t.leaders for t in tasks] == [("黎某",), ("黎某",)]
    assert tasks[1].section_path == ("区长黎某牵头工作", "二、促改革")


def test_a_bracketed_heading_gives_its_deadline_too() -> None:
    tasks = _parse(
        "一、建设海绵城市（责任领导：池某；完成时限：2031年底）",
        "1.改造易涝点12处。",
        "责任单位：市水务局",
        "2.建设雨水花园。",
        "责任单位：市园林局",
        "完成时限：2031年6月底",
    )
    assert [t.deadline for t in tasks] == ["2031年底", "2031年6月底"]
    assert [s.rule for s in tasks[0].sources if s.field == "deadline"] == [Rule.GROUP_HEADING]
