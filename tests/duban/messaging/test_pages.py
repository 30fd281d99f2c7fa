"""The 消息推送 pages: robots and the e-mail switch (督查室), the log, a user's own choice."""

from __future__ import annotations

from typing import Any

import pytest

from duban.audit.models import AuditEvent
from duban.messaging.models import (
    Channel,
    DeliveryLog,
    DeliveryState,
    OfficeChannels,
    Preference,
    Robot,
    RobotKind,
)
from tests.duban.messaging.conftest import Robots
from tests.duban.progress.conftest import World

pytestmark = pytest.mark.django_db
KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
SECRET = "SEC0123456789abcdefghijklmnopqrstuvwxyz"


def _robot_form(**kw: Any) -> dict[str, Any]:
    return {
        "name": "督查室工作群",
        "kind": RobotKind.WECOM,
        "url": f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={KEY}",
        "style": "text",
        "enabled": "on",
        **kw,
    }


def test_only_the_office_manages_the_channels(world: World) -> None:
    for who in ("reporter", "leader", "auditor"):
        client = world.client(who)
        assert client.get("/messaging/").status_code == 403
        assert client.post("/messaging/robots/new/", _robot_form()).status_code == 403
    assert not Robot.objects.exists()
    assert world.client("auditor").get("/messaging/log/").status_code == 200  # may read the log
    assert world.client("reporter").get("/messaging/log/").status_code == 403


def test_adding_a_robot_never_shows_its_key_or_secret_again(world: World) -> None:
    office = world.client("office")
    response = office.post(
        "/messaging/robots/new/",
        _robot_form(kind=RobotKind.DINGTALK, secret=SECRET, kinds=["urge", "return"]),
    )
    assert response.status_code == 302
    robot = Robot.objects.get()
    assert (robot.secret, robot.kinds, robot.kind) == (SECRET, "urge,return", RobotKind.DINGTALK)
    for url in ("/messaging/", f"/messaging/robots/{robot.pk}/"):
        page = office.get(url).content.decode()
        assert KEY not in page and SECRET not in page
        assert KEY[-4:] in page  # enough to tell robots apart
    assert "催办、退回" in office.get("/messaging/").content.decode()
    (event,) = AuditEvent.objects.filter(action="messaging.robot_add")
    assert KEY not in str(event.data) + event.summary and SECRET not in str(event.data)


def test_editing_keeps_the_key_and_secret_unless_replaced(world: World) -> None:
    robot = Robot.objects.create(
        name="群",
        kind=RobotKind.DINGTALK,
        url="https://oapi.dingtalk.com/robot/send?access_token=t1",
        secret="SECold",
    )
    office = world.client("office")
    url = f"/messaging/robots/{robot.pk}/"
    office.post(url, _robot_form(kind=RobotKind.DINGTALK, url="", secret="", name="新名"))
    robot.refresh_from_db()
    assert (robot.name, robot.secret) == ("新名", "SECold") and robot.url.endswith("t1")
    office.post(url, _robot_form(kind=RobotKind.DINGTALK, url="", clear_secret="on", enabled=""))
    robot.refresh_from_db()
    assert robot.secret == "" and not robot.enabled
    event = AuditEvent.objects.filter(action="messaging.robot_change").latest("pk")
    assert event.data == {"credentials_changed": ["加签密钥"]}


def test_bad_robot_input_is_a_chinese_form_error(world: World) -> None:
    office = world.client("office")
    for data in (_robot_form(url="ftp://x/y"), _robot_form(url="http://[::1"), _robot_form(url="")):
        response = office.post("/messaging/robots/new/", data)
        assert response.status_code == 200
        text = response.content.decode()
        assert "接口地址应以 http:// 或 https:// 开头" in text or "该字段是必填项" in text
    Robot.objects.create(name="督查室工作群", kind=RobotKind.WECOM, url="https://x/send?key=1")
    response = office.post("/messaging/robots/new/", _robot_form())
    assert "已有同名的群机器人" in response.content.decode()
    assert Robot.objects.count() == 1


def test_the_office_switch_and_a_robot_test_message(
    world: World, robots: Robots, django_capture_on_commit_callbacks: Any
) -> None:
    office = world.client("office")
    office.post("/messaging/", {})  # the unticked box: off
    assert OfficeChannels.objects.get().email_enabled is False
    office.post("/messaging/", {"email_enabled": "on"})
    assert OfficeChannels.objects.get().email_enabled is True
    robot = Robot.objects.create(name="测试群", kind=RobotKind.WECOM, url=f"{robots.url}/s?key=k")
    with django_capture_on_commit_callbacks(execute=True):
        assert office.post(f"/messaging/robots/{robot.pk}/test/").status_code == 302
    log = DeliveryLog.objects.get()
    assert (log.title, log.notification, log.state) == ("测试消息", None, DeliveryState.SENT)
    assert "测试群" in robots.hits[0].payload["text"]["content"]


def test_the_log_is_paginated_and_filtered(world: World) -> None:
    rows = [
        DeliveryLog(channel=Channel.EMAIL, target=f"u{i}@x.cn", title=f"通知{i}", body="b")
        for i in range(60)
    ]
    rows[0].state, rows[0].last_error = DeliveryState.FAILED, "第 5 次：连接邮件服务器超时"
    DeliveryLog.objects.bulk_create(rows)
    office = world.client("office")
    first = office.get("/messaging/log/")
    assert first.context["page"].paginator.num_pages == 2 and len(first.context["page"]) == 50
    failed = office.get("/messaging/log/", {"state": "failed"})
    assert [d.title for d in failed.context["page"]] == ["通知0"]
    assert "连接邮件服务器超时" in failed.content.decode()
    assert office.get("/messaging/log/", {"state": "nope"}).status_code == 400
    assert office.get("/messaging/log/", {"channel": "wecom"}).context["page"].paginator.count == 0


def test_resending_a_failed_message(
    world: World, robots: Robots, django_capture_on_commit_callbacks: Any
) -> None:
    robot = Robot.objects.create(name="群", kind=RobotKind.WECOM, url=f"{robots.url}/s?key=k")
    log = DeliveryLog.objects.create(
        channel=Channel.WECOM,
        target="群",
        robot=robot,
        title="催办",
        body="b",
        state=DeliveryState.FAILED,
        attempts=5,
    )
    assert world.client("auditor").post(f"/messaging/log/{log.pk}/resend/").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        world.client("office").post(f"/messaging/log/{log.pk}/resend/")
    log.refresh_from_db()
    assert (log.state, log.attempts) == (DeliveryState.SENT, 1)
    assert [h.payload["text"]["content"] for h in robots.hits] == ["【督办】催办\nb"]
    response = world.client("office").post(f"/messaging/log/{log.pk}/resend/", follow=True)
    assert "只有发送失败的消息可以重新发送" in response.content.decode()


def test_a_user_sets_their_own_email_preference(world: World) -> None:
    client = world.client("reporter")
    page = client.get("/messaging/mine/").content.decode()
    assert "jia@example.gov.cn" in page
    client.post("/messaging/mine/", {})
    assert Preference.objects.get(user=world.users["reporter"]).email is False
    client.post("/messaging/mine/", {"email": "on"})
    assert Preference.objects.get(user=world.users["reporter"]).email is True
    assert AuditEvent.objects.filter(action="messaging.preference").count() == 2
    assert world.client("reporter2").get("/messaging/mine/").status_code == 200
    assert not Preference.objects.filter(
        user=world.users["reporter2"]
    ).exists()  # GET writes nothing
