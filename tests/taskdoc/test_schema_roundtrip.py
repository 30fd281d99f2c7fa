"""The parse schema reads back what it writes: ``from_dict`` is the exact inverse of ``to_dict``.

Notices generated from the grammar (every layout of ``grammar_gen``) are parsed, written as
JSON text and decoded again: each task and the whole result must come back equal. Values
built directly (spans, issues, sources of every rule, targets, milestones) cover what the
generated notices do not. A stored dict of another version, or missing a key, is refused
with a Chinese :class:`SchemaError`; collective 责任领导 values keep their kind.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from taskdoc import parse_text
from taskdoc.grammar.leaders import leader_refs
from taskdoc.model import (
    FieldSource,
    Issue,
    LeaderKind,
    Location,
    Rule,
    Severity,
    SourceSpan,
    Task,
    UnitRef,
)
from taskdoc.output.serialize import (
    SCHEMA,
    SchemaError,
    result_from_dict,
    result_to_dict,
    stored_task_from_dict,
    stored_task_to_dict,
    task_from_dict,
    task_to_dict,
)
from taskdoc.values import Comparator, Milestone, Precision, Target, TargetKind
from tests.taskdoc import grammar_gen as gg

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow],
)


def _through_json(data: dict[str, object]) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(json.dumps(data, ensure_ascii=False))
    return loaded


NOTICES = st.one_of(
    gg.paragraph_notice(),
    gg.group_notice(),
    gg.convention_notice(),
    gg.table_notice(),
    gg.paragraph_notice().map(gg.one_line),
    gg.paragraph_notice().map(gg.in_traditional),
)


@SETTINGS
@given(NOTICES)
def test_parsed_notices_round_trip(notice: gg.Notice) -> None:
    result = parse_text(notice.text)
    for task in result.tasks:
        assert task_from_dict(_through_json(task_to_dict(task))) == task
        assert stored_task_from_dict(_through_json(stored_task_to_dict(task))) == task
    assert result_from_dict(_through_json(result_to_dict(result))) == result


texts = st.text(alphabet="市区县局委办街道甲乙丙丁一二三，。、（）0123456789 ", max_size=12)
numbers = st.none() | st.integers(min_value=1, max_value=500)
locations = st.builds(
    Location,
    line=numbers,
    paragraph=numbers,
    page=numbers,
    table=numbers,
    row=numbers,
    column=numbers,
)
spans = st.builds(SourceSpan, locations, locations)
units = st.builds(UnitRef, texts, texts, st.booleans(), texts)
issues = st.builds(Issue, texts, texts, st.sampled_from(Severity), st.none() | spans)
sources = st.builds(FieldSource, texts, st.sampled_from(Rule), texts, st.none() | spans)
decimals = st.none() | st.decimals(
    min_value=Decimal("-1000000"), max_value=Decimal("1000000"), places=3, allow_nan=False
).map(lambda d: Decimal(format(d.normalize(), "f")))
targets = st.builds(
    Target,
    metric=texts,
    kind=st.sampled_from(TargetKind),
    comparator=st.none() | st.sampled_from(Comparator),
    value=decimals,
    unit=texts,
    normalized_value=decimals,
    normalized_unit=texts,
    start=st.integers(0, 50),
    end=st.integers(0, 50),
    raw=texts,
)
milestones = st.builds(
    Milestone,
    text=texts,
    raw=texts,
    start=st.integers(0, 50),
    end=st.integers(0, 50),
    due=st.none() | st.dates(),
    precision=st.none() | st.sampled_from(Precision),
    ongoing=st.booleans(),
)
tasks = st.builds(
    Task,
    list=texts,
    section_path=st.lists(texts, max_size=3).map(tuple),
    number=st.integers(1, 999),
    text=texts,
    leaders=st.lists(texts, max_size=3).map(tuple),
    lead_units=st.lists(units, max_size=2).map(tuple),
    responsible_units=st.lists(units, max_size=3).map(tuple),
    supporting_units=st.lists(units, max_size=2).map(tuple),
    deadline=st.none() | texts,
    span=spans,
    issues=st.lists(issues, max_size=2).map(tuple),
    leader_label=st.none() | texts,
    targets=st.lists(targets, max_size=2).map(tuple),
    milestones=st.lists(milestones, max_size=2).map(tuple),
    sources=st.lists(sources, max_size=3).map(tuple),
    flags=st.lists(st.sampled_from(("★", "*", "▲")), max_size=2).map(tuple),
)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(tasks)
def test_any_task_round_trips(task: Task) -> None:
    assert task_from_dict(_through_json(task_to_dict(task))) == task
    assert stored_task_from_dict(_through_json(stored_task_to_dict(task))) == task


def _stored() -> dict[str, object]:
    return stored_task_to_dict(parse_text(SIMPLE).tasks[0])


SIMPLE = (
    "某某区2024年重点工作任务分解\n1.建设口袋公园20个。\n责任领导：王新伟\n责任单位：区城管局\n"
)


@pytest.mark.parametrize("version", [None, "taskdoc.parse/0", "taskdoc.parse/9", 1])
def test_other_or_missing_version_is_refused_in_chinese(version: object) -> None:
    data = _stored()
    if version is None:
        del data["schema"]
    else:
        data["schema"] = version
    with pytest.raises(SchemaError) as err:
        stored_task_from_dict(data)
    assert "版本" in err.value.message and SCHEMA in err.value.message
    assert "请重新上传" in err.value.message


@pytest.mark.parametrize("key", ["text", "leaders", "lead_units", "deadline", "source", "flags"])
def test_missing_key_is_refused_not_defaulted(key: str) -> None:
    data = _stored()
    del data[key]
    with pytest.raises(SchemaError) as err:
        stored_task_from_dict(data)
    assert f"缺少“{key}”" in err.value.message


def test_wrong_type_is_refused() -> None:
    data = _stored()
    data["number"] = "1"
    with pytest.raises(SchemaError, match="取值有误"):
        stored_task_from_dict(data)


@pytest.mark.parametrize(
    "value",
    ["区政府班子成员", "市政府班子成员", "各副区长", "各副市长", "各分管副县长", "其他领导"],
)
def test_collective_leader_values_keep_their_kind(value: str) -> None:
    """A 责任领导 of a body or of posts stays, as written, with the kind ``collective``."""
    notice = f"某某区2024年重点工作任务分解\n1.落实从严治党主体责任。\n责任领导：{value}\n责任单位：区政府办公室\n"
    task = parse_text(notice).tasks[0]
    assert task.leaders == (value,)
    assert [r.kind for r in leader_refs(task.leaders)] == [LeaderKind.COLLECTIVE]
    assert task_to_dict(task)["leader_refs"] == [{"name": value, "kind": "collective"}]


def test_person_beside_a_collective_keeps_both() -> None:
    """王某、各副区长: the person is a person, the posts are kept (not dropped as a post)."""
    notice = "某某区2024年重点工作任务分解\n1.推进改革。\n责任领导：王新伟、各副区长\n责任单位：区发改委\n"
    task = parse_text(notice).tasks[0]
    assert [(r.name, r.kind) for r in leader_refs(task.leaders)] == [
        ("王新伟", LeaderKind.PERSON),
        ("各副区长", LeaderKind.COLLECTIVE),
    ]
