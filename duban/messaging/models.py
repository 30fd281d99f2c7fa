"""What the 督查室 configures (robots, the e-mail switch), each user's choice, and the log.

Robot secrets and webhook keys are stored as given (the sender needs them) and never shown
back in full: pages show ``Robot.url_shown`` and ``Robot.secret_shown``.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db import models

from duban.core.models import BaseModel
from duban.orgs.models import OrgUnit
from duban.progress.models import NoticeKind, Notification

# Query parameters of webhook addresses that are credentials (企业微信 key, 钉钉 access_token).
SECRET_PARAMS = frozenset({"key", "access_token", "token"})


class Channel(models.TextChoices):
    EMAIL = "email", "邮件"
    WECOM = "wecom", "企业微信群机器人"
    DINGTALK = "dingtalk", "钉钉群机器人"


class RobotKind(models.TextChoices):
    WECOM = Channel.WECOM.value, "企业微信"
    DINGTALK = Channel.DINGTALK.value, "钉钉（含政务钉钉）"


class MessageStyle(models.TextChoices):
    TEXT = "text", "纯文本"
    MARKDOWN = "markdown", "富文本（标题加粗）"


class DeliveryState(models.TextChoices):
    PENDING = "pending", "待发送"
    SENT = "sent", "已发送"
    FAILED = "failed", "失败"


def masked(value: str, keep: int = 4) -> str:
    """``••••`` and the last ``keep`` characters: enough to tell two keys apart, not to use one."""
    if not value:
        return ""
    return "••••" + (value[-keep:] if len(value) > keep * 2 else "")


def url_shown(url: str) -> str:
    """A webhook address with its credential parameters masked."""
    parts = urlsplit(url)
    query = [(k, masked(v) if k.lower() in SECRET_PARAMS else v) for k, v in parse_qsl(parts.query)]
    return urlunsplit(parts._replace(query=urlencode(query, safe="•")))


class Robot(BaseModel):
    """A group robot the notices are posted to (a WeCom or DingTalk group's custom robot)."""

    name = models.CharField("名称", max_length=50, unique=True)
    kind = models.CharField("类型", max_length=16, choices=RobotKind)
    url = models.CharField("接口地址", max_length=500)
    secret = models.CharField("加签密钥", max_length=200, blank=True)
    style = models.CharField(
        "消息格式", max_length=16, choices=MessageStyle, default=MessageStyle.TEXT
    )
    kinds = models.CharField(
        "推送的通知类别", max_length=200, blank=True, help_text="逗号分隔；为空时推送全部类别。"
    )
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name="只推送该单位的通知",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    enabled = models.BooleanField("启用", default=True)
    # the office's government whose ledger this row is in (``accounts.permissions``)
    owner = models.ForeignKey(
        "orgs.Government",
        verbose_name="所属政府",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ("name",)
        verbose_name = "群机器人"
        verbose_name_plural = "群机器人"

    def __str__(self) -> str:
        return self.name

    @property
    def kind_list(self) -> list[str]:
        return [k for k in self.kinds.split(",") if k]

    def accepts(self, kind: str) -> bool:
        return not self.kind_list or kind in self.kind_list

    @property
    def kinds_shown(self) -> str:
        labels = dict(NoticeKind.choices)
        return "、".join(str(labels.get(k, k)) for k in self.kind_list) or "全部"

    @property
    def url_shown(self) -> str:
        return url_shown(self.url)

    @property
    def secret_shown(self) -> str:
        return masked(self.secret)


class OfficeChannels(models.Model):
    """The office-wide switches (one row, pk 1; absent means the defaults)."""

    email_enabled = models.BooleanField("发送邮件通知", default=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "推送设置"
        verbose_name_plural = "推送设置"

    def __str__(self) -> str:
        return "推送设置"


class Preference(BaseModel):
    """A user's own choice of channels (absent means the defaults)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="message_preference",
    )
    email = models.BooleanField("接收邮件通知", default=True)

    class Meta:
        verbose_name = "个人通知设置"
        verbose_name_plural = "个人通知设置"

    def __str__(self) -> str:
        return f"{self.user} 的通知设置"


class DeliveryLog(BaseModel):
    """One message to one target by one channel: what was sent, how often tried, how it went.

    ``title`` and ``body`` are what goes out (for a robot, the notice with its recipients), so
    a retry sends the same message whatever changed since. ``next_try_at`` is when a worker
    may take it (a taken row is leased forward while it is being sent).
    """

    notification = models.ForeignKey(
        Notification,
        verbose_name="通知",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    channel = models.CharField("渠道", max_length=16, choices=Channel)
    target = models.CharField("发送对象", max_length=200)
    robot = models.ForeignKey(
        Robot,
        verbose_name="群机器人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    # a robot message names several recipients: every notice it carries, so each one's
    # 发送渠道 can say it went to the group once the message is sent
    covers = models.ManyToManyField(
        Notification, verbose_name="所含通知", blank=True, related_name="robot_messages"
    )
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容")
    state = models.CharField(
        "状态", max_length=16, choices=DeliveryState, default=DeliveryState.PENDING
    )
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    last_error = models.CharField("最近错误", max_length=500, blank=True)
    next_try_at = models.DateTimeField("下次尝试时间", null=True, blank=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes = (models.Index(fields=["state", "next_try_at"], name="delivery_due"),)
        verbose_name = "推送记录"
        verbose_name_plural = "推送记录"

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.target}：{self.title}"
