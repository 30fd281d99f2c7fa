"""The 督查室's own 催办 and 督办单: one row per unit and task it chased by hand.

Why a table and not only the notices: a 督办单 is a numbered document printed again later,
the rate limit is per unit (a unit without accounts gets a paper 督办单 and no notice), and
the task page lists what was sent. Registered through ``duban.progress.models``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from duban.core.models import BaseModel


class ChaseKind(models.TextChoices):
    URGE = "urge", "催办"
    SUPERVISE = "supervise", "督办单"


class ChaseRecord(BaseModel):
    task = models.ForeignKey(
        "plans.Task", verbose_name="任务", on_delete=models.CASCADE, related_name="chase_records"
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("方式", max_length=16, choices=ChaseKind)
    as_of = models.DateField("日期")
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    serial = models.PositiveIntegerField("序号", null=True, blank=True)
    number = models.CharField("督办单编号", max_length=50, blank=True)
    lateness = models.TextField("督办事项")
    requirement = models.TextField("督办要求")
    notified = models.PositiveIntegerField("通知人数", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发出人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ("-as_of", "-id")
        indexes = (models.Index(fields=["unit", "as_of"], name="chase_record_by_unit"),)
        constraints = (
            models.UniqueConstraint(
                fields=["year", "serial"],
                condition=models.Q(serial__isnull=False),
                name="unique_supervision_order_number",
            ),
        )
        verbose_name = "催办督办记录"
        verbose_name_plural = "催办督办记录"

    def __str__(self) -> str:
        return self.number or f"{self.get_kind_display()} · {self.unit_id} · 任务 {self.task_id}"

    def get_absolute_url(self) -> str:
        return reverse("exports:supervision-order", args=[self.pk])
