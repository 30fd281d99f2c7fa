"""A lower government's task (or target) linked to the upper government's it implements.

One row per proposed pair, whatever its fate: the office's 否决 is kept so that proposing
again never brings a rejected pair back. A target link (同一指标) names both targets and
their tasks; a task link (内容相近 / 上级交办) names the tasks only. The documents are copied
from the tasks so that one document pair's links are one index range.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from duban.core.models import BaseModel


class Basis(models.TextChoices):
    METRIC = "metric", "同一指标"
    TEXT = "text", "内容相近"
    ASSIGNED = "assigned", "上级交办"


class LinkStatus(models.TextChoices):
    PENDING = "pending", "待确认"
    CONFIRMED = "confirmed", "已确认"
    REJECTED = "rejected", "已否决"


class LevelLink(BaseModel):
    upper_document = models.ForeignKey(
        "plans.SourceDocument", verbose_name="上级文件", on_delete=models.CASCADE,
        related_name="lower_links",
    )  # fmt: skip
    lower_document = models.ForeignKey(
        "plans.SourceDocument", verbose_name="下级文件", on_delete=models.CASCADE,
        related_name="upper_links",
    )  # fmt: skip
    upper_task = models.ForeignKey(
        "plans.Task", verbose_name="上级任务", on_delete=models.CASCADE, related_name="lower_links"
    )
    lower_task = models.ForeignKey(
        "plans.Task", verbose_name="下级任务", on_delete=models.CASCADE, related_name="upper_links"
    )
    upper_target = models.ForeignKey(
        "plans.Target", verbose_name="上级指标", null=True, blank=True,
        on_delete=models.CASCADE, related_name="lower_links",
    )  # fmt: skip
    lower_target = models.ForeignKey(
        "plans.Target", verbose_name="下级指标", null=True, blank=True,
        on_delete=models.CASCADE, related_name="upper_links",
    )  # fmt: skip
    basis = models.CharField("关联依据", max_length=16, choices=Basis)
    score = models.FloatField("相似度", default=0)
    reason = models.CharField("建议理由", max_length=300)
    status = models.CharField("状态", max_length=16, choices=LinkStatus, default=LinkStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="确认人", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField("确认时间", null=True, blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["upper_task", "lower_task"],
                condition=Q(upper_target__isnull=True),
                name="unique_level_task_link",
            ),
            models.UniqueConstraint(
                fields=["upper_target", "lower_target"],
                condition=Q(upper_target__isnull=False),
                name="unique_level_target_link",
            ),
            models.CheckConstraint(
                condition=Q(upper_target__isnull=True, lower_target__isnull=True)
                | Q(upper_target__isnull=False, lower_target__isnull=False),
                name="level_link_targets_both_or_none",
            ),
        )
        indexes = (
            models.Index(fields=["upper_document", "lower_document", "status"], name="level_pair"),
        )
        verbose_name = "上下级关联"
        verbose_name_plural = "上下级关联"

    def __str__(self) -> str:
        return f"{self.lower_task_id} → {self.upper_task_id}（{self.get_basis_display()}）"
