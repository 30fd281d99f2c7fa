"""Posts: placeholders from the import, renaming, and the handover page (督查室 only)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from duban.accounts.models import Role
from duban.accounts.permissions import Perm, can
from duban.accounts.services import user_create
from duban.audit.models import AuditEvent
from duban.core.exceptions import ApplicationError
from duban.orgs.models import PLACEHOLDER_TITLE, Leader, Post, PostHolding
from duban.orgs.services import (
    leader_post_ensure,
    post_assign_holder,
    post_handover,
    post_rename,
)
from duban.plans.models import Task
from tests.duban.conftest import Spec

pytestmark = pytest.mark.django_db

SPECS = [Spec(1, "甲单位的任务。", [("responsible", "市甲局")], ("史建伟",))]


@pytest.fixture
def post(import_basic: Callable[..., Any]) -> Post:
    import_basic(specs=SPECS)
    return Post.objects.get(holder__name="史建伟")


def _client(role: Role, **kw: Any) -> Client:
    client = Client()
    client.force_login(user_create(username=role.value, password="pw-123456", role=role, **kw))
    return client


def test_import_creates_a_placeholder_shown_as_to_be_completed(post: Post) -> None:
    assert post.is_placeholder
    assert post.title == "史建伟所任职务"
    assert post.display_title == PLACEHOLDER_TITLE
    page = _client(Role.OFFICE).get(Task.objects.get().get_absolute_url()).content.decode()
    assert "（职务待补充）" in page
    assert "史建伟所任职务" not in page


def test_rename_clears_the_placeholder_and_is_audited(post: Post) -> None:
    post_rename(post=post, title="  副区长 ", actor=None)
    post.refresh_from_db()
    assert (post.title, post.is_placeholder, post.display_title) == ("副区长", False, "副区长")
    event = AuditEvent.objects.get(action="post.rename")
    assert event.data["changes"] == [
        {"field": "title", "before": PLACEHOLDER_TITLE, "after": "副区长"}
    ]


def test_rename_refuses_a_title_in_use(post: Post) -> None:
    Post.objects.create(title="副区长")
    with pytest.raises(ApplicationError, match="已存在"):
        post_rename(post=post, title="副区长")
    with pytest.raises(ApplicationError, match="请填写"):
        post_rename(post=post, title="  ")


def test_handover_dates_the_history_and_the_successor_gets_the_tasks(post: Post) -> None:
    old_start = post.holdings.get().started_at
    PostHolding.objects.filter(post=post).update(started_at=old_start - timedelta(days=30))
    successor = Leader.objects.create(name="王五")
    day = timezone.localdate() - timedelta(days=2)
    post_handover(post=post, successor=successor, effective_on=day, note="换届", actor=None)
    post.refresh_from_db()
    assert post.holder == successor
    new, old = list(post.holdings.order_by("-started_at"))
    assert (new.leader.name, new.note, new.ended_at) == ("王五", "换届", None)
    assert timezone.localdate(new.started_at) == day
    assert old.ended_at == new.started_at
    event = AuditEvent.objects.get(action="post.assign")
    assert event.data["changes"] == [{"field": "holder", "before": "史建伟", "after": "王五"}]
    assert event.data["effective_on"] == day.isoformat()
    wang = user_create(username="wang", password="pw-123456", role=Role.LEADER, leader=successor)
    assert can(wang, Perm.TASK_VIEW, task=Task.objects.get())


def test_handover_to_a_new_name_creates_the_leader(post: Post) -> None:
    post_handover(
        post=post, successor=None, new_leader_name="赵 六", effective_on=timezone.localdate()
    )
    post.refresh_from_db()
    assert post.holder is not None and post.holder.name == "赵六"
    assert AuditEvent.objects.filter(action="leader.create", summary="赵六").exists()
    old, new = post.holdings.order_by("started_at")
    assert old.ended_at == new.started_at and old.started_at <= new.started_at


@pytest.mark.parametrize(
    ("days", "message"), [(1, "不能晚于今天"), (-400, "不能早于现任（史建伟）")]
)
def test_handover_refuses_bad_dates(post: Post, days: int, message: str) -> None:
    successor = Leader.objects.create(name="王五")
    with pytest.raises(ApplicationError, match=message):
        post_assign_holder(
            post=post,
            leader=successor,
            effective_on=timezone.localdate() + timedelta(days=days),
        )
    post.refresh_from_db()
    assert post.holder is not None and post.holder.name == "史建伟"


def test_handover_needs_exactly_one_successor_and_not_the_holder(post: Post) -> None:
    today = timezone.localdate()
    with pytest.raises(ApplicationError, match="二选一"):
        post_handover(post=post, successor=None, effective_on=today)
    with pytest.raises(ApplicationError, match="二选一"):
        post_handover(
            post=post, successor=Leader.objects.get(), new_leader_name="王五", effective_on=today
        )
    with pytest.raises(ApplicationError, match="已是该职务的现任"):
        post_handover(post=post, successor=None, new_leader_name="史建伟", effective_on=today)


def test_a_returning_leader_gets_a_fresh_placeholder(post: Post) -> None:
    post_assign_holder(post=post, leader=Leader.objects.create(name="王五"))
    again = leader_post_ensure(name="史建伟")
    assert again.pk != post.pk
    assert again.is_placeholder and again.title == "史建伟所任职务（2）"


def test_office_hands_over_on_the_post_page(post: Post) -> None:
    office = _client(Role.OFFICE)
    page = office.get(post.get_absolute_url())
    assert page.status_code == 200
    assert "任职记录" in page.content.decode() and "职务交接" in page.content.decode()
    response = office.post(
        post.get_absolute_url(),
        {
            "handover": "1",
            "new_leader_name": "王五",
            "effective_on": timezone.localdate().isoformat(),
            "note": "工作调整",
        },
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.holder is not None and post.holder.name == "王五"
    history = office.get(post.get_absolute_url()).content.decode()
    assert "史建伟" in history and "王五" in history and "工作调整" in history
    renamed = office.post(post.get_absolute_url(), {"rename": "1", "title": "副区长"})
    assert renamed.status_code == 302
    post.refresh_from_db()
    assert post.title == "副区长"
    leaders = office.get("/leaders/").content.decode()
    assert "副区长" in leaders


def test_handover_page_shows_errors_without_saving(post: Post) -> None:
    office = _client(Role.OFFICE)
    response = office.post(
        post.get_absolute_url(),
        {"handover": "1", "effective_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    assert "二选一" in response.content.decode()
    future = office.post(
        post.get_absolute_url(),
        {
            "handover": "1",
            "new_leader_name": "王五",
            "effective_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
        },
    )
    assert future.status_code == 400
    assert "不能晚于今天" in future.content.decode()
    assert not Leader.objects.filter(name="王五").exists()


@pytest.mark.parametrize("role", [Role.LEADER, Role.REPORTER, Role.AUDITOR])
def test_only_the_office_may_hand_over_or_rename(post: Post, role: Role) -> None:
    extra: dict[str, Any] = {"leader": post.holder} if role == Role.LEADER else {}
    client = _client(role, **extra)
    assert client.get(post.get_absolute_url()).status_code == 403
    assert client.get("/posts/").status_code == 403
    handover = client.post(
        post.get_absolute_url(),
        {"handover": "1", "new_leader_name": "王五", "effective_on": "2024-01-01"},
    )
    renamed = client.post(post.get_absolute_url(), {"rename": "1", "title": "副区长"})
    assert handover.status_code == renamed.status_code == 403
    post.refresh_from_db()
    assert post.holder is not None and post.holder.name == "史建伟" and post.is_placeholder
    leader_page = client.get(f"/leaders/{post.holder.pk}/")
    assert "交接 / 改名" not in leader_page.content.decode()
