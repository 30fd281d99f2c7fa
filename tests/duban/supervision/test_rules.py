"""The pure supervision rules: ratios, sentence forms, scores (no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from duban.progress.status import is_met, year_end_ratio
from duban.supervision.rules import (
    Outcome,
    Weights,
    count_sentence,
    number_text,
    percent,
    rank,
    ratio_text,
    score,
)


@pytest.mark.parametrize(
    ("kind", "comparator", "goal", "actual", "expected"),
    [
        ("growth", "at_least", "7", "7.61", 1.08714),  # 完成年度目标的108.7%
        ("count", "at_least", "5", "5.2", 1.04),
        ("share", "at_most", "4.5", "4.3", 1.0465),  # a cap: target ÷ actual
        ("share", "at_most", "4.5", "0", None),
        ("decrease", "at_least", "4", "3", 0.75),
        ("growth", "at_least", "0", "3", None),
        ("level", "at_least", "0", "3", None),
        ("qualitative", "", None, None, None),
        ("count", "at_least", "5", None, None),
    ],
)
def test_year_end_ratio(
    kind: str, comparator: str, goal: str | None, actual: str | None, expected: float | None
) -> None:
    got = year_end_ratio(
        kind=kind,
        comparator=comparator,
        goal=Decimal(goal) if goal is not None else None,
        actual=Decimal(actual) if actual is not None else None,
    )
    if expected is None:
        assert got is None
    else:
        assert got == pytest.approx(expected, abs=1e-4)


def test_about_targets_are_met_from_95_percent() -> None:
    assert is_met(0.96, comparator="about") is True
    assert is_met(0.96, comparator="at_least") is False
    assert is_met(None, comparator="at_least") is None


@pytest.mark.parametrize(
    ("ratio", "digits", "text"),
    [
        (1.087142, 1, "108.7%"),
        (1.0, 1, "100%"),
        (0.8, 0, "80%"),
        (0.5714, 0, "57%"),
        (0.125, 1, "12.5%"),
    ],
)
def test_ratio_text(ratio: float, digits: int, text: str) -> None:
    assert ratio_text(ratio, digits=digits) == text


def test_sentence_forms() -> None:
    assert count_sentence("达到序时进度", 44, 55) == "达到序时进度44项、占比80%"
    assert percent(3, 0) == "0%"
    assert number_text(Decimal("7.5000")) == "7.5"
    assert number_text(Decimal("100.0000")) == "100"
    assert number_text(None) == ""


def _outcome(name: str, **shares: float | None) -> Outcome:
    base: dict[str, float | None] = {
        "on_time": None,
        "targets_met": None,
        "schedule_met": None,
        "quality": None,
    }
    base.update(shares)
    return Outcome(unit_id=hash(name), unit_name=name, tasks=1, **base)  # type: ignore[arg-type]


def test_score_reweights_missing_metrics() -> None:
    """A unit with nothing due yet is scored on the other metrics, out of 100."""
    outcome = _outcome("甲", targets_met=0.5, schedule_met=1.0, quality=1.0)
    assert score(outcome, Weights()) == pytest.approx((30 * 0.5 + 25 + 15) / 70 * 100, abs=0.05)
    assert score(_outcome("乙"), Weights()) is None


def test_rank_shares_places_and_puts_unscored_last() -> None:
    ranked = rank(
        [
            _outcome("丙", schedule_met=0.5),
            _outcome("甲", schedule_met=1.0),
            _outcome("乙", schedule_met=1.0),
            _outcome("丁"),
        ],
        Weights(),
    )
    assert [(r.rank, r.outcome.unit_name) for r in ranked] == [
        (1, "乙"),
        (1, "甲"),
        (3, "丙"),
        (None, "丁"),
    ]


def test_formula_names_every_weight_and_no_activity_count() -> None:
    formula = Weights(on_time=40, targets_met=30, schedule_met=20, quality=10).formula()
    assert formula.startswith(
        "得分 = 40×按时完成率 + 30×指标达标率 + 20×序时进度达标率 + 10×报送质量"
    )
    for banned in ("登录", "点击", "次数"):
        assert banned not in formula
