"""The messaging writes: robots, the office switch, a user's choice, resending; the schedules.

Each is atomic and audited. Robot credentials (the webhook's key, the 加签 secret) never go
into the audit trail: it records that they changed, not what to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_q.models import Schedule

from duban.accounts.permissions import Perm, acts_for, can
from duban.audit.services import audit_record
from duban.core import clock
from duban.core.exceptions import ApplicationError
from duban.messaging import tasks
from duban.messaging.models import (
    Channel,
    DeliveryLog,
    DeliveryState,
    OfficeChannels,
    Preference,
    Robot,
    RobotKind,
)
from duban.messaging.selectors import OFFICE_PK
from duban.orgs.models import Government, OrgUnit
from duban.progress.models import NoticeKind

NOT_ALLOWED = "只有督查室可以修改消息推送设置。"
BAD_URL = "接口地址应以 http:// 或 https:// 开头，并写明主机名。"
DUPLICATE = "已有同名的群机器人。"


@dataclass
class RobotInput:
    name: str
    kind: str
    url: str = ""  # empty on an edit: keep the stored address
    secret: str = ""  # empty on an edit: keep the stored secret (unless clear_secret)
    clear_secret: bool = False
    style: str = "text"
    kinds: list[str] = field(default_factory=list)
    unit: OrgUnit | None = None
    enabled: bool = True


def _require(actor: Any) -> None:
    if not can(actor, Perm.MESSAGING_MANAGE):
        raise ApplicationError(NOT_ALLOWED)


def web_address(url: str) -> bool:
    """An http(s) address naming a host (anything else is refused before it is stored)."""
    try:
        parts = urlsplit(url)
        return parts.scheme in {"http", "https"} and bool(parts.hostname)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False


def _check_url(url: str) -> str:
    url = url.strip()
    if not web_address(url):
        raise ApplicationError(BAD_URL)
    return url


@transaction.atomic
def robot_save(*, robot: Robot | None, data: RobotInput, actor: Any) -> Robot:
    """Add a robot (``robot`` None) or change one; address and secret kept when left empty."""
    _require(actor)
    created = robot is None
    if robot is not None and not acts_for(actor, robot.owner_id):
        raise PermissionDenied  # another government's robot
    robot = robot or Robot(owner=Government.objects.for_actor(actor))
    if not data.name.strip():
        raise ApplicationError("请填写机器人名称。")
    if data.kind not in RobotKind.values:
        raise ApplicationError("请选择机器人类型。")
    if created and not data.url.strip():
        raise ApplicationError("请填写机器人的接口地址（Webhook）。")
    changed = []
    if data.url.strip():
        url = _check_url(data.url)
        changed += ["接口地址"] if url != robot.url else []
        robot.url = url
    if data.clear_secret or data.secret.strip():
        secret = "" if data.clear_secret else data.secret.strip()
        changed += ["加签密钥"] if secret != robot.secret else []
        robot.secret = secret
    robot.name, robot.kind, robot.style = data.name.strip()[:50], data.kind, data.style
    robot.kinds = ",".join(k for k in NoticeKind.values if k in data.kinds)
    robot.unit, robot.enabled = data.unit, data.enabled
    try:
        with transaction.atomic():
            robot.save()
    except IntegrityError as err:
        raise ApplicationError(DUPLICATE) from err
    audit_record(
        actor=actor,
        action="messaging.robot_add" if created else "messaging.robot_change",
        target=robot,
        summary=f"{'添加' if created else '修改'}群机器人：{robot.name}（{robot.get_kind_display()}，"
        f"{'启用' if robot.enabled else '停用'}，推送{robot.kinds_shown}）",
        data={"credentials_changed": changed},
    )
    return robot


@transaction.atomic
def robot_delete(*, robot: Robot, actor: Any) -> None:
    _require(actor)
    audit_record(
        actor=actor, action="messaging.robot_delete", target=robot, summary=f"删除群机器人：{robot}"
    )
    robot.delete()


@transaction.atomic
def office_channels_update(*, email_enabled: bool, actor: Any) -> OfficeChannels:
    """The office-wide e-mail switch (robots have their own 启用)."""
    _require(actor)
    office, _ = OfficeChannels.objects.update_or_create(
        pk=OFFICE_PK, defaults={"email_enabled": email_enabled}
    )
    audit_record(
        actor=actor,
        action="messaging.settings",
        target=office,
        summary=f"邮件通知：{'开启' if email_enabled else '关闭'}",
        data={"email_enabled": email_enabled},
    )
    return office


@transaction.atomic
def preference_update(*, user: Any, email: bool, actor: Any) -> Preference:
    """A user's own choice; nobody sets another's."""
    if getattr(actor, "pk", None) != user.pk:
        raise ApplicationError("只能修改自己的通知设置。")
    preference, _ = Preference.objects.update_or_create(user=user, defaults={"email": email})
    audit_record(
        actor=actor,
        action="messaging.preference",
        target=preference,
        summary=f"邮件通知：{'接收' if email else '不接收'}",
        data={"email": email},
    )
    return preference


@transaction.atomic
def delivery_resend(*, log: DeliveryLog, actor: Any) -> DeliveryLog:
    """督查室 sends a failed message again (after fixing an address or a robot): tries anew."""
    _require(actor)
    log = DeliveryLog.objects.select_for_update().get(pk=log.pk)
    if log.state != DeliveryState.FAILED:
        raise ApplicationError("只有发送失败的消息可以重新发送。")
    log.state, log.attempts, log.next_try_at = DeliveryState.PENDING, 0, clock.now()
    log.save(update_fields=["state", "attempts", "next_try_at", "updated_at"])
    audit_record(
        actor=actor, action="messaging.resend", target=log, summary=f"重新发送：{log.title}"
    )
    pk = log.pk
    transaction.on_commit(lambda: tasks.push(pk))
    return log


@transaction.atomic
def robot_test(*, robot: Robot, actor: Any) -> DeliveryLog:
    """A test message to one robot, through the queue like any other (see the log for how)."""
    _require(actor)
    log = DeliveryLog.objects.create(
        channel=Channel(robot.kind),
        target=robot.name,
        robot=robot,
        title="测试消息",
        body=f"这是督办系统发给“{robot.name}”的测试消息，收到即表示配置正确。",
        next_try_at=clock.now(),
    )
    audit_record(
        actor=actor, action="messaging.robot_test", target=robot, summary=f"测试群机器人：{robot}"
    )
    pk = log.pk
    transaction.on_commit(lambda: tasks.push(pk))
    return log


# --- the worker's schedules -----------------------------------------------------------------

REMINDERS_SCHEDULE = "每日催报"
RESEND_SCHEDULE = "消息失败重发"


def _next_daily(at: time, now: datetime) -> datetime:
    local = timezone.localtime(now)
    when = timezone.make_aware(datetime.combine(local.date(), at), local.tzinfo)
    return when if when > now else when + timedelta(days=1)


def remind_time() -> time:
    """``DUBAN_REMIND_AT`` (HH:MM, local time), 08:30 unless set."""
    return time.fromisoformat(getattr(settings, "DUBAN_REMIND_AT", "08:30"))


@transaction.atomic
def schedules_ensure() -> list[str]:
    """The worker's two schedules, created once (by name) and kept to the settings.

    Daily reminders at ``DUBAN_REMIND_AT``, and every minute the sweep that queues the
    messages due again. Running it twice changes nothing; returns the names it created.
    """
    now = clock.now()
    at = remind_time()
    wanted = {
        REMINDERS_SCHEDULE: {
            "func": "duban.messaging.tasks.reminders_daily",
            "schedule_type": Schedule.DAILY,
            "minutes": None,
            "next_run": _next_daily(at, now),
        },
        RESEND_SCHEDULE: {
            "func": "duban.messaging.tasks.retry_due",
            "schedule_type": Schedule.MINUTES,
            "minutes": 1,
            "next_run": now,
        },
    }
    created = []
    for name, spec in wanted.items():
        schedule = Schedule.objects.filter(name=name).order_by("pk").first()
        if schedule is None:
            Schedule.objects.create(name=name, repeats=-1, **spec)
            created.append(name)
            continue
        keep_time = spec["schedule_type"] != Schedule.DAILY or (
            schedule.next_run is not None and timezone.localtime(schedule.next_run).time() == at
        )
        for key, value in spec.items():
            if key != "next_run" or not keep_time:
                setattr(schedule, key, value)
        schedule.repeats = -1
        schedule.save()
    if created:
        audit_record(
            actor=None,
            action="messaging.schedules",
            summary="创建后台定时任务：" + "、".join(created),
        )
    return created
