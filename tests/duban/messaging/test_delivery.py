"""Issue 12 item 5: notices reach people by e-mail and group robots, through the queue.

Every test delivers for real: to an SMTP server and to an HTTP endpoint on 127.0.0.1. The
queue runs its tasks at once under pytest (``Q_CLUSTER["sync"]``), after the notices'
transaction commits.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import unquote_plus

import pytest
from django.db import transaction

from duban.messaging import outbox, tasks
from duban.messaging.models import (
    Channel,
    DeliveryLog,
    DeliveryState,
    MessageStyle,
    OfficeChannels,
    Preference,
    Robot,
    RobotKind,
)
from duban.progress.models import NoticeKind, Notification
from duban.progress.services.notifications import notify
from tests.duban.messaging.conftest import Mailbox, Robots
from tests.duban.progress.conftest import World

pytestmark = pytest.mark.django_db
DAY = date(2024, 7, 15)


@pytest.fixture
def send(django_capture_on_commit_callbacks: Any) -> Callable[..., list[Notification]]:
    """``notify`` as a service calls it, with the commit that starts the delivery."""

    def run(recipients: list[Any], **kw: Any) -> list[Notification]:
        args = {"kind": NoticeKind.URGE, "title": "催办：1 项进展待报送", "body": "请报送7月进展"}
        with django_capture_on_commit_callbacks(execute=True):
            return notify(recipients=recipients, as_of=DAY, **{**args, **kw})

    return run


def robot(url: str, **kw: Any) -> Robot:
    fields = {"name": "督查群", "kind": RobotKind.WECOM, "url": url, **kw}
    return Robot.objects.create(**fields)


def test_a_notice_goes_by_email_through_smtp(world: World, smtp: Mailbox, send: Any) -> None:
    (notice,) = send([world.users["reporter"]])
    (log,) = DeliveryLog.objects.all()
    assert (log.channel, log.target, log.state, log.attempts) == (
        Channel.EMAIL,
        "jia@example.gov.cn",
        DeliveryState.SENT,
        1,
    )
    assert log.notification == notice and log.sent_at is not None and log.last_error == ""
    (mail,) = smtp.messages
    assert mail["Subject"] == "【督办】催办：1 项进展待报送"
    assert smtp.recipients == [["jia@example.gov.cn"]]
    assert "请报送7月进展" in mail.get_content()
    notice.refresh_from_db()
    assert notice.channels == "站内,邮件"


def test_a_smtp_failure_is_retried_and_logged_in_chinese(
    world: World, smtp: Mailbox, send: Any, settings: Any
) -> None:
    settings.DUBAN_DELIVERY_RETRY_SECONDS = 0  # due again at once: the sweep takes it
    smtp.fail_next = 1
    send([world.users["reporter"]])
    log = DeliveryLog.objects.get()
    assert (log.state, log.attempts) == (DeliveryState.PENDING, 1)
    assert log.last_error == "第 1 次：邮件服务器返回错误 451"
    assert smtp.messages == []
    assert tasks.retry_due() == 1
    log.refresh_from_db()
    assert (log.state, log.attempts, log.last_error) == (DeliveryState.SENT, 2, "")
    assert len(smtp.messages) == 1
    assert tasks.retry_due() == 0  # nothing left: the message went once


def test_retries_wait_and_then_give_up(
    world: World, smtp: Mailbox, send: Any, settings: Any
) -> None:
    settings.DUBAN_DELIVERY_ATTEMPTS = 3
    smtp.fail_next = 10
    send([world.users["reporter"]])
    log = DeliveryLog.objects.get()
    assert log.next_try_at is not None and log.next_try_at > log.updated_at  # waits 60 s
    assert tasks.retry_due() == 0
    for tries in (2, 3):
        DeliveryLog.objects.filter(pk=log.pk).update(next_try_at=log.created_at)
        assert tasks.retry_due() == 1
        log.refresh_from_db()
        assert log.attempts == tries
    assert (log.state, log.next_try_at) == (DeliveryState.FAILED, None)
    assert log.last_error.startswith("第 3 次：")
    assert outbox.backoff(1).total_seconds() == 60 and outbox.backoff(3).total_seconds() == 240


def test_a_row_taken_once_is_sent_once(world: World, smtp: Mailbox, send: Any) -> None:
    send([world.users["reporter"]])
    log = DeliveryLog.objects.get()
    assert tasks.deliver(log.pk) == "跳过：不是待发送或已在发送"
    assert len(smtp.messages) == 1


def test_the_users_and_the_offices_switches(world: World, smtp: Mailbox, send: Any) -> None:
    reporter = world.users["reporter"]
    Preference.objects.create(user=reporter, email=False)
    send([reporter])
    assert not DeliveryLog.objects.exists()
    Preference.objects.filter(user=reporter).update(email=True)
    OfficeChannels.objects.create(pk=1, email_enabled=False)
    send([reporter])
    assert not DeliveryLog.objects.exists() and smtp.messages == []
    OfficeChannels.objects.filter(pk=1).update(email_enabled=True)
    send([reporter, world.users["reporter2"]])  # reporter2 has no address: the app only
    assert DeliveryLog.objects.get().target == "jia@example.gov.cn"


def test_a_rolled_back_write_sends_nothing(world: World, smtp: Mailbox, robots: Robots) -> None:
    robot(f"{robots.url}/cgi-bin/webhook/send?key=abc")

    class UndoError(Exception):
        pass

    with pytest.raises(UndoError), transaction.atomic():
        notify(recipients=[world.users["reporter"]], kind="urge", title="t", body="b", as_of=DAY)
        raise UndoError
    assert not DeliveryLog.objects.exists() and smtp.messages == [] and robots.hits == []


def test_wecom_group_robot_text_and_markdown(world: World, robots: Robots, send: Any) -> None:
    robot(f"{robots.url}/cgi-bin/webhook/send?key=wx-key-1")
    robot(f"{robots.url}/md?key=wx-key-2", name="领导群", style=MessageStyle.MARKDOWN)
    send([world.users["reporter"], world.users["reporter2"]])
    by_path = {h.path: h for h in robots.hits}
    assert len(robots.hits) == 2  # one message per robot, naming both recipients
    text = by_path["/cgi-bin/webhook/send"]
    assert text.query == {"key": ["wx-key-1"]}
    assert text.payload["msgtype"] == "text"
    content = text.payload["text"]["content"]
    assert content.startswith("【督办】催办：1 项进展待报送\n请报送7月进展")
    assert "甲局填报员、甲局填报员二" in content
    markdown = by_path["/md"].payload
    assert markdown["msgtype"] == "markdown"
    assert markdown["markdown"]["content"].startswith("### 催办：1 项进展待报送\n")
    logs = DeliveryLog.objects.filter(channel=Channel.WECOM)
    assert {(lg.target, lg.state) for lg in logs} == {
        ("督查群", DeliveryState.SENT),
        ("领导群", DeliveryState.SENT),
    }


def test_dingtalk_robot_signs_its_url(world: World, robots: Robots, send: Any) -> None:
    secret = "SECtest-0123456789abcdef"
    robot(
        f"{robots.url}/robot/send?access_token=tok",
        kind=RobotKind.DINGTALK,
        secret=secret,
        style=MessageStyle.MARKDOWN,
    )
    send([world.users["reporter"]], kind=NoticeKind.RETURN, title="退回：任务1", body="一\n二")
    (hit,) = robots.hits
    assert hit.query["access_token"] == ["tok"]
    timestamp = hit.query["timestamp"][0]
    expected = base64.b64encode(
        hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    ).decode()
    assert hit.query["sign"] == [expected]  # parse_qs decoded the URL-encoded value
    sent = DeliveryLog.objects.get(channel=Channel.DINGTALK).created_at.timestamp()
    assert abs(int(timestamp) / 1000 - sent) < 60
    assert hit.payload == {
        "msgtype": "markdown",
        "markdown": {
            "title": "退回：任务1",
            "text": "### 退回：任务1\n\n一\n\n二\n\n（通知对象：甲局填报员）",
        },
    }


def test_dingtalk_sign_is_url_encoded() -> None:
    from duban.messaging.senders import dingtalk_sign, dingtalk_url

    url = dingtalk_url("https://oapi.dingtalk.com/robot/send?access_token=t", "SECx", 1700000000000)
    sign = url.split("&sign=")[1]
    assert "+" not in sign and "/" not in sign and "=" not in sign  # all escaped
    assert unquote_plus(sign) == dingtalk_sign("SECx", 1700000000000)
    assert "&timestamp=1700000000000&" in url
    assert (
        dingtalk_url("https://x/robot/send?access_token=t", "", 1)
        == "https://x/robot/send?access_token=t"
    )


def test_a_robot_error_code_fails_for_good_in_chinese(
    world: World, robots: Robots, send: Any
) -> None:
    robot(f"{robots.url}/robot/send?access_token=t", kind=RobotKind.DINGTALK)
    robots.answers = [(200, {"errcode": 310000, "errmsg": "sign not match"})]
    send([world.users["reporter2"]])
    log = DeliveryLog.objects.get()
    assert (log.state, log.attempts) == (DeliveryState.FAILED, 1)
    assert log.last_error == (
        "第 1 次：钉钉安全设置校验未通过（关键词、加签密钥或 IP 白名单）（sign not match）"
    )


def test_a_robot_server_error_is_retried(
    world: World, robots: Robots, send: Any, settings: Any
) -> None:
    settings.DUBAN_DELIVERY_RETRY_SECONDS = 0
    robot(f"{robots.url}/send?key=k")
    robots.answers = [(502, {"errcode": -1})]
    send([world.users["reporter2"]])
    log = DeliveryLog.objects.get()
    assert (log.state, log.last_error) == (
        DeliveryState.PENDING,
        "第 1 次：机器人接口返回 HTTP 502",
    )
    tasks.retry_due()
    log.refresh_from_db()
    assert (log.state, log.attempts) == (DeliveryState.SENT, 2)
    assert len(robots.hits) == 2 and robots.hits[0].payload == robots.hits[1].payload


def test_an_unreachable_robot_never_breaks_the_write(
    world: World, send: Any, settings: Any
) -> None:
    from tests.duban.messaging.conftest import _free_port

    robot(f"http://127.0.0.1:{_free_port()}/send?key=k")  # nobody listens there
    (notice,) = send([world.users["reporter2"]])
    assert Notification.objects.filter(pk=notice.pk).exists()
    log = DeliveryLog.objects.get()
    assert log.state == DeliveryState.PENDING
    assert log.last_error == "第 1 次：机器人接口拒绝连接"


def test_robots_take_only_their_kinds_and_unit(world: World, robots: Robots, send: Any) -> None:
    robot(f"{robots.url}/returns?key=1", kinds="return,instruction")
    robot(f"{robots.url}/unit-b?key=2", name="乙局群", unit=world.unit_b)
    robot(f"{robots.url}/off?key=3", name="停用群", enabled=False)
    send([world.users["reporter"]])  # 催办 to 市甲局
    assert robots.hits == []
    send([world.users["reporter_b"]], kind=NoticeKind.RETURN)
    assert sorted(h.path for h in robots.hits) == ["/returns", "/unit-b"]


def test_a_deleted_robot_fails_its_pending_rows(world: World, robots: Robots) -> None:
    target = robot(f"{robots.url}/send?key=k")
    (notice,) = notify(
        recipients=[world.users["reporter2"]], kind="urge", title="t", body="b", as_of=DAY
    )
    (log_id,) = outbox.deliveries_plan([notice.pk])
    target.delete()
    tasks.deliver(log_id)
    log = DeliveryLog.objects.get(pk=log_id)
    assert (log.state, log.last_error) == (DeliveryState.FAILED, "第 1 次：群机器人已删除")
    assert robots.hits == []
