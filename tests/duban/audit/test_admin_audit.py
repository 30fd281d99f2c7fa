"""Every write through the Django admin is audited, and the audit trail cannot be changed.

Through real admin URLs with the test client: a user's role and superuser flag, a task's text,
an approved report's text, an evidence file (delete page and bulk action), an inline row; then
attempts on an AuditEvent through the admin and through the ORM.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pytest
from django.contrib import admin
from django.forms import MultiWidget
from django.test import Client

from duban.accounts.models import Role, User
from duban.accounts.services import user_create
from duban.audit.adminaudit import AuditedAdminMixin
from duban.audit.models import IMMUTABLE_MESSAGE, AuditEvent, AuditImmutableError
from duban.progress import selectors, services
from duban.progress.history import task_history
from duban.progress.models import Evidence, ProgressReport
from tests.duban.progress.conftest import PASSWORD, World, report_data

pytestmark = pytest.mark.django_db


def _post_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()[:10] if not isinstance(value, datetime) else value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    return value


def _fields(form: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        if isinstance(field.widget, MultiWidget):  # split date/time: name_0, name_1
            for i, part in enumerate(field.widget.decompress(value)):
                if part is not None:
                    data[f"{form.add_prefix(name)}_{i}"] = _post_value(part)
        elif value is not None and value is not False:
            data[form.add_prefix(name)] = _post_value(value)
    return data


def admin_form(response: Any) -> dict[str, Any]:
    """The admin change form's data as the page would post it back unchanged."""
    assert response.status_code == 200, response.status_code
    data = _fields(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})
        for form in formset.forms:
            data.update(_fields(form))
    return data


@pytest.fixture
def sysadmin() -> User:
    return user_create(username="sysadmin", password=PASSWORD, role=Role.ADMIN)


@pytest.fixture
def root(sysadmin: User) -> Client:
    client = Client()
    client.force_login(sysadmin)
    return client


def _events(action: str, obj: Any) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action=action, object_type=obj._meta.label_lower, object_id=str(obj.pk)
        )
    )


def test_every_registered_admin_is_audited() -> None:
    """The audited site wraps every registration: this project's, Django's, DRF's and axes'."""
    registry = admin.site._registry
    assert len(registry) > 20
    plain = [m._meta.label for m, a in registry.items() if not isinstance(a, AuditedAdminMixin)]
    assert plain == []
    labels = {m._meta.label_lower for m in registry}
    assert {"accounts.user", "auth.group", "plans.task", "progress.evidence"} <= labels


def test_changing_a_users_role_and_superuser_flag_is_audited(
    root: Client, sysadmin: User, world: World
) -> None:
    office = world.users["office"]
    url = f"/admin/accounts/user/{office.pk}/change/"
    data = admin_form(root.get(url))
    data.update(role=Role.ADMIN, is_superuser="on")
    response = root.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    office.refresh_from_db()
    assert office.is_superuser and office.role == Role.ADMIN
    (event,) = _events("admin.change", office)
    assert event.actor == sysadmin
    assert event.data["before"] == {"role": "office", "is_superuser": False}
    assert event.data["after"] == {"role": "admin", "is_superuser": True}
    rows = {(c["before"], c["after"]) for c in event.data["changes"]}
    assert rows == {("office", "admin"), ("否", "是")}


