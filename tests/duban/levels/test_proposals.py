"""The proposal rules on plain data (no database): what pairs, what never pairs, and why."""

from __future__ import annotations

from typing import Any

from duban.levels.proposals import (
    ASSIGNED,
    METRIC,
    TEXT,
    TargetFacts,
    TaskFacts,
    propose,
    target_pairs,
    task_pairs,
)


def _target(pk: int, metric: str, kind: str = "growth", unit: str = "%", value: bool = True) -> Any:
    return TargetFacts(id=pk, metric=metric, kind=kind, unit=unit, has_value=value)


def _task(pk: int, text: str, *targets: TargetFacts, assigned: bool = False) -> TaskFacts:
    return TaskFacts(id=pk, text=text, targets=targets, assigned=assigned)


def test_the_same_metric_kind_and_unit_pair_with_its_reason() -> None:
    city = [_task(1, "地区生产总值增长7%左右", _target(11, "地区生产总值"))]
    district = [_task(2, "地区生产总值增长7%以上", _target(21, "全区地区生产总值"))]
    [p], misses = target_pairs(city, district)
    assert (p.upper_task, p.lower_task, p.upper_target, p.lower_target) == (1, 2, 11, 21)
    assert p.basis == METRIC and p.score == 1.0
    assert p.reason == "指标相同：地区生产总值（增速）"
    assert misses == []


def test_another_kind_or_unit_is_never_paired_and_says_why() -> None:
    city = [
        _task(1, "经济", _target(11, "地区生产总值", kind="level", unit="元")),
        _task(2, "土地", _target(12, "土地收储", kind="level", unit="亩")),
    ]
    district = [
        _task(3, "经济", _target(31, "地区生产总值", kind="growth", unit="%")),
        _task(4, "土地", _target(32, "土地收储", kind="level", unit="平方米")),
    ]
    pairs, misses = target_pairs(city, district)
    assert pairs == []
    reasons = {(m.upper_target, m.lower_target): m.reason for m in misses}
    assert reasons[(11, 31)].startswith("指标相近但类型不同（上级总量，下级增速）")
    assert "单位不同（上级元，下级%）" in reasons[(11, 31)]
    assert (
        reasons[(12, 32)]
        == "指标相近但单位不同（上级亩，下级平方米），不建议关联：土地收储 / 土地收储"
    )


def test_short_contained_metrics_and_qualitative_targets_do_not_pair() -> None:
    city = [
        _task(1, "绿化", _target(11, "道路绿化", kind="count", unit="条")),
        _task(
            2, "收入", _target(12, "居民人均可支配收入", kind="qualitative", unit="", value=False)
        ),
    ]
    district = [
        _task(3, "道路", _target(31, "道路", kind="count", unit="条")),
        _task(
            4, "收入", _target(32, "居民人均可支配收入", kind="qualitative", unit="", value=False)
        ),
    ]
    assert target_pairs(city, district) == ([], [])


def test_targets_pair_one_to_one_best_first() -> None:
    city = [_task(1, "就业", _target(11, "新增城镇就业", kind="count", unit="人"))]
    district = [
        _task(2, "就业创业", _target(21, "新增就业", kind="count", unit="人")),
        _task(3, "青年", _target(22, "新增城镇就业计划", kind="count", unit="人")),
    ]
    [p], _ = target_pairs(city, district)
    assert p.lower_target == 22 and p.score == 0.9  # contained (0.9) beats a dropped modifier
    assert p.reason == "指标相近：上级“新增城镇就业”，下级“新增城镇就业计划”（数量）"


def test_tasks_pair_by_text_and_the_assigned_upper_task_is_preferred() -> None:
    city = [
        _task(1, "全力维护公共安全，开展安全生产治本攻坚三年行动，防范火灾事故"),
        _task(2, "推进义务教育优质均衡发展，新建中小学校"),
    ]
    district = [
        _task(3, "严防火灾事故发生，开展安全生产专项整治"),
        _task(4, "举办舞台艺术进社区惠民演出"),
    ]
    [p] = task_pairs(city, district)
    assert (p.upper_task, p.lower_task, p.basis) == (1, 3, TEXT)
    assert p.reason.startswith("内容相近（字词重合度 0.")
    # a weaker likeness is proposed when the city task is handed to the districts
    weak_city = [_task(5, "开展惠民文化活动", assigned=True), _task(6, "新建中小学校")]
    [q] = task_pairs(weak_city, district[1:])
    assert (q.upper_task, q.lower_task, q.basis) == (5, 4, ASSIGNED)
    assert q.reason.startswith("上级任务交由本级落实")
    assert task_pairs([_task(5, "开展惠民文化活动")], district[1:]) == []


def test_a_task_paired_by_a_target_is_not_paired_again_by_text() -> None:
    city = [_task(1, "地区生产总值增长7%左右", _target(11, "地区生产总值"))]
    district = [_task(2, "地区生产总值增长7%以上", _target(21, "地区生产总值"))]
    outcome = propose(city, district)
    assert [p.basis for p in outcome.proposals] == [METRIC]
    assert propose(city, district) == outcome  # deterministic
