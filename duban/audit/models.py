"""AuditEvent: who did what to which object, written by services (and the admin) only.

Records are append-only: an instance refuses ``save`` once stored and refuses ``delete``, and
the default manager's querysets refuse ``update`` and ``delete``, each with a Chinese error.
The actor is protected: a user with audit records cannot be deleted (deactivate instead), so
no record ever loses its 操作人.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models

from duban.core.exceptions import ApplicationError

IMMUTABLE_MESSAGE = "审计记录只能新增，不能修改或删除。"


class AuditImmutableError(ApplicationError):
    """Raised by any attempt to change or delete an audit record."""

    def __init__(self) -> None:
        super().__init__(IMMUTABLE_MESSAGE)


def _refuse() -> NoReturn:
    raise AuditImmutableError


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        _refuse()

    def delete(self) -> tuple[int, dict[str, int]]:
        _refuse()


class AuditEvent(models.Model):
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField("动作", max_length=64, db_index=True)
    object_type = models.CharField("对象类型", max_length=64, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    summary = models.CharField("摘要", max_length=500, blank=True)
    data = models.JSONField("详情", default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.summary}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            _refuse()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        _refuse()
