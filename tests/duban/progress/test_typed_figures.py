"""The report form takes a figure as people type it and shows it as written (issue 12, 8)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from duban.progress.models import ProgressReport, ReportActual
from tests.duban.progress.conftest import World

pytestmark = pytest.mark.django_db


def _url(world: World) -> str:
    return f"/tasks/{world.task.pk}/reports/{world.period('2024年4月').pk}/"


def test_a_figure_with_the_targets_unit_is_taken_and_shown_as_written(world: World) -> None:
    unit = world.target.unit
    client = world.client("reporter")
    field = f"actual_{world.target.pk}"
    answer = client.post(
        _url(world), {"action": "save", "version": 0, "progress": "推进中", field: f"1,250{unit}"}
    )
    assert answer.status_code == 302
    actual = ReportActual.objects.get(report=ProgressReport.objects.get())
    assert actual.value == Decimal("1250")
    page = client.get(_url(world)).content.decode()
    assert 'value="1250"' in page and "1250.0000" not in page


def test_a_figure_in_another_unit_is_refused_and_the_text_kept(world: World) -> None:
    client = world.client("reporter")
    field = f"actual_{world.target.pk}"
    answer = client.post(
        _url(world),
        {"action": "save", "version": 0, "progress": "文字不能丢", field: "90公里"},
    )
    page = answer.content.decode()
    assert answer.status_code in {200, 400}
    assert "不一致" in page and "文字不能丢" in page and 'value="90公里"' in page
    assert not ProgressReport.objects.exists()


def test_submitting_says_reported_not_saved(world: World) -> None:
    client = world.client("reporter")
    answer = client.post(
        _url(world), {"action": "submit", "version": 0, "progress": "完成选址"}, follow=True
    )
    page = answer.content.decode()
    assert "已报送。" in page and "已保存。" not in page
