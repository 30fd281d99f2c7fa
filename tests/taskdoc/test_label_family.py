"""Field labels as a family: a short phrase of label words ending in a head word.

The labels below are composed from the words of :mod:`taskdoc.lexicon.labels`;
several were never listed anywhere, which is the point.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taskdoc.grammar.fields import FieldKind, kind_of_label, parse_field_line
from taskdoc.grammar.leaders import is_collective_leader, split_leaders
from taskdoc.grammar.markers import find_labels, is_label, starts_with_field
from taskdoc.lexicon import labels
from taskdoc.lexicon.labels import LabelRole


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        # people: the head decides, whatever the role words before it
        ("分管省领导", FieldKind.LEADERS),
        ("牵头市领导", FieldKind.LEADERS),
        ("分管县领导", FieldKind.LEADERS),
        ("牵头负责领导", FieldKind.LEADERS),
        ("联系区领导同志", FieldKind.LEADERS),
        ("区政府分管领导", FieldKind.LEADERS),
        ("分管副州长", FieldKind.LEADERS),
        ("责任人", FieldKind.LEADERS),
        # units: the first role word decides
        ("牵头责任单位", FieldKind.LEAD_UNITS),
        ("省牵头单位", FieldKind.LEAD_UNITS),
        ("州级主办部门", FieldKind.LEAD_UNITS),
        ("主抓单位", FieldKind.LEAD_UNITS),
        ("协同责任单位", FieldKind.SUPPORTING_UNITS),
        ("协办部门", FieldKind.SUPPORTING_UNITS),
        ("县级参与单位", FieldKind.SUPPORTING_UNITS),
        ("主要责任单位", FieldKind.RESPONSIBLE_UNITS),
        ("责任主体", FieldKind.RESPONSIBLE_UNITS),
        ("承办科室", FieldKind.RESPONSIBLE_UNITS),
        ("责任主体与协同单位", FieldKind.RESPONSIBLE_UNITS),
        # duties stated in the value: the value's clauses refine the role
        ("部门分工", FieldKind.RESPONSIBLE_UNITS),
        ("任务分工", FieldKind.RESPONSIBLE_UNITS),
        # deadlines
        ("时间节点", FieldKind.DEADLINE),
        ("完成时限", FieldKind.DEADLINE),
        ("时限要求", FieldKind.DEADLINE),
    ],
)
def test_a_label_gets_its_role_from_its_words(label: str, kind: FieldKind) -> None:
    assert kind_of_label(label) is kind


@pytest.mark.parametrize(
    "text",
    ["组织领导", "单位", "部门", "县级单位", "公开时限", "发布机构", "备注", "各有关单位", "时间"],
)
def test_phrases_that_are_not_labels(text: str) -> None:
    assert kind_of_label(text) is None


def test_letter_spaced_label_is_the_same_label() -> None:
    assert kind_of_label("协 同 单 位") is FieldKind.SUPPORTING_UNITS


def test_is_label_needs_the_whole_phrase() -> None:
    assert is_label("分管县领导")
    assert not is_label("分管县领导王某")


@pytest.mark.parametrize(
    "line",
    [
        "分管省领导：韩立群",
        "牵头责任单位:州交通运输局",
        "协同单位： 州财政局",
        "（省牵头单位：省水利厅）",
        "[主要责任单位：县卫健局]",
        "【配合部门】县应急局",
        "部 门 分 工：县林业局牵头",
    ],
)
def test_field_lines_of_the_family(line: str) -> None:
    assert starts_with_field(line)
    assert parse_field_line(line)


def test_a_sentence_ending_in_a_head_word_is_no_field() -> None:
    assert not starts_with_field("加强组织领导：建立工作专班")
    assert find_labels("一是加强组织领导：建立专班") == []


def test_a_label_glued_to_a_word_is_not_found() -> None:
    # 县水务局分管领导： names the leader of one bureau, not a field of the task
    assert find_labels("县水务局分管领导：每月调度") == []


def test_several_family_labels_on_one_line() -> None:
    values = parse_field_line(
        "牵头市领导：欧阳春 牵头责任单位：市水利局；协同责任单位：市农业农村局"
    )
    assert [(v.kind, v.label, v.value) for v in values] == [
        (FieldKind.LEADERS, "牵头市领导", "欧阳春"),
        (FieldKind.LEAD_UNITS, "牵头责任单位", "市水利局"),
        (FieldKind.SUPPORTING_UNITS, "协同责任单位", "市农业农村局"),
    ]


def test_header_cells_flattened_with_spaces() -> None:
    marks = find_labels("序号 主要任务 分管县领导 牵头责任单位 协同单位 时间节点", spaced=True)
    assert [(m.label, kind_of_label(m.label)) for m in marks] == [
        ("分管县领导", FieldKind.LEADERS),
        ("牵头责任单位", FieldKind.LEAD_UNITS),
        ("协同单位", FieldKind.SUPPORTING_UNITS),
        ("时间节点", FieldKind.DEADLINE),
    ]


@pytest.mark.parametrize("value", ["县政府班子成员", "各副县长", "州政府领导班子", "全体县领导"])
def test_collective_leader_values_are_not_persons(value: str) -> None:
    assert is_collective_leader(value)


@pytest.mark.parametrize("value", ["韩立群", "欧阳春", "副县长 韩立群"])
def test_names_are_persons(value: str) -> None:
    assert not any(is_collective_leader(name) for name in split_leaders(value))


_KIND_OF_ROLE = {
    LabelRole.LEAD: FieldKind.LEAD_UNITS,
    LabelRole.RESPONSIBLE: FieldKind.RESPONSIBLE_UNITS,
    LabelRole.SUPPORTING: FieldKind.SUPPORTING_UNITS,
}
_LEVELS = st.sampled_from(("", *labels.LEVEL_WORDS))


@given(
    level=_LEVELS,
    role=st.sampled_from(sorted(labels.ROLE_WORDS)),
    second=st.sampled_from(("", "责任", "负责")),
    head=st.sampled_from(labels.UNIT_HEADS),
)
def test_composed_unit_labels_take_the_role_of_their_first_role_word(
    level: str, role: str, second: str, head: str
) -> None:
    label = f"{level}{role}{second}{head}"
    assert kind_of_label(label) is _KIND_OF_ROLE[labels.ROLE_WORDS[role]]
    assert [m.label for m in find_labels(f"推进工作。{label}：某局")] == [label]


@given(
    before=st.sampled_from(("", *labels.LEADER_WORDS, *labels.ROLE_WORDS)),
    level=_LEVELS,
    head=st.sampled_from(labels.PERSON_HEADS),
)
def test_composed_person_labels_name_leaders(before: str, level: str, head: str) -> None:
    assert kind_of_label(f"{before}{level}{head}") is FieldKind.LEADERS
