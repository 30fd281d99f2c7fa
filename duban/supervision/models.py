"""Scoring weights, the publish switch of the public view, and carried-over task links."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from duban.core.models import BaseModel
from duban.plans.models import SourceDocument, Task

USER = settings.AUTH_USER_MODEL


class ScoringScheme(BaseModel):
    """赛马 weights; the newest row applies, older rows stay as the record of past formulas."""

    on_time = models.DecimalField("按时完成率权重", max_digits=5, decimal_places=1, default=30)
    targets_met = models.DecimalField("指标达标率权重", max_digits=5, decimal_places=1, default=30)
    schedule_met = models.DecimalField(
        "序时进度达标率权重", max_digits=5, decimal_places=1, default=25
    )
    quality = models.DecimalField("报送质量权重", max_digits=5, decimal_places=1, default=15)
    note = models.CharField("说明", max_length=200, blank=True)
    # the office's government whose ledger this row is in (``accounts.permissions``)
    owner = models.ForeignKey(
        "orgs.Government",
        verbose_name="所属政府",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        USER,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = "评分权重"
        verbose_name_plural = "评分权重"

    def __str__(self) -> str:
        return f"{self.on_time}/{self.targets_met}/{self.schedule_met}/{self.quality}"


class Publication(BaseModel):
    """Whether a document's headline figures are public (off unless the 督查室 turns it on)."""

    document = models.OneToOneField(
        SourceDocument,
        verbose_name="任务文件",
        on_delete=models.CASCADE,
        related_name="publication",
    )
    is_published = models.BooleanField("公开", default=False)
    changed_by = models.ForeignKey(
        USER,
        verbose_name="修改人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "公开设置"
        verbose_name_plural = "公开设置"

    def __str__(self) -> str:
        return f"{self.document_id}：{'公开' if self.is_published else '不公开'}"


class CarriedTask(BaseModel):
    """A next-year task created from an unfinished one (结转), linked to its origin."""

    origin = models.ForeignKey(
        Task, verbose_name="原任务", on_delete=models.CASCADE, related_name="carried_to"
    )
    successor = models.OneToOneField(
        Task, verbose_name="结转后的任务", on_delete=models.CASCADE, related_name="carried_from"
    )
    created_by = models.ForeignKey(
        USER,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["origin", "successor"], name="unique_carry_over"),
        )
        verbose_name = "结转任务"
        verbose_name_plural = "结转任务"

    def __str__(self) -> str:
        return f"{self.origin_id} → {self.successor_id}"
