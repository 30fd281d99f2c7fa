"""A unit's own system pushes a progress report through ``/api/v1/tasks/{id}/reports/``.

The push must be the report page's write, not a second one: stored and audited by
``progress_report_save``, refused to the same people, checked by the same form, and visible
in the read model at once (the task's light in ``GET /api/v1/tasks/``).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from django.test import Client

from duban.accounts.services import token_issue
from duban.audit.models import AuditEvent
from duban.progress.models import ProgressReport, TaskTracking
from duban.progress.standing.refresh import refresh_tasks
from taskdoc.figures.schedule import CHINA_TZ
from tests.duban.progress.conftest import World

pytestmark = pytest.mark.django_db

ON_TIME = datetime(2024, 7, 5, 10, 0, tzinfo=CHINA_TZ)  # before June's report is due (07-10)


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def _system(username: str) -> Client:
    """A client as another system calls: a token header, no session, no CSRF cookie."""
    key = token_issue(username=username)
    return Client(enforce_csrf_checks=True, headers={"authorization": f"Token {key}"})


def _push(client: Client, world: World, **body: Any) -> Any:
    return client.post(
        f"/api/v1/tasks/{world.task.pk}/reports/", body, content_type="application/json"
    )


def _light(client: Client, world: World, as_of: str) -> dict[str, Any]:
    answer = client.get(f"/api/v1/tasks/?document={world.document.pk}&as_of={as_of}")
    assert answer.status_code == 200
    return next(row for row in answer.json()["results"] if row["id"] == world.task.pk)


def _june(world: World, **extra: Any) -> dict[str, Any]:
    return {
        "period": "2024-06",
        "version": 0,
        "progress": "已完成选址，开工建设基站650个。",
        "stage": world.milestones[0].pk,
        "problems": "部分站址协调难度较大。",
        "next_steps": "7月底前再开工200个。",
        "actuals": [{"target": world.target.pk, "value": 650}],
        **extra,
    }


def test_a_pushed_report_is_stored_audited_and_lights_the_task(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    refresh_tasks([world.task.pk])  # the fixture adds the target and milestones by hand
    monkeypatch.setattr("duban.core.clock.now", lambda: ON_TIME)
    system = _system("reporter")
    before = _light(system, world, "2024-07-15")
    assert (before["light"], before["statuses"]["reported"]) == ("red", "none")

    answer = _push(system, world, **_june(world, submit=True))

    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert (body["state"], body["state_label"], body["version"]) == ("submitted", "已报送", 1)
    assert body["period"]["label"] == "2024年6月"
    assert body["actuals"] == [{"target": world.target.pk, "metric": "新建5G基站", "value": "650"}]
    report = ProgressReport.objects.get(task=world.task, period=world.period("2024年6月"))
    assert (report.unit, report.submitted_by) == (world.unit_a, world.users["reporter"])
    assert report.progress == "已完成选址，开工建设基站650个。"
    assert report.stage == world.milestones[0]
    assert report.actuals.get().value == 650
    event = AuditEvent.objects.get(action="report.submit")
    assert event.actor == world.users["reporter"]
    assert event.object_id == str(report.pk)
    assert event.data["task"] == world.task.pk
    assert {c["field"] for c in event.data["changes"]} >= {"进展情况", "新建5G基站累计完成"}
    assert TaskTracking.objects.get(task=world.task).state == "reporting"  # 反馈, as the page
    after = _light(system, world, "2024-07-15")  # the read model, refreshed by the service
    assert (after["light"], after["statuses"]["reported"]) == ("green", "in_progress")
    assert after["completion"] == 0.65


def test_the_version_guards_against_overwriting(world: World) -> None:
    system = _system("reporter")
    draft = _push(system, world, **_june(world, progress="初稿"))
    assert (draft.status_code, draft.json()["state"], draft.json()["version"]) == (201, "draft", 1)
    # the sheet tells the system the version to send back
    sheet = system.get(f"/api/v1/tasks/{world.task.pk}/reports/").json()
    june = next(p for p in sheet["periods"] if p["label"] == "2024年6月")
    assert june["report"]["version"] == 1
    assert sheet["can_report"] is True

    second = _push(system, world, **_june(world, version=1, progress="二稿"))
    assert (second.status_code, second.json()["version"]) == (200, 2)
    stale = _push(system, world, **_june(world, version=1, progress="旧稿"))
    assert stale.status_code == 409
    assert "第 2 版" in stale.json()["message"]
    assert stale.json()["extra"] == {"version": 2}
    report = ProgressReport.objects.get(task=world.task)
    assert (report.progress, report.version) == ("二稿", 2)
    assert AuditEvent.objects.filter(action="report.save").count() == 2

    same = _push(system, world, **_june(world, version=2, progress="二稿"))  # nothing changed
    assert (same.status_code, same.json()["version"]) == (200, 2)
    submitted = _push(system, world, **_june(world, version=2, progress="二稿", submit=True))
    assert (submitted.status_code, submitted.json()["state"]) == (200, "submitted")
    again = _push(system, world, **_june(world, version=3))
    assert again.status_code == 400
    assert again.json()["message"] == "该报告当前为“已报送”，不能保存。"


@pytest.mark.parametrize(
    ("username", "message"),
    [
        ("reporter_c", "只有该任务填报单位"),  # 市丙局 supports the task: sees it, may not report
        ("office", "只有该任务填报单位"),  # the 督查室 reviews; reports come from the unit
        ("leader", "只有该任务填报单位"),
        ("reporter_b", "没有权限"),  # 市乙局 cannot even see the task
    ],
)
def test_a_unit_that_does_not_report_the_task_is_refused(
    world: World, username: str, message: str
) -> None:
    answer = _push(_system(username), world, **_june(world, submit=True))
    assert answer.status_code == 403
    assert answer.json()["message"].startswith(message)
    assert not ProgressReport.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="report.").exists()


def test_without_a_valid_token_the_push_is_401(world: World) -> None:
    url = f"/api/v1/tasks/{world.task.pk}/reports/"
    for client in (Client(), Client(headers={"authorization": "Token " + "0" * 40})):
        answer = client.post(url, _june(world), content_type="application/json")
        assert answer.status_code == 401
        assert _has_chinese(answer.json()["message"])
    assert not ProgressReport.objects.exists()


def test_an_unknown_task_is_404(world: World) -> None:
    answer = _system("reporter").post(
        "/api/v1/tasks/999999/reports/", _june(world), content_type="application/json"
    )
    assert (answer.status_code, answer.json()["message"]) == (404, "未找到。")


def _bodies(world: World) -> list[tuple[Any, str]]:
    """(body, a piece of the expected message): each one a different mistake."""
    target = world.target.pk
    return [
        ('{"period": "2024-06",', "不是有效的 JSON"),
        ([1, 2], "期待为字典类型"),
        ({"progress": "只有内容"}, "报送期（period）：该字段是必填项"),
        (_june(world, period="2023-06"), "找不到报送期“2023-06”"),
        (_june(world, period=999999), "找不到报送期“999999”"),
        (_june(world, submit="也许"), "报送（submit）：必须是有效的布尔值"),
        (_june(world, progres="拼错的字段"), "progres：不支持该字段"),
        (_june(world, version=-1), "版本（version）"),
        (_june(world, actuals=[{"target": 999999, "value": 1}]), "指标 999999 不是该任务"),
        (_june(world, actuals=[{"target": target, "value": "很多"}]), "“很多”不是数字"),
        (_june(world, actuals=[{"target": target, "value": True}]), "指标完成值（actuals）"),
        (_june(world, actuals=[{"target": target, "value": 1}] * 2), f"指标 {target} 重复填写"),
        (_june(world, stage=999999), "已完成至（时间节点）：选择一个有效的选项"),
        (_june(world, progress="很" * 10_001), "进展情况：确保该变量包含不超过 10000 字符"),
        (_june(world, progress="  ", submit=True), "报送前请填写进展情况"),  # the service's rule
    ]


def test_malformed_bodies_are_400_in_chinese(world: World) -> None:
    system = _system("reporter")
    url = f"/api/v1/tasks/{world.task.pk}/reports/"
    for body, expected in _bodies(world):
        data = body if isinstance(body, str) else json.dumps(body)
        answer = system.post(url, data, content_type="application/json")
        assert answer.status_code == 400, (body, answer.content)
        message = answer.json()["message"]
        assert expected in message, (body, message)
        assert _has_chinese(message)
    assert not ProgressReport.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="report.").exists()


def test_periods_are_named_by_id_name_or_month(world: World) -> None:
    system = _system("reporter")
    june = world.period("2024年6月")
    for ref in (june.pk, str(june.pk), "2024年6月", "2024-06", "2024-6"):
        ProgressReport.objects.all().delete()
        answer = _push(system, world, **_june(world, period=ref))
        assert (answer.status_code, answer.json()["period"]["id"]) == (201, june.pk), ref
