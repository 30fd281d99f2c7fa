"""An execution report or bulletin in preview: its actuals and the targets they are matched to.

A plan-execution report (计划执行情况) or a progress bulletin (督查通报) sets no tasks: it says
what was achieved. Its upload becomes an :class:`ActualImport`, one :class:`ActualRow` per
actual the parser found, each with the candidate targets of the same government's year and
the reasons the similar-looking ones do not fit. The office confirms or corrects each match;
confirming writes the chosen figures into the tasks' progress reports
(``duban.workflows.actuals``). Kept apart from ``ImportBatch``: nothing here creates tasks.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from duban.core.models import BaseModel
from duban.plans.models import BatchStatus, Target


class ActualDocumentKind(models.TextChoices):
    PLAN_REPORT = "plan_report", "计划执行情况报告"
    BULLETIN = "bulletin", "进展通报"


class ActualImport(BaseModel):
    status = models.CharField(
        "状态", max_length=16, choices=BatchStatus, default=BatchStatus.PREVIEW
    )
    kind = models.CharField("文件类别", max_length=16, choices=ActualDocumentKind)
    filename = models.CharField("文件名", max_length=300)
    file = models.FileField("上传文件", upload_to="imports/%Y/%m/", max_length=300)
    sha256 = models.CharField("校验码（SHA-256）", max_length=64, db_index=True)
    size = models.PositiveIntegerField("大小（字节）", default=0)
    title = models.CharField("标题", max_length=500, blank=True)
    government = models.CharField("报告所属政府", max_length=200, blank=True)
    # the office's government whose ledger this row is in (``accounts.permissions``)
    owner = models.ForeignKey(
        "orgs.Government",
        verbose_name="所属政府",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    document_info = models.JSONField("文件信息", default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = "完成情况导入"
        verbose_name_plural = "完成情况导入"

    def __str__(self) -> str:
        return f"{self.title or self.filename}（{self.get_status_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("plans:actual-import", args=[self.pk])


class MatchDecision(models.TextChoices):
    SUGGESTED = "suggested", "系统建议（待确认）"
    CONFIRMED = "confirmed", "已确认"
    REJECTED = "rejected", "不匹配"
    OPEN = "open", "待选择"


class ActualRow(models.Model):
    """One actual of the document, the targets it may be about, and the office's decision."""

    batch = models.ForeignKey(
        ActualImport, verbose_name="导入", on_delete=models.CASCADE, related_name="rows"
    )
    position = models.PositiveIntegerField("顺序")
    data = models.JSONField("解析数据", default=dict)  # the parser's DocumentActual, as stored
    metric = models.CharField("指标", max_length=200)
    figure = models.CharField("完成值原文", max_length=200)
    sentence = models.TextField("原句")
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    period_label = models.CharField("期间", max_length=20, blank=True)
    period_last_month = models.PositiveSmallIntegerField("截至月份", null=True, blank=True)
    # [{"target": id, "similarity", "ratio", "met", "reasons": [codes]}], best first
    candidates = models.JSONField("候选指标", default=list, blank=True)
    mismatched = models.JSONField("不符的相似指标", default=list, blank=True)
    related = models.BooleanField("有相近指标", default=False)  # candidates or mismatched
    target = models.ForeignKey(
        Target,
        verbose_name="对应指标",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision = models.CharField(
        "处理", max_length=16, choices=MatchDecision, default=MatchDecision.OPEN
    )
    report_id = models.PositiveBigIntegerField("写入的进展报告编号", null=True, blank=True)

    class Meta:
        ordering = ("batch", "position")
        verbose_name = "完成值"
        verbose_name_plural = "完成值"
        constraints = (
            models.UniqueConstraint(fields=["batch", "position"], name="unique_actual_row"),
        )

    def __str__(self) -> str:
        return f"{self.metric} {self.figure}"
