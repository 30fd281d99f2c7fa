"""Fields wherever notices put them, each recorded with the rule that found it.

Every notice here is invented (other places, other units) in one of the shapes
seen in real notices: field lines, fields run on after the task, trailing
brackets of every kind, duty sentences, lists closed by 等.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from taskdoc import Task, parse_text
from taskdoc.grammar.fields import (
    FieldKind,
    FieldValue,
    parse_field_line,
    split_field_duties,
    split_run_on_fields,
    split_trailing_duties,
    trailing_bracket,
)
from taskdoc.grammar.markers import find_labels, starts_with_field
from taskdoc.grammar.units import parse_units, split_items
from taskdoc.model import Rule, UnitRef

TITLE = "2031年县政府重点工作任务分解"


def _names(units: Sequence[UnitRef]) -> list[str]:
    return [unit.name for unit in units]


def _rules(task: Task) -> list[tuple[str, Rule, str]]:
    return [(s.field, s.rule, s.evidence) for s in task.sources]


def _tasks(*lines: str) -> tuple[Task, ...]:
    return parse_text("\n".join((TITLE, "一、壮大实体经济", *lines)) + "\n").tasks


# ---------------------------------------------------------------- own lines


def test_fields_on_their_own_lines() -> None:
    (task,) = _tasks(
        "1.建成云岭物流园一期。",
        "分管县领导：欧阳春",
        "牵头责任单位：县商务局",
        "协同单位：县交通运输局、县自然资源局",
    )
    assert task.leaders == ("欧阳春",)
    assert _names(task.lead_units) == ["县商务局"]
    assert _names(task.supporting_units) == ["县交通运输局", "县自然资源局"]
    assert _rules(task) == [
        ("leaders", Rule.LABEL_LINE, "分管县领导"),
        ("lead_units", Rule.LABEL_LINE, "牵头责任单位"),
        ("supporting_units", Rule.LABEL_LINE, "协同单位"),
    ]


# ---------------------------------------------------------------- inline on the task line


def test_fields_run_on_after_the_task_text() -> None:
    (task,) = _tasks("1.新建乡村公路80公里。牵头单位：县交通运输局；责任单位：各乡镇人民政府")
    assert task.text == "新建乡村公路80公里。"
    assert _names(task.lead_units) == ["县交通运输局"]
    assert _names(task.responsible_units) == ["各乡镇人民政府"]
    assert {s.rule for s in task.sources} == {Rule.INLINE_LABEL}


def test_run_on_fields_keep_a_bracketed_label_for_the_bracket() -> None:
    text = "推进河道治理（牵头单位：县水务局"
    assert split_run_on_fields(text) == (text, [])


# ---------------------------------------------------------------- trailing brackets


@pytest.mark.parametrize(
    ("opener", "closer"),
    [("（", "）"), ("(", ")"), ("[", "]"), ("【", "】"), ("〔", "〕"), ("［", "］")],
)
def test_trailing_brackets_of_every_kind(opener: str, closer: str) -> None:
    (task,) = _tasks(
        f"1.新增城镇就业3000人。{opener}牵头单位：县人社局；责任单位：各镇人民政府{closer}"
    )
    assert task.text == "新增城镇就业3000人。"
    assert _names(task.lead_units) == ["县人社局"]
    assert _names(task.responsible_units) == ["各镇人民政府"]
    assert _rules(task) == [
        ("lead_units", Rule.BRACKET, "牵头单位"),
        ("responsible_units", Rule.BRACKET, "责任单位"),
    ]


def test_a_bracket_switching_kind_around_a_bracketed_unit_name() -> None:
    text, values = split_trailing_duties(
        "粮食产量稳定在12万吨。[牵头单位：县农业局(畜牧局)；责任单位：各乡(镇)政府]"
    )
    assert text == "粮食产量稳定在12万吨。"
    assert [(v.kind, v.value, v.rule) for v in values] == [
        (FieldKind.LEAD_UNITS, "县农业局(畜牧局)", Rule.BRACKET),
        (FieldKind.RESPONSIBLE_UNITS, "各乡(镇)政府", Rule.BRACKET),
    ]


def test_brackets_pair_by_depth_whatever_their_kind() -> None:
    text = "任务。（牵头单位：县民政局(老龄办)]。"
    assert trailing_bracket(text) == (3, len(text) - 2)


def test_a_leader_inside_the_closing_bracket() -> None:
    (task,) = _tasks("1.城镇登记失业率控制在4%以内。(责任领导:韦清和;牵头单位:县人社局)")
    assert task.leaders == ("韦清和",)
    assert _names(task.lead_units) == ["县人社局"]


def test_an_ordinary_closing_bracket_stays_in_the_text() -> None:
    for text in ("建成示范社区（含农村社区）", "推进项目建设（2031年底前）"):
        assert split_trailing_duties(text) == (text, [])


# ---------------------------------------------------------------- duty sentences


def test_duty_clauses_in_a_closing_bracket() -> None:
    (task,) = _tasks("1.深化审批制度改革。（县行政审批局、县司法局牵头，县直各部门按职责分工负责）")
    assert _names(task.lead_units) == ["县行政审批局", "县司法局"]
    assert _names(task.responsible_units) == ["县直各部门"]
    assert _rules(task) == [
        ("lead_units", Rule.BRACKET, "牵头"),
        ("responsible_units", Rule.BRACKET, "按职责分工负责"),
    ]


def test_duties_with_their_deadline_clause() -> None:
    text, values = split_trailing_duties(
        "推进老旧小区改造。（县住建局、各街道办事处分别负责，年内持续推进）"
    )
    assert text == "推进老旧小区改造。"
    assert [(v.kind, v.label, v.value) for v in values] == [
        (FieldKind.RESPONSIBLE_UNITS, "分别负责", "县住建局、各街道办事处"),
        (FieldKind.DEADLINE, "年内持续推进", "年内持续推进"),
    ]


def test_a_duty_sentence_under_a_duty_label() -> None:
    (task,) = _tasks("1.建设智慧停车系统。", "部门分工：县城管局牵头，县公安局、县发改局配合")
    assert _names(task.lead_units) == ["县城管局"]
    assert _names(task.supporting_units) == ["县公安局", "县发改局"]
    assert _rules(task) == [
        ("lead_units", Rule.SENTENCE, "部门分工"),
        ("supporting_units", Rule.SENTENCE, "部门分工"),
    ]


def test_a_deadline_clause_inside_a_labelled_duty_sentence() -> None:
    value = FieldValue(FieldKind.RESPONSIBLE_UNITS, "部门分工", "县文旅局牵头，2031年6月底前完成")
    assert [(v.kind, v.value) for v in split_field_duties(value)] == [
        (FieldKind.LEAD_UNITS, "县文旅局"),
        (FieldKind.DEADLINE, "2031年6月底前完成"),
    ]


def test_units_joined_by_ji_in_a_duty_clause() -> None:
    (task,) = _tasks("1.优化营商环境。（县发改局牵头，县级各有关部门及各乡镇政府按职责分工负责）")
    assert _names(task.responsible_units) == ["县级各有关部门", "各乡镇政府"]


@pytest.mark.parametrize(
    ("value", "items"),
    [
        ("县民政局及其下属单位", ["县民政局及其下属单位"]),
        ("县科学技术普及中心", ["县科学技术普及中心"]),
        ("各县(市及区)政府", ["各县(市及区)政府"]),
    ],
)
def test_ji_that_does_not_join_units(value: str, items: list[str]) -> None:
    assert split_items(value) == items


# ---------------------------------------------------------------- lists closed by 等


def test_a_list_closed_by_deng_names_more_units() -> None:
    (task,) = _tasks("1.巩固防疫成果。", "责任单位：县卫健局、县疾控中心等，各乡镇政府")
    assert _names(task.responsible_units) == ["县卫健局", "县疾控中心", "各乡镇政府"]
    closing = task.responsible_units[1]
    assert closing.raw == "县疾控中心等"
    assert closing.collective  # the list names more units than it lists


@pytest.mark.parametrize(
    "value",
    ["各县(市、区)政府(管委会)", "县农业局(畜牧局)", "城管局(综合执法局)", "各街道(园区)"],
)
def test_unit_names_keep_their_brackets_whole(value: str) -> None:
    assert _names(parse_units(value)) == [value]


def test_a_duty_subject_opened_by_you() -> None:
    _, values = split_trailing_duties("推进森林防火。（由县林业局牵头，县应急局配合）")
    assert [(v.kind, v.value) for v in values] == [
        (FieldKind.LEAD_UNITS, "县林业局"),
        (FieldKind.SUPPORTING_UNITS, "县应急局"),
    ]


def test_a_bracketed_convention_is_not_a_duty_clause() -> None:
    text = "推进森林防火。（列第一位的单位牵头）"
    assert split_trailing_duties(text) == (text, [])


def test_run_on_fields_after_a_closing_bracket() -> None:
    text, values = split_run_on_fields("建设南湖二期工程（续建）牵头单位：县住建局")
    assert text == "建设南湖二期工程（续建）"
    assert [(v.kind, v.value, v.rule) for v in values] == [
        (FieldKind.LEAD_UNITS, "县住建局", Rule.INLINE_LABEL)
    ]


# ---------------------------------------------------------------- a label, then duty clauses


def test_leaders_then_duty_clauses_in_one_bracket() -> None:
    (task,) = _tasks(
        "1.建成云岭物流园一期。（分管县领导：欧阳春、詹某；县商务局牵头，县交通局配合）"
    )
    assert task.text == "建成云岭物流园一期。"
    assert task.leaders == ("欧阳春", "詹某")
    assert _names(task.lead_units) == ["县商务局"]
    assert _names(task.supporting_units) == ["县交通局"]
    assert _rules(task) == [
        ("leaders", Rule.BRACKET, "分管县领导"),
        ("lead_units", Rule.BRACKET, "牵头"),
        ("supporting_units", Rule.BRACKET, "配合"),
    ]


def test_a_leader_line_ended_by_a_duty_clause() -> None:
    (task,) = _tasks("1.疏浚南河航道。", "责任领导：闵某；县水利局牵头，县农业局按职责分工负责")
    assert task.leaders == ("闵某",)
    assert _names(task.lead_units) == ["县水利局"]
    assert _names(task.responsible_units) == ["县农业局"]
    assert _rules(task) == [
        ("leaders", Rule.LABEL_LINE, "责任领导"),
        ("lead_units", Rule.SENTENCE, "牵头"),
        ("responsible_units", Rule.SENTENCE, "按职责分工负责"),
    ]


def test_a_run_on_leader_label_ended_by_a_duty_clause() -> None:
    (task,) = _tasks("1.疏浚南河航道。责任领导：闵某；县水利局牵头")
    assert task.text == "疏浚南河航道。"
    assert task.leaders == ("闵某",)
    assert _names(task.lead_units) == ["县水利局"]


def test_a_duty_clause_with_its_deadline_after_a_deadline_label() -> None:
    values = parse_field_line("完成时限：年内；县水利局牵头，2031年底前完成")
    assert [(v.kind, v.value) for v in values] == [
        (FieldKind.DEADLINE, "年内"),
        (FieldKind.LEAD_UNITS, "县水利局"),
        (FieldKind.DEADLINE, "2031年底前完成"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "责任领导：闵某；钟某",  # no duty verb after the semicolon: more of the value
        "责任领导：闵某；县水利局牵头，加强调度",  # a clause that is no duty: not a duty sentence
    ],
)
def test_a_semicolon_without_a_duty_sentence_keeps_the_value(line: str) -> None:
    (value,) = parse_field_line(line)
    assert value.kind is FieldKind.LEADERS
    assert value.value == line.split("：", 1)[1]


def test_a_following_label_still_ends_the_leaders() -> None:
    values = parse_field_line("责任领导：闵某；牵头单位：县水利局")
    assert [(v.kind, v.label, v.value) for v in values] == [
        (FieldKind.LEADERS, "责任领导", "闵某"),
        (FieldKind.LEAD_UNITS, "牵头单位", "县水利局"),
    ]


# ---------------------------------------------------------------- a note before the colon


@pytest.mark.parametrize(
    ("line", "label", "value"),
    [
        ("责任单位（排名不分先后）：县民政局、县残联", "责任单位", "县民政局、县残联"),
        ("配合单位(按姓氏笔画排序)：县民政局", "配合单位", "县民政局"),
        ("牵头单位（注：含下属单位）：县民政局", "牵头单位", "县民政局"),
    ],
)
def test_a_label_with_a_note_before_its_colon(line: str, label: str, value: str) -> None:
    assert starts_with_field(line)
    (field,) = parse_field_line(line)
    assert (field.label, field.value) == (label, value)


def test_a_noted_label_after_a_leader_line_is_its_own_field() -> None:
    (task,) = _tasks(
        "1.新建养老服务中心2个。", "责任领导：詹某", "责任单位（排名不分先后）：县民政局、县残联"
    )
    assert task.leaders == ("詹某",)
    assert _names(task.responsible_units) == ["县民政局", "县残联"]


def test_a_bracket_before_a_colon_that_follows_no_label_is_no_field() -> None:
    assert not starts_with_field("加强组织领导（总体要求）：各单位要高度重视")
    assert find_labels("建设二期工程（续建）：年内完工") == []


def test_duty_sentence_field_ending_with_a_full_stop() -> None:
    """``部门分工：A局牵头，B局、C局配合。`` — the full stop does not hide the last verb."""
    notice = (
        "某某县重点工作任务分解\n"
        "1.建设高标准农田2万亩。部门分工：县农业农村局牵头，县财政局、县水利局配合。\n"
        "2.新建乡村道路30公里。部门分工：县交通运输局牵头，各镇人民政府配合。\n\n"
        "某某县人民政府办公室\n2026年2月1日\n"
    )
    tasks = parse_text(notice).tasks
    assert [u.name for u in tasks[0].lead_units] == ["县农业农村局"]
    assert [u.name for u in tasks[0].supporting_units] == ["县财政局", "县水利局"]
    assert [u.name for u in tasks[1].supporting_units] == ["各镇人民政府"]
