"""The parts a task's units file for a period, beside the lead unit's 汇总 (the report).

Registered through ``duban.progress.models`` (imported at its end), like the read model.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from duban.core.models import BaseModel

USER = settings.AUTH_USER_MODEL


class PartState(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已报送"


class UnitPart(BaseModel):
    """One unit's own part of a task for one period (progress, figures, evidence).

    Every unit on the task but the reporting (lead) unit files one — 责任、配合 units and the
    streets reached through a collective. ``submitted_at`` is the first 报送 and is never
    moved by a correction, so "filed by day d" reads the same on every later day.
    """

    task = models.ForeignKey(
        "plans.Task", verbose_name="任务", on_delete=models.CASCADE, related_name="unit_parts"
    )
    period = models.ForeignKey(
        "progress.ReportingPeriod",
        verbose_name="报送期",
        on_delete=models.CASCADE,
        related_name="unit_parts",
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name="报送单位", on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField("状态", max_length=16, choices=PartState, default=PartState.DRAFT)
    progress = models.TextField("本单位进展情况", blank=True)
    problems = models.TextField("存在问题", blank=True)
    next_steps = models.TextField("下步计划", blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    updated_by = models.ForeignKey(
        USER,
        verbose_name="最后修改人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField("首次报送时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        USER,
        verbose_name="报送人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ("task", "period", "unit__name")
        constraints = (
            models.UniqueConstraint(fields=["task", "period", "unit"], name="unique_unit_part"),
        )
        indexes = (models.Index(fields=["period", "unit"], name="unit_part_by_period"),)
        verbose_name = "单位分项报送"
        verbose_name_plural = "单位分项报送"

    def __str__(self) -> str:
        return f"{self.unit} · 任务 {self.task_id}"

    def get_absolute_url(self) -> str:
        return reverse("progress:part", args=[self.task_id, self.period_id])


class UnitPartActual(models.Model):
    """The unit's own cumulative figure of one target, as of the period's end."""

    part = models.ForeignKey(
        UnitPart, verbose_name="分项报送", on_delete=models.CASCADE, related_name="actuals"
    )
    target = models.ForeignKey(
        "plans.Target", verbose_name="指标", on_delete=models.CASCADE, related_name="+"
    )
    value = models.DecimalField(
        "本单位累计完成", max_digits=20, decimal_places=4, null=True, blank=True
    )

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["part", "target"], name="unique_unit_part_actual"),
        )
        verbose_name = "分项指标完成值"
        verbose_name_plural = "分项指标完成值"

    def __str__(self) -> str:
        return f"{self.target_id}：{self.value}"


class SignedVia(models.TextChoices):
    SIGN = "sign", "签收"
    REPORT = "report", "报送视同签收"


class UnitSignature(BaseModel):
    """One unit's 签收 of a task handed over to it (交办): every unit that must sign
    (``queries.signers``) signs its own. Its first 报送 — the lead's report, another unit's
    part — counts as 签收 too (``via``). One row per (task, unit), never moved."""

    task = models.ForeignKey(
        "plans.Task", verbose_name="任务", on_delete=models.CASCADE, related_name="signatures"
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name="签收单位", on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField("签收时间")
    signed_by = models.ForeignKey(
        USER,
        verbose_name="签收人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    via = models.CharField("方式", max_length=16, choices=SignedVia, default=SignedVia.SIGN)

    class Meta:
        ordering = ("task", "signed_at")
        constraints = (
            models.UniqueConstraint(fields=["task", "unit"], name="unique_unit_signature"),
        )
        verbose_name = "单位签收"
        verbose_name_plural = "单位签收"

    def __str__(self) -> str:
        return f"{self.unit} · 任务 {self.task_id}"
