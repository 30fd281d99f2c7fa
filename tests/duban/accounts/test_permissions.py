"""Permission matrix: role × page × own/other unit, through real URLs and the test client."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from duban.accounts.models import Role
from duban.accounts.permissions import Perm, can
from duban.accounts.services import user_create
from duban.orgs.models import Leader, OrgUnit
from duban.plans.models import Task
from tests.duban.conftest import Spec

pytestmark = pytest.mark.django_db

SPECS = [
    Spec(1, "甲单位的任务。", [("responsible", "市甲局")], ("张三",)),
    Spec(2, "乙单位的任务。", [("responsible", "市乙局")], ("李四",)),
]


@dataclass
class World:
    own_task: Task
    other_task: Task
    own_unit: OrgUnit
    other_unit: OrgUnit
    own_leader: Leader
    other_leader: Leader
    batch_id: int
    clients: dict[str, Client]


@pytest.fixture
def world(import_basic: Callable[..., Any]) -> World:
    batch = import_basic(specs=SPECS)
    preview = import_basic(confirm=False, specs=SPECS, data=b"other")
    a, b = OrgUnit.objects.get(name="市甲局"), OrgUnit.objects.get(name="市乙局")
    zhang, li = Leader.objects.get(name="张三"), Leader.objects.get(name="李四")
    users = {
        "office": user_create(username="office", password="pw-123456", role=Role.OFFICE),
        "auditor": user_create(username="auditor", password="pw-123456", role=Role.AUDITOR),
        "leader": user_create(
            username="leader", password="pw-123456", role=Role.LEADER, leader=zhang
        ),
        "reporter": user_create(
            username="reporter", password="pw-123456", role=Role.REPORTER, units=[a]
        ),
    }
    clients = {}
    for name, user in users.items():
        client = Client()
        client.force_login(user)
        clients[name] = client
    clients["anonymous"] = Client()
    assert batch.document is not None
    return World(
        own_task=Task.objects.get(number=1),
        other_task=Task.objects.get(number=2),
        own_unit=a,
        other_unit=b,
        own_leader=zhang,
        other_leader=li,
        batch_id=preview.pk,
        clients=clients,
    )


def url(w: World, page: str) -> str:
    return {
        "ledger": "/tasks/",
        "mine": "/tasks/mine/",
        "task_own": f"/tasks/{w.own_task.pk}/",
        "task_other": f"/tasks/{w.other_task.pk}/",
        "unit_own": f"/units/{w.own_unit.pk}/",
        "unit_other": f"/units/{w.other_unit.pk}/",
        "units": "/units/",
        "leader_own": f"/leaders/{w.own_leader.pk}/",
        "leader_other": f"/leaders/{w.other_leader.pk}/",
        "leaders": "/leaders/",
        "documents": "/documents/",
        "imports": "/imports/",
        "preview": f"/imports/{w.batch_id}/",
        "directory": "/directory/",
        "directory_xlsx": "/directory/units.xlsx",
        "unit_edit": f"/units/{w.own_unit.pk}/edit/",
        "api_tasks": "/api/v1/tasks/",
        "api_task_own": f"/api/v1/tasks/{w.own_task.pk}/",
        "api_task_other": f"/api/v1/tasks/{w.other_task.pk}/",
        "api_units": "/api/v1/units/",
        "admin": "/admin/",
        "posts": "/posts/",
        "post_own": f"/posts/{w.own_task.leader_links.get().post_id}/",
    }[page]


# Expected status per page for office / auditor / leader (张三, task 1) / reporter (市甲局).
MATRIX: dict[str, tuple[int, int, int, int]] = {
    "ledger": (200, 200, 200, 200),
    "mine": (200, 200, 200, 200),
    "task_own": (200, 200, 200, 200),
    "task_other": (200, 200, 403, 403),
    "unit_own": (200, 200, 403, 200),
    "unit_other": (200, 200, 403, 403),
    "units": (200, 200, 200, 200),
    "leader_own": (200, 200, 200, 403),
    "leader_other": (200, 200, 403, 403),
    "leaders": (200, 200, 200, 403),
    "documents": (200, 200, 403, 403),
    "imports": (200, 403, 403, 403),
    "preview": (200, 403, 403, 403),
    "directory": (200, 403, 403, 403),
    "directory_xlsx": (200, 403, 403, 403),
    "unit_edit": (200, 403, 403, 403),
    "api_tasks": (200, 200, 200, 200),
    "api_task_own": (200, 200, 200, 200),
    "api_task_other": (200, 200, 403, 403),
    "api_units": (200, 200, 200, 200),
    "admin": (200, 302, 302, 302),
    "posts": (200, 403, 403, 403),
    "post_own": (200, 403, 403, 403),
}
ROLES = ("office", "auditor", "leader", "reporter")


@pytest.mark.parametrize("page", MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_matrix(world: World, role: str, page: str) -> None:
    response = world.clients[role].get(url(world, page))
    assert response.status_code == MATRIX[page][ROLES.index(role)]
    if page.startswith("api") and response.status_code == 403:
        assert response.json() == {"message": "没有权限。"}


@pytest.mark.parametrize("page", [p for p in MATRIX if not p.startswith("api") and p != "admin"])
def test_anonymous_pages_redirect_to_login(world: World, page: str) -> None:
    response = world.clients["anonymous"].get(url(world, page))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("page", ["api_tasks", "api_task_own", "api_units"])
def test_anonymous_api_is_json_error(world: World, page: str) -> None:
    response = world.clients["anonymous"].get(url(world, page))
    assert response.status_code in (401, 403)
    assert response.json() == {"message": "请先登录。"}


@pytest.mark.parametrize(
    ("role", "numbers"),
    [("office", [1, 2]), ("auditor", [1, 2]), ("leader", [1]), ("reporter", [1])],
)
def test_ledger_and_api_list_only_visible_tasks(
    world: World, role: str, numbers: list[int]
) -> None:
    page = world.clients[role].get("/tasks/")
    assert ("甲单位的任务" in page.text, "乙单位的任务" in page.text) == (
        1 in numbers,
        2 in numbers,
    )
    api = world.clients[role].get("/api/v1/tasks/").json()
    assert sorted(t["number"] for t in api["results"]) == numbers


def test_reporter_sees_only_own_unit_in_unit_api(world: World) -> None:
    names = [u["name"] for u in world.clients["reporter"].get("/api/v1/units/").json()["results"]]
    assert names == ["市甲局"]


def test_api_task_detail_payload(world: World) -> None:
    body = world.clients["office"].get(url(world, "api_task_own")).json()
    assert body["text"] == "甲单位的任务。"
    assert body["units"] == [
        {"id": world.own_unit.pk, "name": "市甲局", "role": "responsible", "raw_name": "市甲局"}
    ]
    assert body["leaders"][0]["holder"] == "张三"


def test_api_unknown_task_is_json_404(world: World) -> None:
    response = world.clients["office"].get("/api/v1/tasks/999999/")
    assert response.status_code == 404
    assert response.json() == {"message": "未找到。"}


def test_leader_follows_the_post(world: World) -> None:
    """A successor in 张三's post sees 张三's tasks; 张三 no longer does."""
    from duban.orgs.services import post_assign_holder

    successor = Leader.objects.create(name="赵六")
    post_assign_holder(post=world.own_leader.posts.get(), leader=successor)
    new_user = user_create(
        username="zhao", password="pw-123456", role=Role.LEADER, leader=successor
    )
    assert can(new_user, Perm.TASK_VIEW, task=world.own_task)
    old_user = world.clients["leader"]
    assert old_user.get(url(world, "task_own")).status_code == 403


def test_reporter_sees_collective_tasks_of_own_street(import_basic: Callable[..., Any]) -> None:
    from duban.orgs.models import UnitKind, UnitLevel
    from duban.orgs.services import unit_create

    street = unit_create(name="南关街道办事处", level=UnitLevel.STREET, kind=UnitKind.STREET_OFFICE)
    import_basic()
    user = user_create(username="s", password="pw-123456", role=Role.REPORTER, units=[street])
    assert can(user, Perm.TASK_VIEW, task=Task.objects.get(number=2))
    assert not can(user, Perm.TASK_VIEW, task=Task.objects.get(number=1))
    assert not can(user, Perm.IMPORT_RUN)
