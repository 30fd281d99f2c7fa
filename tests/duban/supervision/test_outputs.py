"""Dashboard figures, 赛马 ranking and year-end completion against the fixture year."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from duban.audit.models import AuditEvent
from duban.plans.models import Target, Task
from duban.supervision import selectors
from duban.supervision.models import CarriedTask
from duban.supervision.scoring import ranking
from duban.supervision.services import scoring_scheme_create, tasks_carry_over
from duban.supervision.snapshot import Dataset
from duban.supervision.yearend import year_end
from tests.duban.outputs_year import JULY, Year

pytestmark = pytest.mark.django_db


def _client(year: Year, role: str) -> Client:
    client = Client()
    client.force_login(year.users[role])
    return client


def test_dashboard_counts_and_trend(year: Year) -> None:
    tasks = selectors.scoped_tasks(user=year.users["office"])
    assert tasks is None  # the office sees the whole document: counted without a task filter
    board = selectors.dashboard(document=year.document, as_of=JULY)
    assert (board.total, board.done, board.on_track) == (7, 1, 4)
    assert dict(board.colours) == {"blue": 1, "green": 3, "yellow": 1, "red": 2}
    assert [b.label for b in board.by_section] == ["一、经济发展", "二、民生保障"]
    assert [b.total for b in board.by_section] == [3, 4]
    assert [r.task.number for r in board.overdue.rows] == [3]
    assert [r.task.number for r in board.lagging.rows] == [5]
    assert [r.task.number for r in board.unreported.rows] == [6]
    assert (board.overdue.total, board.lagging.total, board.unreported.total) == (1, 1, 1)
    assert [p.label for p in board.trend] == ["2024年3月", "2024年4月", "2024年5月", "2024年6月"]
    assert board.trend[-1].colours == board.colours or board.trend[-1].as_of < JULY
    leaders = {b.label: b.total for b in board.by_leader}
    assert leaders == {"张三": 3, "李四": 2, "王五": 2}


def test_reporter_sees_only_own_units_figures(year: Year) -> None:
    tasks = selectors.scoped_tasks(user=year.users["reporter"])
    board = selectors.dashboard(document=year.document, as_of=JULY, tasks=tasks)
    assert board.total == 1
    assert [b.label for b in board.by_unit] == ["市发展和改革委员会"]


def test_dashboard_page_renders_figures_and_chart_data(year: Year) -> None:
    page = _client(year, "office").get(
        f"/supervision/?document={year.document.pk}&as_of=2024-07-31"
    )
    assert page.status_code == 200
    assert 'data-figure="total">7<' in page.text
    assert 'id="chart-data"' in page.text
    assert "supervision/echarts.min.js" in page.text


def test_task_timeline_lists_reports_in_order(year: Year) -> None:
    task = year.tasks[3]
    page = _client(year, "office").get(f"/supervision/tasks/{task.pk}/?as_of=2024-07-31")
    assert page.status_code == 200
    labels = ["2024年3月", "2024年4月", "2024年5月", "2024年6月", "2024年12月"]
    positions = [page.text.index(label) for label in labels]
    assert positions == sorted(positions)


def test_ranking_on_outcomes(year: Year) -> None:
    result = ranking(user=year.users["office"], document=year.document, as_of=JULY)
    got = [(r.rank, r.outcome.unit_name, r.score) for r in result.rows]
    assert got[:2] == [(1, "市发展和改革委员会", 100.0), (1, "市教育局", 100.0)] or got[:2] == [
        (1, "市教育局", 100.0),
        (1, "市发展和改革委员会", 100.0),
    ]
    scores = {name: s for _, name, s in got}
    assert scores["市人社局"] == pytest.approx(78.6, abs=0.05)  # (30×½ + 25 + 15) / 70
    assert scores["市民政局"] == pytest.approx(21.4, abs=0.05)
    assert scores["市城建局"] == pytest.approx(16.1, abs=0.05)  # one of four reports returned
    assert scores["市大数据局"] == 0.0
    by_name = {r.outcome.unit_name: r.outcome for r in result.rows}
    assert by_name["市教育局"].on_time == 1.0
    assert by_name["市城建局"].quality == 0.75


def test_reporter_sees_only_own_rank(year: Year) -> None:
    result = ranking(user=year.users["reporter"], document=year.document, as_of=JULY)
    assert [r.outcome.unit_name for r in result.rows] == ["市发展和改革委员会"]
    assert result.rows[0].rank == 1


def test_weights_change_is_audited_and_applies(year: Year) -> None:
    scoring_scheme_create(
        on_time=Decimal(0),
        targets_met=Decimal(0),
        schedule_met=Decimal(100),
        quality=Decimal(0),
        actor=year.users["office"],
    )
    assert AuditEvent.objects.filter(action="scoring.weights").count() == 1
    result = ranking(user=year.users["office"], document=year.document, as_of=JULY)
    assert {r.outcome.unit_name: r.score for r in result.rows}["市人社局"] == 100.0
    assert result.weights.formula().startswith("得分 = 0×按时完成率 + 0×指标达标率 + 100×")


def test_year_end_ratios_and_review(year: Year) -> None:
    result = year_end(data=Dataset(year.document, Task.objects.all()))
    ratios = {r.task.number: r.ratio_label for r in result.targets}
    assert ratios[1] == "完成年度目标的108.7%"
    assert ratios[2] == "完成年度目标的104%"
    assert ratios[4] == "完成年度目标的104.7%"
    assert ratios[5] == "完成年度目标的20%"
    assert (result.tasks, result.done, len(result.unfinished)) == (7, 1, 6)
    assert [(s.section, s.tasks, s.done) for s in result.sections] == [
        ("一、经济发展", 3, 0),
        ("二、民生保障", 4, 1),
    ]
    assert result.paragraphs[0].startswith("过去一年，我们认真落实年初部署的7项重点任务，已完成1项")
    assert "地区生产总值增长7.61%，高于目标0.61个百分点" in result.paragraphs[1]  # a rate: points
    assert result.paragraphs[1].startswith("（一）经济发展。")


def test_carry_over_creates_linked_tasks_once(year: Year) -> None:
    result = tasks_carry_over(document=year.document, year=2025, actor=year.users["office"])
    assert len(result.created) == 6
    assert result.document.year == 2025
    links = CarriedTask.objects.filter(origin__task_list__document=year.document)
    assert sorted(link.origin.number for link in links) == [1, 2, 3, 4, 5, 6]
    new = links.get(origin=year.tasks[1]).successor
    assert new.text == year.tasks[1].text
    assert list(new.assignments.values_list("unit__name", "role")) == [
        ("市发展和改革委员会", "lead")
    ]
    assert Target.objects.get(task=new).value == Decimal("7")
    event = AuditEvent.objects.get(action="task.carry_over")
    assert len(event.data["successors"]) == 6
    again = tasks_carry_over(document=year.document, year=2025, actor=year.users["office"])
    assert (len(again.created), again.skipped, again.document) == (0, 6, result.document)


def test_carry_over_refuses_same_year(year: Year) -> None:
    from duban.core.exceptions import ApplicationError

    with pytest.raises(ApplicationError):
        tasks_carry_over(document=year.document, year=2024, actor=None)
