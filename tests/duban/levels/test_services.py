"""Proposals on the real samples (000 against 001) and the services that store and decide them.

The expectations were written from the two texts before the code ran: both state 2024's main
indicators, the district's budget revenue is 地方财政一般公共预算收入 and its unemployment
rate sits in its task 29, not with the others in task 1.
"""

from __future__ import annotations

from typing import Any

import pytest

from duban.audit.models import AuditEvent
from duban.core.exceptions import ApplicationError
from duban.levels import selectors, services
from duban.levels.models import Basis, LevelLink, LinkStatus
from duban.levels.proposals import propose

pytestmark = pytest.mark.django_db

SIX = {
    # city metric: (district metric, district task number)
    "地区生产总值": ("地区生产总值", 1),
    "固定资产投资": ("固定资产投资", 1),
    "规模以上工业增加值": ("规模以上工业增加值", 1),
    "社会消费品零售总额": ("社会消费品零售总额", 1),
    "一般公共预算收入": ("地方财政一般公共预算收入", 1),
    "城镇调查失业率": ("城镇调查失业率", 29),
}


def _metric_pairs() -> dict[str, tuple[str, int, str]]:
    links = LevelLink.objects.filter(basis=Basis.METRIC).select_related(
        "upper_target", "lower_target", "lower_task"
    )
    assert len(links) == len({link.upper_target_id for link in links})  # one to one
    return {
        link.upper_target.metric: (link.lower_target.metric, link.lower_task.number, link.reason)
        for link in links
    }


def test_the_six_main_indicators_of_000_are_proposed_against_001(pair: Any) -> None:
    services.propose_links(
        upper_document=pair.city, lower_document=pair.district, actor=pair.office
    )
    found = _metric_pairs()
    for city_metric, (district_metric, number) in SIX.items():
        assert found[city_metric][:2] == (district_metric, number), city_metric
    assert found["地区生产总值"][2] == "指标相同：地区生产总值（增速）"
    assert found["城镇调查失业率"][2] == "指标相同：城镇调查失业率（比率）"
    assert found["一般公共预算收入"][2].startswith("指标相近：上级“一般公共预算收入”")
    # no counterpart in 000, or another kind: never proposed
    assert "建筑业总产值" not in found  # the district states none
    assert "全社会研发投入强度" not in found  # a share; 000 has 全社会研发经费投入 in 亿元
    assert "道路绿化" not in found and "投资" not in found  # too short a shared core (道路, 投资)
    every = LevelLink.objects.filter(basis=Basis.METRIC).select_related(
        "upper_target", "lower_target"
    )
    for link in every:
        assert link.upper_target.kind == link.lower_target.kind
        assert link.upper_target.normalized_unit == link.lower_target.normalized_unit


def test_a_mismatching_kind_from_the_real_parse_is_not_proposed(pair: Any) -> None:
    """000's GDP is a growth rate: against a city GDP stated as an amount it must not pair."""
    from dataclasses import replace

    city = selectors.task_facts(pair.city)
    district = selectors.task_facts(pair.district)
    as_amount = [
        replace(t, targets=tuple(replace(x, kind="level", unit="元") for x in t.targets))
        if any(x.metric == "地区生产总值" for x in t.targets) else t
        for t in city
    ]  # fmt: skip
    outcome = propose(as_amount, district)
    gdp_city = {x.id for t in as_amount for x in t.targets if x.metric == "地区生产总值"}
    assert not [p for p in outcome.proposals if p.upper_target in gdp_city]
    [miss] = [m for m in outcome.near_misses if m.upper_target in gdp_city]
    assert "类型不同（上级总量，下级增速）" in miss.reason


def test_proposing_again_adds_nothing_and_keeps_decisions(pair: Any) -> None:
    first = services.propose_links(
        upper_document=pair.city, lower_document=pair.district, actor=pair.office
    )
    assert first.created == LevelLink.objects.count() > 6
    gdp = LevelLink.objects.get(upper_target__metric="地区生产总值")
    housing = LevelLink.objects.get(upper_target__metric="人才公寓")
    services.decide_link(link=gdp, accept=True, actor=pair.office)
    services.decide_link(link=housing, accept=False, actor=pair.office)
    again = services.propose_links(
        upper_document=pair.city, lower_document=pair.district, actor=pair.office
    )
    assert (again.created, again.kept) == (0, first.created)
    assert LevelLink.objects.count() == first.created
    gdp.refresh_from_db()
    housing.refresh_from_db()
    assert (gdp.status, gdp.decided_by) == (LinkStatus.CONFIRMED, pair.office)
    assert housing.status == LinkStatus.REJECTED and housing.decided_at is not None
    actions = list(
        AuditEvent.objects.filter(action__startswith="level.").values_list("action", flat=True)
    )
    assert actions.count("level.propose") == 2 and actions.count("level.decide") == 2
    decided = AuditEvent.objects.filter(action="level.decide", object_id=str(gdp.pk)).get()
    assert decided.data["changes"] == [["status", "pending", "confirmed"]]


def test_batch_decide_is_one_audited_write(pair: Any) -> None:
    services.propose_links(
        upper_document=pair.city, lower_document=pair.district, actor=pair.office
    )
    links = list(LevelLink.objects.filter(basis=Basis.METRIC)[:3])
    assert services.decide_links(links=links, accept=True, actor=pair.office) == 3
    assert LevelLink.objects.filter(status=LinkStatus.CONFIRMED).count() == 3
    event = AuditEvent.objects.get(action="level.decide_batch")
    assert len(event.data["links"]) == 3 and "批量确认 3 项" in event.summary
    with pytest.raises(ApplicationError, match="同一个文件"):
        services.propose_links(
            upper_document=pair.city, lower_document=pair.city, actor=pair.office
        )
