"""Templates show a link exactly when its view lets the user in (the ``Perm`` rule, issue 11).

Two checks: no template compares role strings (``user.role == …``), and for a user of each
role every link in the navigation bar opens (no 403), while the links it hides do refuse.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from duban.accounts.models import Role
from duban.accounts.services import user_create
from duban.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[3] / "duban"
ROLE_TEST = re.compile(r"user\.role\s*(==|!=|in\b)|user\.is_superuser")

NAV = {
    "progress:bulk": "进展填报",
    "progress:review-queue": "待审核",
    "progress:late": "未报送",
    "orgs:leader-list": "领导",
    "plans:document-list": "文件",
    "plans:import-list": "导入",
    "orgs:directory": "单位目录",
    "accounts:user-list": "用户",
    "supervision:overview": "总览",
}


def test_no_template_tests_role_strings() -> None:
    offenders = [
        f"{path.relative_to(TEMPLATES)}:{n}"
        for path in TEMPLATES.rglob("*.html")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ROLE_TEST.search(line)
    ]
    assert offenders == []


@pytest.mark.parametrize("role", [Role.OFFICE, Role.AUDITOR, Role.LEADER, Role.REPORTER])
def test_navigation_links_match_what_the_views_allow(role: Role) -> None:
    unit = OrgUnit.objects.create(name="区发展和改革局")
    user = user_create(
        username=f"u-{role}",
        password="Duban-test-2026!",
        role=role,
        units=[unit] if role == Role.REPORTER else (),
    )
    client = Client()
    client.force_login(user)
    home = client.get(reverse("plans:task-list")).content.decode()
    nav = home.split('<nav id="site-nav">', 1)[1].split("</nav>", 1)[0]
    for name in NAV:
        url = reverse(name)
        shown = f'href="{url}"' in nav
        status = client.get(url).status_code
        assert shown == (status != 403), (role, name, shown, status)
