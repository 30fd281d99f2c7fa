"""Notifications: mark one or all read (own only), and the unread badge in the navigation."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from duban.accounts.models import Role, User
from duban.accounts.services import user_create
from duban.audit.models import AuditEvent
from duban.core.exceptions import ApplicationError
from duban.progress.chasing import ChaseStage
from duban.progress.models import Notification
from duban.progress.selectors import unread_notification_count
from duban.progress.services import notification_mark_all_read, notification_mark_read

pytestmark = pytest.mark.django_db


def note(user: User, title: str = "催办：请报送进展") -> Notification:
    return Notification.objects.create(
        recipient=user,
        stage=str(ChaseStage.URGE),
        title=title,
        body="任务1 逾期未报送。",
        as_of=timezone.localdate(),
    )


@pytest.fixture
def alice() -> User:
    return user_create(username="alice", password="pw-123456", role=Role.REPORTER)


@pytest.fixture
def bob() -> User:
    return user_create(username="bob", password="pw-123456", role=Role.REPORTER)


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_mark_one_read_is_audited_and_idempotent(alice: User) -> None:
    first, _second = note(alice), note(alice)
    assert unread_notification_count(user=alice) == 2
    notification_mark_read(notification=first, actor=alice)
    read_at = first.read_at
    assert read_at is not None
    notification_mark_read(notification=first, actor=alice)
    first.refresh_from_db()
    assert first.read_at == read_at
    assert unread_notification_count(user=alice) == 1
    assert AuditEvent.objects.filter(action="notification.read").count() == 1


def test_nobody_marks_anyone_elses(alice: User, bob: User) -> None:
    with pytest.raises(ApplicationError):
        notification_mark_read(notification=note(alice), actor=bob)
    response = login(bob).post(f"/notifications/{note(alice).pk}/read/")
    assert response.status_code == 404
    assert unread_notification_count(user=alice) == 2


def test_mark_all_read_touches_only_own(alice: User, bob: User) -> None:
    note(alice), note(alice), note(bob)
    assert notification_mark_all_read(actor=alice) == 2
    assert notification_mark_all_read(actor=alice) == 0
    assert unread_notification_count(user=alice) == 0
    assert unread_notification_count(user=bob) == 1
    assert AuditEvent.objects.get(action="notification.read_all").data == {"count": 2}


def test_pages_and_badge(alice: User) -> None:
    client = login(alice)
    one, _ = note(alice, "提醒：甲"), note(alice, "催办：乙")
    page = client.get("/tasks/").content.decode()
    assert 'class="badge unread" title="未读通知">2</span>' in page
    listing = client.get("/notifications/").content.decode()
    assert "未读 2 条" in listing and "全部标为已读" in listing
    assert client.post(f"/notifications/{one.pk}/read/").status_code == 302
    assert 'title="未读通知">1</span>' in client.get("/tasks/").content.decode()
    assert client.post("/notifications/read-all/").status_code == 302
    page = client.get("/notifications/").content.decode()
    assert "没有未读通知" in page and 'title="未读通知"' not in page
    assert client.get("/notifications/read-all/").status_code == 405


def test_badge_costs_one_query(alice: User) -> None:
    note(alice)
    client = login(alice)
    client.get("/tasks/")  # warm up
    with CaptureQueriesContext(connection) as queries:
        client.get("/tasks/")
    counts = [q["sql"] for q in queries.captured_queries if "progress_notification" in q["sql"]]
    assert len(counts) == 1 and "COUNT" in counts[0].upper()


def test_anonymous_cannot_mark() -> None:
    response = Client().post("/notifications/read-all/")
    assert response.status_code == 302 and "/login/" in response["Location"]
