"""Field lines, inline fields and the trailing-bracket form of national notices."""

from __future__ import annotations

import pytest

from taskdoc.grammar.fields import (
    FieldKind,
    FieldValue,
    kind_of_label,
    parse_field_line,
    split_field_duties,
    split_trailing_duties,
)


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("责任领导", FieldKind.LEADERS),
        ("牵头领导", FieldKind.LEADERS),
        ("分管领导", FieldKind.LEADERS),
        ("责任市领导", FieldKind.LEADERS),
        ("牵头单位", FieldKind.LEAD_UNITS),
        ("牵头部门", FieldKind.LEAD_UNITS),
        ("主办单位", FieldKind.LEAD_UNITS),
        ("责任单位", FieldKind.RESPONSIBLE_UNITS),
        ("配合单位", FieldKind.SUPPORTING_UNITS),
        ("协办单位", FieldKind.SUPPORTING_UNITS),
        ("参与单位", FieldKind.SUPPORTING_UNITS),
        ("完成时限", FieldKind.DEADLINE),
        ("时间节点", FieldKind.DEADLINE),
        ("备注", None),
    ],
)
def test_kind_of_label(label: str, kind: FieldKind | None) -> None:
    assert kind_of_label(label) is kind


def test_parse_field_line_with_several_labels() -> None:
    values = parse_field_line(
        "责任领导：王新伟 牵头单位：市疫情防控办；责任单位：市政府各部门，各县（市、区）政府"
    )
    assert [(v.kind, v.label, v.value) for v in values] == [
        (FieldKind.LEADERS, "责任领导", "王新伟"),
        (FieldKind.LEAD_UNITS, "牵头单位", "市疫情防控办"),
        (FieldKind.RESPONSIBLE_UNITS, "责任单位", "市政府各部门，各县（市、区）政府"),
    ]


def test_parse_field_line_in_brackets_keeps_inner_brackets() -> None:
    values = parse_field_line("（责任单位：各县（市、区）政府）")
    assert [v.value for v in values] == ["各县（市、区）政府"]


def test_split_trailing_duties() -> None:
    text, values = split_trailing_duties(
        "加快建设全国统一大市场。（国家发展改革委、商务部牵头，各地区按职责分工负责）"
    )
    assert text == "加快建设全国统一大市场。"
    assert [(v.kind, v.value) for v in values] == [
        (FieldKind.LEAD_UNITS, "国家发展改革委、商务部"),
        (FieldKind.RESPONSIBLE_UNITS, "各地区"),
    ]


def test_split_trailing_duties_leaves_ordinary_brackets() -> None:
    text = "打造青年发展型示范社区（单位、空间）"
    assert split_trailing_duties(text) == (text, [])


@pytest.mark.parametrize(
    ("clause", "deadline"),
    [("2024年底前完成", "2024年底前完成"), ("6月底前", "6月底前"), ("持续推进", "持续推进")],
)
def test_trailing_duties_with_a_deadline_clause(clause: str, deadline: str) -> None:
    text, values = split_trailing_duties(f"推进数字政府建设。（国务院办公厅牵头，{clause}）")
    assert text == "推进数字政府建设。"
    assert [(v.kind, v.value) for v in values] == [
        (FieldKind.LEAD_UNITS, "国务院办公厅"),
        (FieldKind.DEADLINE, deadline),
    ]


def test_a_bracket_with_an_unknown_clause_stays_in_the_text() -> None:
    text = "推进建设。（国务院办公厅牵头，另行通知）"
    assert split_trailing_duties(text) == (text, [])


def test_time_requirement_label_is_a_deadline() -> None:
    assert kind_of_label("时间要求") is FieldKind.DEADLINE


def test_duties_stated_inside_a_unit_field() -> None:
    value = FieldValue(
        FieldKind.RESPONSIBLE_UNITS, "责任单位", "市发展改革委牵头，市财政局、市商务局配合"
    )
    assert [(v.kind, v.label, v.value) for v in split_field_duties(value)] == [
        (FieldKind.LEAD_UNITS, "责任单位", "市发展改革委"),
        (FieldKind.SUPPORTING_UNITS, "责任单位", "市财政局、市商务局"),
    ]


def test_a_unit_field_without_duty_verbs_is_unchanged() -> None:
    value = FieldValue(FieldKind.RESPONSIBLE_UNITS, "责任单位", "市财政局，市商务局")
    assert split_field_duties(value) == [value]
