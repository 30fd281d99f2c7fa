"""The ground-floor figure values (taskdoc.values): exact to_dict/from_dict round trips, no stage imports."""

from __future__ import annotations

import ast
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from taskdoc.figures.milestones import extract_milestones
from taskdoc.figures.schedule import CHINA_TZ, extract_schedule
from taskdoc.figures.targets import extract_targets
from taskdoc.lexicon.figures import alternation
from taskdoc.values import (
    Milestone,
    PeriodicReport,
    Precision,
    ReportingSchedule,
    Target,
    decimal_str,
)

TASKDOC = Path(__file__).resolve().parents[2] / "taskdoc"
# Invented task texts, one per shape of figure: count, level with range, rate, ratio, qualitative, 各.
TEXTS = [
    "新增城镇就业 2.4 万人以上，城镇登记失业率控制在 4.5% 以内。",
    "完成造林绿化 3-5 万亩，每千人口拥有托位数达到 3.5 个。",
    "规上工业增加值增长 6.5% 左右，一般性支出压减 8%。",
    "三次产业结构调整为 6.2:41.5:52.3，城乡居民收入增长与经济增长基本同步。",
    "宫颈癌筛查、乳腺癌筛查各 2 万人，农村危房动态清零。",
    "6月底前建成 12 个社区食堂，年底前完成老旧小区改造 40 个，持续推进背街小巷整治。",
]


def _json_round_trip(data: dict[str, object]) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(json.dumps(data, ensure_ascii=False))
    return loaded


@pytest.mark.parametrize("text", TEXTS)
def test_targets_round_trip_through_json(text: str) -> None:
    targets = extract_targets(text)
    assert targets
    for target in targets:
        assert Target.from_dict(_json_round_trip(target.to_dict())) == target


@pytest.mark.parametrize("text", TEXTS)
def test_milestones_round_trip_through_json(text: str) -> None:
    for milestone in extract_milestones(text, year=2026):
        assert Milestone.from_dict(_json_round_trip(milestone.to_dict())) == milestone


def test_a_ratio_and_a_range_keep_their_decimals() -> None:
    ratio = extract_targets("三次产业结构调整为 6.2:41.5:52.3。")[0]
    assert Target.from_dict(ratio.to_dict()).ratio == (
        Decimal("6.2"),
        Decimal("41.5"),
        Decimal("52.3"),
    )
    ranged = extract_targets("完成造林 3-5 万亩。")[0]
    back = Target.from_dict(ranged.to_dict())
    assert (back.value, back.value_max, back.normalized_value_max) == (
        Decimal(3),
        Decimal(5),
        Decimal(50000),
    )


def test_schedule_round_trips_with_an_hour_and_without() -> None:
    paragraphs = [
        "各单位于3月15日16时前将推进计划报送县政府督查室。",
        "自4月份起，每月5日前报送上月工作进展情况。",
        "请于7月5日、10月5日和次年1月5日前报送工作台账。",
    ]
    schedule = extract_schedule(paragraphs, year=2026)
    assert schedule is not None
    assert schedule.plan_due == datetime(2026, 3, 15, 16, tzinfo=CHINA_TZ)
    assert ReportingSchedule.from_dict(_json_round_trip(schedule.to_dict())) == schedule
    plain = ReportingSchedule(
        plan_due=date(2026, 3, 15),
        quarterly=PeriodicReport("quarter", 20, None, True, "每季度末月20日前"),
        summary_due=date(2026, 12, 10),
    )
    assert ReportingSchedule.from_dict(_json_round_trip(plain.to_dict())) == plain


def test_an_ongoing_milestone_round_trips() -> None:
    ongoing = Milestone("长效机制", "长效", 0, 6, ongoing=True)
    dated = Milestone("主体完工", "9月底前", 0, 9, date(2026, 9, 30), Precision.MONTH)
    for milestone in (ongoing, dated):
        assert Milestone.from_dict(milestone.to_dict()) == milestone


def test_decimal_str_is_plain_notation() -> None:
    assert decimal_str(Decimal("1.3E+4")) == "13000"
    assert decimal_str(Decimal("2.50")) == "2.5"
    assert decimal_str(None) is None


def test_alternation_tries_longer_words_first() -> None:
    assert alternation(["以上", "及以上", "内", "以内"]) == "及以上|以上|以内|内"


# The ground floor: values only (spans, a task's figures, the document's figures, the model).
_GROUND = {"taskdoc.spans", "taskdoc.values", "taskdoc.docvalues"}


@pytest.mark.parametrize("module", ["model.py", "values.py", "spans.py", "docvalues.py"])
def test_the_ground_floor_imports_no_stage(module: str) -> None:
    tree = ast.parse((TASKDOC / module).read_text(encoding="utf-8"))
    imported = {
        node.module or ""
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("taskdoc")
    }
    assert imported <= _GROUND


def test_every_figure_of_a_seed_notice_round_trips(corpus_dir: Path) -> None:
    from taskdoc import parse_file

    result = parse_file(corpus_dir / "004_87fdf972b4e7a4f0.txt")
    targets = [t for task in result.tasks for t in task.targets]
    milestones = [m for task in result.tasks for m in task.milestones]
    assert targets and milestones and result.schedule is not None
    assert all(Target.from_dict(_json_round_trip(t.to_dict())) == t for t in targets)
    assert all(Milestone.from_dict(_json_round_trip(m.to_dict())) == m for m in milestones)
    back = ReportingSchedule.from_dict(_json_round_trip(result.schedule.to_dict()))
    assert back == result.schedule
