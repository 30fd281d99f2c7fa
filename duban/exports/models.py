"""督查通报: a draft the 督查室 edits, frozen when issued and then archived for the units.

印发 numbers it (``serial`` in its ``serial_year``, unique: one 第N号 a year) and archives the
exact Word file issued (``issued_file`` with its ``issued_sha256``): what a unit downloads
later is that file, byte for byte, not a new rendering.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from duban.core.models import BaseModel
from duban.plans.models import SourceDocument
from duban.progress.models import ReportingPeriod

USER = settings.AUTH_USER_MODEL


class BulletinState(models.TextChoices):
    DRAFT = "draft", "草稿"
    ISSUED = "issued", "已印发"


class Bulletin(BaseModel):
    """The text is generated from the data once, then belongs to the office (``sections``)."""

    document = models.ForeignKey(
        SourceDocument, verbose_name="任务文件", on_delete=models.CASCADE, related_name="bulletins"
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name="报送期",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    as_of = models.DateField("数据截至")
    title = models.CharField("标题", max_length=300)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    issuer = models.CharField("发文单位", max_length=200, blank=True)
    cc = models.CharField("抄送", max_length=500, blank=True)
    recipients = models.CharField("主送机关", max_length=500, blank=True)
    sections = models.JSONField("正文（分节）", default=list)
    figures = models.JSONField("起草时的统计数", default=dict, blank=True)
    state = models.CharField(
        "状态", max_length=16, choices=BulletinState, default=BulletinState.DRAFT
    )
    created_by = models.ForeignKey(
        USER,
        verbose_name="起草人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField("印发时间", null=True, blank=True)
    issued_by = models.ForeignKey(
        USER,
        verbose_name="印发人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    serial_year = models.PositiveSmallIntegerField("文号年份", null=True, blank=True)
    serial = models.PositiveIntegerField("文号序号", null=True, blank=True)
    issued_file = models.FileField(
        "印发文件", upload_to="bulletins/%Y/", max_length=300, blank=True
    )
    issued_sha256 = models.CharField("印发文件 SHA-256", max_length=64, blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["serial_year", "serial"],
                condition=models.Q(serial__isnull=False),
                name="unique_bulletin_serial",
            ),
        )
        ordering = ("-as_of", "-created_at")
        verbose_name = "督查通报"
        verbose_name_plural = "督查通报"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exports:bulletin-detail", args=[self.pk])

    @property
    def is_issued(self) -> bool:
        return self.state == BulletinState.ISSUED
