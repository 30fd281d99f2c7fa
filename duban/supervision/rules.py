"""Pure supervision arithmetic: year-end ratios, the 通报 sentence forms, unit scores.

No Django here (an import-linter contract forbids it), so the tables in
``tests/duban/supervision/test_rules.py`` pin each rule down without a database.

* **Year-end ratio and "met"** are the status engine's (``duban.progress.status.year_end_ratio``
  and ``is_met``): one rule for every page, export and ranking.
* **Sentence forms** are the ones 督查通报 use: "达到序时进度44项、占比80%".
* **Scores** use outcomes only — on-time completion, targets met, 序时进度 met and the share
  of reports not returned — never activity counts such as logins or clicks, which national
  rules (《关于防治"指尖上的形式主义"的若干意见》) forbid ranking on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache


def percent(part: int | float, whole: int | float, *, digits: int = 0) -> str:
    """``percent(44, 55)`` → ``"80%"``; an empty whole gives ``"0%"`` (nothing to divide)."""
    if not whole:
        return "0%"
    return ratio_text(part / whole, digits=digits)


def ratio_text(ratio: float, *, digits: int = 1) -> str:
    """``1.0870`` → ``"108.7%"`` (half up, trailing ``.0`` dropped: ``"100%"``)."""
    return _ratio_text(str(ratio), digits)


@lru_cache(maxsize=8192)
def _ratio_text(ratio: str, digits: int) -> str:
    """Cached on the text of the ratio, the one thing the result depends on: a 台账 of
    100,000 rows writes a few thousand distinct shares (序时进度 is one per deadline)."""
    quantum = Decimal(1).scaleb(-digits) if digits else Decimal(1)
    value = (Decimal(ratio) * 100).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def count_sentence(label: str, count: int, total: int) -> str:
    """``count_sentence("达到序时进度", 44, 55)`` → ``"达到序时进度44项、占比80%"``."""
    return f"{label}{count}项、占比{percent(count, total)}"


def number_text(value: Decimal | None) -> str:
    """A Decimal as written in a report: ``7.5000`` → ``"7.5"``, ``100.0000`` → ``"100"``."""
    return "" if value is None else _number_text(str(value))


@lru_cache(maxsize=8192)
def _number_text(value: str) -> str:
    """Cached on the Decimal's text, which is the Decimal (sign, digits and exponent)."""
    text = f"{Decimal(value).normalize():f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- scoring -------------------------------------------------------------------------------

METRICS: tuple[tuple[str, str], ...] = (
    ("on_time", "按时完成率"),
    ("targets_met", "指标达标率"),
    ("schedule_met", "序时进度达标率"),
    ("quality", "报送质量（未被退回率）"),
)


@dataclass(frozen=True, slots=True)
class Weights:
    on_time: float = 30
    targets_met: float = 30
    schedule_met: float = 25
    quality: float = 15

    def formula(self) -> str:
        """The formula shown beside every score, e.g. ``得分 = 30×按时完成率 + …``."""
        terms = [f"{_num(getattr(self, key))}×{label}" for key, label in METRICS]
        return "得分 = " + " + ".join(terms) + "（缺项按其余权重折算，满分100）"


def _num(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True, slots=True)
class Outcome:
    """One unit's outcome shares (0..1, ``None`` = nothing to measure yet)."""

    unit_id: int
    unit_name: str
    tasks: int
    on_time: float | None
    targets_met: float | None
    schedule_met: float | None
    quality: float | None


def score(outcome: Outcome, weights: Weights) -> float | None:
    """Weighted score out of 100; missing metrics drop out and the rest are re-weighted."""
    total = 0.0
    used = 0.0
    for key, _label in METRICS:
        share = getattr(outcome, key)
        weight = float(getattr(weights, key))
        if share is None or weight <= 0:
            continue
        total += weight * share
        used += weight
    if used == 0:
        return None
    return round(total / used * 100, 1)


@dataclass(frozen=True, slots=True)
class Ranked:
    rank: int | None
    score: float | None
    outcome: Outcome


def rank(outcomes: Sequence[Outcome], weights: Weights) -> list[Ranked]:
    """Highest score first; equal scores share a rank (1, 2, 2, 4); unscored units last."""
    scored = [(score(o, weights), o) for o in outcomes]
    scored.sort(key=lambda pair: (pair[0] is None, -(pair[0] or 0), pair[1].unit_name))
    result: list[Ranked] = []
    previous: float | None = None
    current = 0
    for position, (value, outcome) in enumerate(scored, start=1):
        if value is None:
            result.append(Ranked(None, None, outcome))
            continue
        if value != previous:
            current, previous = position, value
        result.append(Ranked(current, value, outcome))
    return result
