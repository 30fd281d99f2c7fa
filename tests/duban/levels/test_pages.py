"""The 上下级关联 page, the city's 下级落实 page and the task page sections, on the samples."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from duban.core import clock
from duban.levels import services
from duban.levels.models import Basis, LevelLink, LinkStatus
from duban.plans.models import Task
from duban.progress.models import PeriodKind, ReportingPeriod
from duban.progress.standing.queries import task_standing

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _pairs_url(pair: Any, **extra: Any) -> str:
    query = "&".join(f"{k}={v}" for k, v in extra.items())
    return f"{reverse('levels:pairs')}?lower={pair.district.pk}&upper={pair.city.pk}&{query}"


def _confirm_six(pair: Any) -> None:
    services.propose_links(
        upper_document=pair.city, lower_document=pair.district, actor=pair.office
    )
    from duban.cli.demo_levels import CONFIRMED_METRICS

    six = LevelLink.objects.filter(upper_target__metric__in=CONFIRMED_METRICS)
    services.decide_links(links=list(six), accept=True, actor=pair.office)


def _district_gdp_report(pair: Any, value: str) -> Task:
    """The district's task 1 reports GDP growth for its first month; the office approves."""
    from duban.progress.selectors import primary_unit
    from duban.progress.services import ReportInput, progress_report_review, progress_report_save

    task = Task.objects.get(task_list__document=pair.district, task_list__position=0, number=1)
    target = task.targets.get(metric="地区生产总值")
    period = (
        ReportingPeriod.objects.filter(document=pair.district, kind=PeriodKind.MONTHLY)
        .order_by("due_date")
        .first()
    )
    unit = primary_unit(task)
    assert period is not None and unit is not None
    report = progress_report_save(
        task=task, period=period, unit=unit,
        data=ReportInput(progress="一季度地区生产总值增长较快", actuals={target.pk: Decimal(value)}),
        expected_version=None, submit=True, actor=pair.office,
    )  # fmt: skip
    progress_report_review(report=report, approve=True, note="", actor=pair.office)
    return task


def test_office_proposes_and_decides_on_the_page(pair: Any) -> None:
    client = _client(pair.office)
    page = client.get(f"{reverse('levels:pairs')}?lower={pair.district.pk}")
    assert page.status_code == 200 and pair.city.title in page.content.decode()
    response = client.post(
        reverse("levels:propose"), {"lower": pair.district.pk, "upper": pair.city.pk}, follow=True
    )
    text = response.content.decode()
    assert "新建议" in text and "指标相同：地区生产总值（增速）" in text
    gdp = LevelLink.objects.get(upper_target__metric="地区生产总值")
    client.post(
        reverse("levels:decide"),
        {"lower": pair.district.pk, "upper": pair.city.pk, "confirm_one": gdp.pk},
    )
    gdp.refresh_from_db()
    assert gdp.status == LinkStatus.CONFIRMED and gdp.decided_by == pair.office
    texts = list(LevelLink.objects.filter(basis=Basis.TEXT).values_list("pk", flat=True))
    assert texts
    response = client.post(
        reverse("levels:decide"),
        {"lower": pair.district.pk, "upper": pair.city.pk, "link": texts, "accept": "0"},
        follow=True,
    )
    assert f"已否决 {len(texts)} 项关联" in response.content.decode()
    assert set(LevelLink.objects.filter(pk__in=texts).values_list("status", flat=True)) == {
        "rejected"
    }
    rejected = client.get(_pairs_url(pair, status="rejected")).content.decode()
    assert rejected.count('name="link"') == len(texts)
    # nothing ticked, or no button: a Chinese message, no change
    response = client.post(
        reverse("levels:decide"), {"lower": pair.district.pk, "upper": pair.city.pk}, follow=True
    )
    assert "请先勾选要处理的关联" in response.content.decode()


def test_the_city_page_shows_the_districts_figure_and_light(pair: Any) -> None:
    _confirm_six(pair)
    task = _district_gdp_report(pair, "7.2")
    client = _client(pair.office)
    page = client.get(reverse("levels:document-lower", args=[pair.city.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    city_gdp = Task.objects.get(task_list__document=pair.city, number=1)
    section = text.split(f'id="task-{city_gdp.pk}"')[1].split("</section>")[0]
    assert "地区生产总值增长 7%以上" in section  # the district's own target
    assert "7.2%" in section  # its latest reported figure
    state = task_standing(task, clock.today())
    assert state is not None
    assert (
        f"light-{state.status.colour}" in section
        and f"{state.status.labels['colour']}灯" in section
    )
    # the city's other targets without a figure yet say so
    city_fai = Task.objects.get(task_list__document=pair.city, number=2)
    assert "未报送" in text.split(f'id="task-{city_fai.pk}"')[1].split("</section>")[0]
    # the task pages: 下级落实 on the city's, 落实上级任务 on the district's
    city_page = client.get(reverse("plans:task-detail", args=[city_gdp.pk])).content.decode()
    assert "下级落实" in city_page and "7.2%" in city_page
    district_page = client.get(reverse("plans:task-detail", args=[task.pk])).content.decode()
    assert "落实上级任务" in district_page and "地区生产总值增长7%左右" in district_page


def test_the_city_page_reads_a_fixed_number_of_queries(pair: Any) -> None:
    _confirm_six(pair)
    client = _client(pair.office)
    url = reverse("levels:document-lower", args=[pair.city.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    pending = LevelLink.objects.filter(status=LinkStatus.PENDING)
    services.decide_links(links=list(pending), accept=True, actor=pair.office)
    assert LevelLink.objects.filter(status=LinkStatus.CONFIRMED).count() > 6
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(few)


def test_pages_refuse_who_may_not_and_bad_parameters(pair: Any, users: dict[str, Any]) -> None:
    lower_url = reverse("levels:document-lower", args=[pair.city.pk])
    for name in ("reporter", "leader"):
        client = _client(users[name])
        assert client.get(reverse("levels:pairs")).status_code == 403
        assert client.get(lower_url).status_code == 403
        assert (
            client.post(
                reverse("levels:propose"), {"lower": pair.district.pk, "upper": pair.city.pk}
            ).status_code
            == 403
        )
    auditor = _client(users["auditor"])
    assert auditor.get(lower_url).status_code == 200  # reads, never decides
    assert auditor.get(reverse("levels:pairs")).status_code == 403
    assert auditor.post(reverse("levels:decide"), {"confirm_one": 1}).status_code == 403
    assert LevelLink.objects.count() == 0
    office = _client(pair.office)
    bad = office.get(f"{lower_url}?as_of=2024-13-01")
    assert bad.status_code == 400 and "as_of" in bad.content.decode()
    assert office.get(f"{reverse('levels:pairs')}?lower=999999").status_code == 404
    assert office.get(f"{reverse('levels:pairs')}?lower=abc").status_code == 400
    assert office.get(reverse("levels:propose")).status_code == 405