def test_a_password_change_in_the_admin_is_audited_without_the_hash(
    root: Client, world: World
) -> None:
    office = world.users["office"]
    old_hash = office.password
    url = f"/admin/accounts/user/{office.pk}/password/"
    response = root.post(
        url,
        {"password1": "Zq7-督办-强密码", "password2": "Zq7-督办-强密码", "usable_password": "true"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    (event,) = _events("admin.change", office)
    assert event.data["before"] == {"password": "（已隐藏）"}
    assert event.data["after"] == {"password": "（已隐藏）"}
    assert old_hash not in str(event.data)
    office.refresh_from_db()
    assert office.password not in str(event.data)


def test_changing_a_tasks_text_is_audited_and_shown_in_its_history(
    root: Client, world: World
) -> None:
    task = world.task
    url = f"/admin/plans/task/{task.pk}/change/"
    data = admin_form(root.get(url))
    old = task.text
    data["text"] = "新建5G基站1200个。"
    assert root.post(url, data).status_code == 302
    (event,) = _events("admin.change", task)
    assert event.data["before"]["text"] == old
    assert event.data["after"]["text"] == "新建5G基站1200个。"
    assert event.data["task"] == task.pk and event.data["via"] == "admin"
    entry = task_history(task)[0]
    assert entry.summary.startswith("后台修改") and entry.actor == "sysadmin"
    assert {"field": "任务内容", "before": old, "after": "新建5G基站1200个。"} in entry.changes


def test_an_unchanged_save_records_nothing(root: Client, world: World) -> None:
    url = f"/admin/plans/task/{world.task.pk}/change/"
    before = AuditEvent.objects.count()
    assert root.post(url, admin_form(root.get(url))).status_code == 302
    assert AuditEvent.objects.count() == before


def _approved_report(w: World) -> ProgressReport:
    period = w.period("2024年4月")
    assert selectors.report_for(w.task, period) is None
    report = services.progress_report_save(
        task=w.task,
        period=period,
        unit=w.unit_a,
        data=report_data(progress="已完成选址。"),
        expected_version=None,
        submit=True,
        actor=w.users["reporter"],
    )
    return services.progress_report_review(
        report=report, approve=True, note="", actor=w.users["office"]
    )


def test_changing_an_approved_reports_text_is_audited(root: Client, world: World) -> None:
    report = _approved_report(world)
    assert report.state == "approved"
    url = f"/admin/progress/progressreport/{report.pk}/change/"
    data = admin_form(root.get(url))
    data["progress"] = "已完成选址，开工建设。"
    assert root.post(url, data).status_code == 302
    (event,) = _events("admin.change", report)
    assert event.data["before"] == {"progress": "已完成选址。"}
    assert event.data["after"] == {"progress": "已完成选址，开工建设。"}
    assert event.data["task"] == world.task.pk


def _evidence(w: World, name: str = "现场照片.png") -> Evidence:
    return services.evidence_add(
        task=w.task,
        unit=w.unit_a,
        filename=name,
        data=b"\x89PNG\r\n\x1a\n" + b"\0" * 10,
        actor=w.users["reporter"],
    )


def test_deleting_evidence_is_audited_on_the_delete_page_and_in_bulk(
    root: Client, sysadmin: User, world: World
) -> None:
    one, two, three = (_evidence(world, f"照片{i}.png") for i in range(3))
    response = root.post(f"/admin/progress/evidence/{one.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    (event,) = _events("admin.delete", one)
    assert event.actor == sysadmin and event.data["after"] == {}
    assert event.data["before"]["filename"] == "照片0.png"
    assert event.data["before"]["file"].startswith("evidence/")
    assert event.data["task"] == world.task.pk
    response = root.post(
        "/admin/progress/evidence/",
        {"action": "delete_selected", "_selected_action": [two.pk, three.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Evidence.objects.exists()
    deleted = AuditEvent.objects.filter(action="admin.delete", object_type="progress.evidence")
    assert sorted(e.data["before"]["filename"] for e in deleted) == [
        "照片0.png",
        "照片1.png",
        "照片2.png",
    ]


def test_adding_and_deleting_inline_rows_is_audited(root: Client, world: World) -> None:
    reporter = world.users["reporter"]
    url = f"/admin/accounts/user/{reporter.pk}/change/"
    data = admin_form(root.get(url))
    data["memberships-0-DELETE"] = "on"
    data.update({"memberships-TOTAL_FORMS": "2", "memberships-1-unit": str(world.unit_b.pk)})
    data["memberships-1-user"] = str(reporter.pk)
    response = root.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(reporter.memberships.values_list("unit_id", flat=True)) == [world.unit_b.pk]
    removed = AuditEvent.objects.get(action="admin.delete", object_type="accounts.unitmembership")
    added = AuditEvent.objects.get(action="admin.add", object_type="accounts.unitmembership")
    assert removed.data["before"]["unit"] == world.unit_a.pk
    assert added.data["after"]["unit"] == world.unit_b.pk and added.data["before"] == {}


def test_adding_through_the_admin_is_audited(root: Client) -> None:
    response = root.post("/admin/orgs/leader/add/", {"name": "王七", "note": ""})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="admin.add", object_type="orgs.leader")
    assert event.data["before"] == {} and event.data["after"]["name"] == "王七"


@pytest.fixture
def audit_event(world: World) -> AuditEvent:
    return AuditEvent.objects.filter(action="user.create").first() or pytest.fail("no event")


def test_the_admin_refuses_to_change_or_delete_audit_records(
    root: Client, audit_event: AuditEvent
) -> None:
    base = f"/admin/audit/auditevent/{audit_event.pk}"
    count = AuditEvent.objects.count()
    assert root.get(f"{base}/change/").status_code == 200  # a read-only view
    assert root.post(f"{base}/change/", {"summary": "篡改"}).status_code == 403
    assert root.post(f"{base}/delete/", {"post": "yes"}).status_code == 403
    assert root.get("/admin/audit/auditevent/add/").status_code == 403
    root.post(
        "/admin/audit/auditevent/",
        {"action": "delete_selected", "_selected_action": [audit_event.pk], "post": "yes"},
    )
    audit_event.refresh_from_db()
    assert audit_event.summary != "篡改"
    assert AuditEvent.objects.count() == count
    listing = root.get("/admin/audit/auditevent/").content.decode()
    assert "delete_selected" not in listing


def test_the_model_refuses_updates_and_deletes(audit_event: AuditEvent) -> None:
    audit_event.summary = "篡改"
    with pytest.raises(AuditImmutableError, match=IMMUTABLE_MESSAGE):
        audit_event.save()
    with pytest.raises(AuditImmutableError):
        audit_event.delete()
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.filter(pk=audit_event.pk).update(summary="篡改")
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.all().delete()
    audit_event.refresh_from_db()
    assert audit_event.summary != "篡改"


def test_a_user_with_audit_records_cannot_be_deleted(root: Client, world: World) -> None:
    """Deleting the actor would blank 操作人 on their records: the admin refuses instead."""
    office = world.users["office"]
    _approved_report(world)  # the office's review is audited with it as the actor
    response = root.post(f"/admin/accounts/user/{office.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200  # the page lists the protected records, deletes nothing
    assert User.objects.filter(pk=office.pk).exists()
    assert not AuditEvent.objects.filter(action="admin.delete", object_type="accounts.user")
