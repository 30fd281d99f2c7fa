"""The load mix's pages (issue 14) read each fact once: query budgets that fail on a regression.

Why: with 50 users every page is paid for in CPU, and each ORM query costs about a millisecond
of it before the database has done anything. ``bench/requestcost.py`` measures the demo site;
these budgets pin the counts on the small world, so a permission check that reads the user's
units again, or a selector called twice, fails here rather than in a load test.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.duban.progress.conftest import World

pytestmark = pytest.mark.django_db
VERSION = re.compile(r'name="version" value="(\d*)"')


def _queries(client: Client, path: str, data: dict[str, Any] | None = None) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.post(path, data) if data is not None else client.get(path)
    assert response.status_code == (302 if data is not None else 200), path
    return [q["sql"] for q in captured.captured_queries]


def _reads(sql: list[str], table: str) -> int:
    return sum(1 for q in sql if q.startswith("SELECT") and f'FROM "{table}"' in q)


def _report_url(world: World) -> str:
    return f"/tasks/{world.task.pk}/reports/{world.period('2024年5月').pk}/"


def test_report_form_reads_each_fact_once(world: World) -> None:
    sql = _queries(world.client("reporter"), _report_url(world))
    assert len(sql) <= 18, "\n".join(sql)
    assert _reads(sql, "accounts_unitmembership") == 1  # every permission check shares it
    assert _reads(sql, "progress_unitpart") == 1  # the pre-fill and the lines share them
    assert not any(q.startswith("SELECT 1 AS") for q in sql)  # no EXISTS: the task is known


def test_report_submit_checks_permissions_without_queries(world: World) -> None:
    client, url = world.client("reporter"), _report_url(world)
    found = VERSION.search(client.get(url).content.decode())
    form = {"version": found.group(1) if found else "0", "progress": "已完成选址。"}
    sql = _queries(
        client, url, {**form, "problems": "无", "next_steps": "继续", "action": "submit"}
    )
    assert len(sql) <= 52, "\n".join(sql)
    assert _reads(sql, "accounts_unitmembership") == 1
    assert not any('SELECT 1 AS "a" FROM "plans_task"' in q for q in sql)


@pytest.mark.parametrize(
    ("who", "path", "budget"),
    [
        ("reporter", "/tasks/mine/", 10),
        ("reporter", "task", 10),
        # an office's pages read its seat once (which government it acts for: accounts.seats)
        ("office", "/tasks/", 10),
        ("office", "task", 12),
        ("office", "/supervision/", 15),
    ],
)
def test_load_mix_page_budgets(world: World, who: str, path: str, budget: int) -> None:
    url = f"/tasks/{world.task.pk}/" if path == "task" else path
    sql = _queries(world.client(who), url)
    assert len(sql) <= budget, "\n".join(sql)
    assert _reads(sql, "accounts_unitmembership") <= 1
    assert _reads(sql, "orgs_government") <= 1  # the seat, once a request
    assert not any('SELECT 1 AS "a" FROM "plans_task"' in q for q in sql)  # no EXISTS per check
    assert (
        sum(1 for q in sql if q.startswith('SELECT COUNT(*) AS "__count" FROM "plans_task"')) <= 1
    )


def test_units_outside_a_request_follow_an_account_update(world: World) -> None:
    """Only ``request.user`` keeps its units (for one request): any other user object, here a
    test's, sees the 督查室's change at once."""
    from duban.accounts.permissions import Perm, can
    from duban.accounts.services import AccountInput, account_update

    reporter = world.users["reporter"]
    assert can(reporter, Perm.PROGRESS_SUBMIT, task=world.task, unit=world.unit_a)
    data = AccountInput(display_name="甲局填报员", role=reporter.role, units=(world.unit_b,))
    account_update(user=reporter, data=data, actor=world.users["office"])
    assert not can(reporter, Perm.PROGRESS_SUBMIT, task=world.task, unit=world.unit_a)
    assert can(reporter, Perm.TASK_VIEW, task=world.other_task)
