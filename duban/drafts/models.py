"""A draft 目标任务分解 made from a 政府工作报告, and its rows (the candidate tasks).

Units and leaders are kept as the office types them (names joined by 、): the draft is a
piece of paper being written; names meet the unit directory when it is confirmed, through
the import preview's name matching, exactly as a printed notice's names do.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from duban.core.models import BaseModel
from duban.plans.models import ImportBatch


class DraftStatus(models.TextChoices):
    EDITING = "editing", "编辑中"
    DISCARDED = "discarded", "已放弃"


class ReportDraft(BaseModel):
    title = models.CharField("标题", max_length=300)
    government = models.CharField("发文机关", max_length=200, blank=True)
    # the office's government whose ledger this row is in (``accounts.permissions``)
    owner = models.ForeignKey(
        "orgs.Government",
        verbose_name="所属政府",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField("年度")
    status = models.CharField(
        "状态", max_length=16, choices=DraftStatus, default=DraftStatus.EDITING
    )
    filename = models.CharField("报告文件名", max_length=300)
    file = models.FileField("政府工作报告", upload_to="drafts/%Y/", max_length=300)
    sha256 = models.CharField("校验码（SHA-256）", max_length=64, db_index=True)
    document_info = models.JSONField("报告信息", default=dict)
    # the import preview the draft became (确认为任务); a discarded one frees the draft again
    batch = models.ForeignKey(
        ImportBatch,
        verbose_name="导入批次",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ("-created_at",)
        verbose_name = "任务分解草稿"
        verbose_name_plural = "任务分解草稿"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("drafts:draft-detail", args=[self.pk])


class RowKind(models.TextChoices):
    TARGET = "target", "主要预期目标"
    ITEM = "item", "重点工作"
    ADDED = "added", "新增"


class DraftRow(models.Model):
    draft = models.ForeignKey(
        ReportDraft, verbose_name="草稿", on_delete=models.CASCADE, related_name="rows"
    )
    position = models.PositiveIntegerField("顺序")
    kind = models.CharField("类别", max_length=16, choices=RowKind, default=RowKind.ITEM)
    section = models.CharField("所属部分", max_length=300, blank=True)
    text = models.TextField("任务")
    leaders = models.CharField("责任领导", max_length=300, blank=True)
    lead_units = models.CharField("牵头单位", max_length=500, blank=True)
    responsible_units = models.CharField("责任单位", max_length=1000, blank=True)
    deadline = models.CharField("完成时限", max_length=100, blank=True)
    # why each suggestion was made, in Chinese: 上年同类任务《…》由…牵头
    reasons = models.JSONField("建议依据", default=list, blank=True)
    source_text = models.TextField("报告原文", blank=True)
    version = models.PositiveIntegerField("版本", default=1)

    class Meta:
        ordering = ("draft", "position", "id")
        verbose_name = "草稿任务"
        verbose_name_plural = "草稿任务"

    def __str__(self) -> str:
        return self.text[:40]
