"""赛马 ranking page: a zero is a score, ties only on equal scores.

Regression for issue 11 item 5: one unit had a score and every other unit showed rank "2"
and score "—", although they had measured components (their score was 0, rendered as
missing) and the page says missing components are re-weighted.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from duban.supervision.rules import Outcome, Weights, rank
from tests.duban.outputs_year import Year

pytestmark = pytest.mark.django_db


def _rows(html: str) -> dict[str, tuple[str, str]]:
    """unit → (rank, score) as the page shows them."""
    table = html[html.index('id="ranking"') :]
    pattern = r'<tr><td class="num">(.*?)</td><td>(.*?)</td>.*?<strong>(.*?)</strong>'
    return {unit: (place, value) for place, unit, value in re.findall(pattern, table, re.S)}


def test_every_measured_unit_shows_a_score_and_its_own_place(year: Year) -> None:
    client = Client()
    client.force_login(year.users["office"])
    page = client.get(f"/supervision/ranking/?document={year.document.pk}&as_of=2024-07-31")
    rows = _rows(page.text)
    assert rows == {
        "市发展和改革委员会": ("1", "100.0"),
        "市教育局": ("1", "100.0"),
        "市人社局": ("3", "78.6"),
        "市民政局": ("4", "21.4"),
        "市城建局": ("5", "16.1"),
        # never reported: 0 % of its tasks on schedule is a measured 0, not "no score"
        "市大数据局": ("6", "0.0"),
    }


def _outcome(name: str, **shares: float | None) -> Outcome:
    base: dict[str, float | None] = dict.fromkeys(
        ("on_time", "targets_met", "schedule_met", "quality")
    )
    base.update(shares)
    return Outcome(unit_id=len(name), unit_name=name, tasks=1, **base)  # type: ignore[arg-type]


def test_zero_scores_rank_like_any_other_and_only_unmeasured_units_go_unranked() -> None:
    ranked = rank(
        [
            _outcome("戊"),
            _outcome("丁", schedule_met=0.0),
            _outcome("丙", schedule_met=0.5, on_time=0.5),
            _outcome("乙", targets_met=0.5),
            _outcome("甲", quality=1.0),
            _outcome("己", on_time=0.0, quality=0.0),
        ],
        Weights(),
    )
    assert [(r.rank, r.outcome.unit_name, r.score) for r in ranked] == [
        (1, "甲", 100.0),
        (2, "丙", 50.0),
        (2, "乙", 50.0),
        (4, "丁", 0.0),
        (4, "己", 0.0),
        (None, "戊", None),
    ]
