"""User (with one role), UnitMembership (which units a user acts for).

The 系统管理员 (``admin``) is the only role that is a Django superuser: it manages accounts
in the Django admin. The 督查室 (``office``) is staff without superuser rights: in the admin it
may correct business data only (``duban.accounts.backends``), never accounts or audit records.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    OFFICE = "office", "督查室"
    LEADER = "leader", "领导"
    REPORTER = "reporter", "单位填报员"
    AUDITOR = "auditor", "审计（只读）"
    ADMIN = "admin", "系统管理员"


class User(AbstractUser):
    role = models.CharField("角色", max_length=16, choices=Role, default=Role.REPORTER)
    display_name = models.CharField("显示名", max_length=50, blank=True)
    leader = models.ForeignKey(
        "orgs.Leader",
        verbose_name="对应领导",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
        help_text="角色为领导时，可查看该领导现任职务所负责的任务。",
    )
    # the government the account acts for (its 督查室, 审计, leader, or the units a reporter
    # fills in for); null for the 系统管理员 and, in a one-government installation, "the
    # default government" (``orgs.Government.objects.default``)
    government = models.ForeignKey(
        "orgs.Government",
        verbose_name="所属政府",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    # Set when the 督查室 creates the account or resets its password in the app: that
    # password was seen by someone else, so its holder must choose their own before doing
    # anything (``duban.accounts.middleware``); cleared by 修改密码.
    must_change_password = models.BooleanField(
        "须修改密码", default=False, help_text="督查室设置的一次性密码，首次登录后须修改。"
    )

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.display_name or self.username


class UnitMembership(models.Model):
    user = models.ForeignKey(
        User, verbose_name="用户", on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name="单位", on_delete=models.CASCADE, related_name="memberships"
    )

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["user", "unit"], name="unique_unit_membership"),
        )
        verbose_name = "单位成员"
        verbose_name_plural = "单位成员"

    def __str__(self) -> str:
        return f"{self.user} @ {self.unit_id}"
