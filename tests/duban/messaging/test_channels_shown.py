"""A notice's 发送渠道 names every channel it reached: a group-robot message names several
recipients, and each of their notices lists the robot once the message is sent — not before,
and not when it failed."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from duban.messaging.models import Channel, DeliveryLog, DeliveryState, Robot, RobotKind
from duban.progress.models import NoticeKind, Notification
from duban.progress.services.notifications import notify
from tests.duban.messaging.conftest import Mailbox, Robots
from tests.duban.progress.conftest import World

pytestmark = pytest.mark.django_db
DAY = date(2024, 7, 15)


def _send(world: World, capture: Any, *names: str) -> list[Notification]:
    with capture(execute=True):
        notices = notify(
            recipients=[world.users[n] for n in names],
            kind=NoticeKind.URGE,
            title="催办：1 项进展待报送",
            body="请报送7月进展",
            as_of=DAY,
        )
    for notice in notices:
        notice.refresh_from_db()
    return notices


def test_every_notice_a_robot_message_carries_lists_the_robot(
    world: World, smtp: Mailbox, robots: Robots, django_capture_on_commit_callbacks: Any
) -> None:
    Robot.objects.create(name="督查群", kind=RobotKind.WECOM, url=f"{robots.url}/s?key=k")
    Robot.objects.create(
        name="钉钉群", kind=RobotKind.DINGTALK, url=f"{robots.url}/d?access_token=t"
    )
    first, second = _send(world, django_capture_on_commit_callbacks, "reporter", "reporter2")
    assert len(robots.hits) == 2  # one message per robot, naming both
    wecom = DeliveryLog.objects.get(channel=Channel.WECOM)
    assert set(wecom.covers.all()) == {first, second}
    assert first.channels == "站内,邮件,企业微信群机器人,钉钉群机器人"
    assert second.channels == "站内,企业微信群机器人,钉钉群机器人"  # no address: no e-mail
    assert len(smtp.messages) == 1


def test_a_failed_robot_message_is_not_listed(
    world: World, robots: Robots, django_capture_on_commit_callbacks: Any
) -> None:
    robots.answers = [(200, {"errcode": 93000, "errmsg": "invalid webhook url"})]
    Robot.objects.create(name="督查群", kind=RobotKind.WECOM, url=f"{robots.url}/s?key=bad")
    (notice,) = _send(world, django_capture_on_commit_callbacks, "reporter2")
    log = DeliveryLog.objects.get()
    assert log.state != DeliveryState.SENT and log.covers.get() == notice
    assert notice.channels == "站内"
