"""Source documents and the tasks they assign; ImportBatch/ImportRow/ImportName hold a preview."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse

from duban.core.models import BaseModel
from duban.orgs.models import CollectiveGroup, Government, OrgUnit, Post


class DocumentKind(models.TextChoices):
    WORK_REPORT = "work_report", "政府工作报告"
    DECOMPOSITION = "decomposition", "任务分解"
    PROGRESS = "progress", "执行情况"


class SourceDocument(BaseModel):
    kind = models.CharField(
        "文件类别", max_length=16, choices=DocumentKind, default=DocumentKind.DECOMPOSITION
    )
    title = models.CharField("标题", max_length=500)
    issuer = models.CharField("发文单位", max_length=200, blank=True)
    # whose ledger the document is in (the importing office's government); see ``save``
    government = models.ForeignKey(
        Government,
        verbose_name="所属政府",
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
        help_text="留空时：发文机关所指的政府，或唯一的政府。",
    )
    doc_number = models.CharField("文号", max_length=100, blank=True, db_index=True)
    issued_on = models.DateField("成文日期", null=True, blank=True)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    level = models.CharField("层级", max_length=16, blank=True)
    recipients = models.CharField("主送", max_length=500, blank=True)
    source_format = models.CharField("格式", max_length=8, blank=True)
    file = models.FileField("原始文件", upload_to="documents/%Y/", max_length=300)
    filename = models.CharField("文件名", max_length=300)
    sha256 = models.CharField("校验码（SHA-256）", max_length=64, db_index=True)
    size = models.PositiveIntegerField("大小（字节）", default=0)
    supersedes = models.ForeignKey(
        "self",
        verbose_name="替代的旧版",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="superseded_by",
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A confirmed import undone in the app (only while nothing was reported on it): its
    # tasks are withdrawn too, and the same file may be imported again.
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="撤回人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ("-created_at",)
        constraints = (
            models.UniqueConstraint(
                fields=["sha256"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="unique_live_document_sha256",
            ),
        )
        verbose_name = "来源文件"
        verbose_name_plural = "来源文件"

    def __str__(self) -> str:
        return f"{self.title}（{self.doc_number}）" if self.doc_number else self.title

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def save(self, *args: Any, **kwargs: Any) -> None:
        # a document saved without a government (tests, the admin, one-government
        # installations) goes to the government its issuer names, else the default one
        if self.government_id is None:
            self.government = Government.objects.for_document(self.issuer)
        super().save(*args, **kwargs)


class ReportingSchedule(BaseModel):
    """When a document's units must report, as the notice states it (one per document).

    Filled at import confirm from the parser's schedule; ``is_default`` marks a notice that
    states none, in which case the system default applies (monthly, due the 10th, covering
    the previous month). The 督查室 may correct it; the generated reporting periods live in
    ``duban.progress``.
    """

    document = models.OneToOneField(
        SourceDocument,
        verbose_name="任务文件",
        on_delete=models.CASCADE,
        related_name="reporting_schedule",
    )
    plan_due = models.DateTimeField("项目化推进计划报送截止", null=True, blank=True)
    monthly_day = models.PositiveSmallIntegerField("每月报送日", null=True, blank=True)
    monthly_start_month = models.PositiveSmallIntegerField("月报起始月", null=True, blank=True)
    monthly_covers_previous = models.BooleanField("月报反映上月进展", default=True)
    quarterly_day = models.PositiveSmallIntegerField("季报报送日", null=True, blank=True)
    quarterly_covers_previous = models.BooleanField("季报反映上季度进展", default=True)
    ledger_dates = models.JSONField("台账报送日期", default=list, blank=True)
    summary_due = models.DateField("年度总结报送截止", null=True, blank=True)
    recipient = models.CharField("报送对象", max_length=100, blank=True)
    raw_sentences = models.JSONField("原文", default=list, blank=True)
    is_default = models.BooleanField("通知未写明（使用默认安排）", default=False)

    class Meta:
        verbose_name = "报送安排"
        verbose_name_plural = "报送安排"

    def __str__(self) -> str:
        if self.monthly_day:
            return f"每月{self.monthly_day}日前报送"
        return "未写明报送安排"


class TaskList(BaseModel):
    document = models.ForeignKey(
        SourceDocument, verbose_name="任务文件", on_delete=models.CASCADE, related_name="lists"
    )
    title = models.CharField("清单名称", max_length=300)
    position = models.PositiveIntegerField("顺序", default=0)
    first_lead_rule = models.BooleanField("列第一位的为牵头单位", default=False)

    class Meta:
        ordering = ("document", "position")
        verbose_name = "任务清单"
        verbose_name_plural = "任务清单"

    def __str__(self) -> str:
        return self.title


class Section(BaseModel):
    task_list = models.ForeignKey(
        TaskList, verbose_name="任务清单", on_delete=models.CASCADE, related_name="sections"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级章节",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    title = models.CharField("标题", max_length=300)
    path = models.CharField("完整路径", max_length=1000)
    position = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        ordering = ("task_list", "position")
        verbose_name = "章节"
        verbose_name_plural = "章节"

    def __str__(self) -> str:
        return self.title


class TaskSource(models.TextChoices):
    """Where a task comes from: imported ones from the work report, hand-added ones from any."""

    WORK_REPORT = "work_report", "政府工作报告"
    INSTRUCTION = "instruction", "领导批示"
    MEETING = "meeting", "会议议定"
    SUPERIOR = "superior", "上级交办"


class Task(BaseModel):
    task_list = models.ForeignKey(
        TaskList, verbose_name="清单", on_delete=models.CASCADE, related_name="tasks"
    )
    section = models.ForeignKey(
        Section, verbose_name="章节", null=True, blank=True, on_delete=models.SET_NULL
    )
    number = models.PositiveIntegerField("序号")
    flags = models.CharField("序号标记", max_length=20, blank=True)  # ★ / * as the notice marks
    text = models.TextField("任务内容")
    baseline_text = models.TextField("原文（首次导入，不再修改）")
    section_path = models.CharField("章节路径", max_length=1000, blank=True)
    span_text = models.CharField("原文位置", max_length=200, blank=True)
    deadline_text = models.CharField("完成时限（原文）", max_length=200, blank=True)
    leader_label = models.CharField("领导栏目名", max_length=20, blank=True)
    # 责任领导 values that name a body or posts (区政府班子成员, 各副区长), as written: no
    # person, so no TaskLeader; pages and ledgers show them beside the leaders.
    collective_leaders = models.JSONField("集体责任领导（原文）", default=list, blank=True)
    # a duban.plans.records.TaskRecord: what revision diffs and provenance read
    source_data = models.JSONField("解析结果（用于修订比对）", default=dict, blank=True)
    is_withdrawn = models.BooleanField("已撤销（修订稿中删除）", default=False)
    source = models.CharField(
        "任务来源", max_length=16, choices=TaskSource, default=TaskSource.WORK_REPORT
    )

    class Meta:
        ordering = ("task_list__document_id", "task_list__position", "number", "id")
        indexes = (models.Index(fields=["task_list", "number"]),)
        verbose_name = "任务"
        verbose_name_plural = "任务"

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:40]}"

    def get_absolute_url(self) -> str:
        return reverse("plans:task-detail", args=[self.pk])


class UnitRole(models.TextChoices):
    LEAD = "lead", "牵头"
    RESPONSIBLE = "responsible", "责任"
    SUPPORTING = "supporting", "配合"


class TaskUnit(models.Model):
    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name="单位", on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField("角色", max_length=16, choices=UnitRole)
    position = models.PositiveIntegerField("顺序", default=0)
    raw_name = models.CharField("原文名称", max_length=200, blank=True)
    via_collective = models.ForeignKey(
        CollectiveGroup,
        verbose_name="来自集合",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ("task", "role", "position")
        constraints = (
            models.UniqueConstraint(fields=["task", "unit", "role"], name="unique_task_unit_role"),
        )
        verbose_name = "任务单位"
        verbose_name_plural = "任务单位"

    def __str__(self) -> str:
        return f"{self.unit}（{self.get_role_display()}）"


class TaskCollective(models.Model):
    """A collective as written (各街道办事处); its members are expanded into TaskUnit rows."""

    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="collectives"
    )
    group = models.ForeignKey(
        CollectiveGroup, verbose_name="集合单位", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField("角色", max_length=16, choices=UnitRole)
    raw_name = models.CharField("原文名称", max_length=200, blank=True)
    expanded_count = models.PositiveIntegerField("展开单位数", default=0)

    class Meta:
        ordering = ("task", "role", "id")
        verbose_name = "任务集合单位"
        verbose_name_plural = "任务集合单位"

    def __str__(self) -> str:
        return self.raw_name or self.group.name


class TaskLeader(models.Model):
    """A task's responsible leader, linked to the post so a successor inherits the task."""

    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="leader_links"
    )
    post = models.ForeignKey(
        Post, verbose_name="职务", on_delete=models.PROTECT, related_name="task_links"
    )
    raw_name = models.CharField("原文姓名", max_length=50, blank=True)
    position = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        ordering = ("task", "position")
        verbose_name = "任务领导"
        verbose_name_plural = "任务领导"

    def __str__(self) -> str:
        return f"{self.post}"


class Comparator(models.TextChoices):
    AT_LEAST = "at_least", "不低于"
    AT_MOST = "at_most", "不高于"
    ABOUT = "about", "左右"
    EXACTLY = "exactly", "等于"
    BETWEEN = "between", "区间"


class TargetKind(models.TextChoices):
    LEVEL = "level", "总量"
    GROWTH = "growth", "增速"
    DECREASE = "decrease", "降幅"
    SHARE = "share", "比率"
    RATIO = "ratio", "比例"
    COUNT = "count", "数量"
    QUALITATIVE = "qualitative", "定性"


class Target(models.Model):
    """A quantitative target of a task: 地区生产总值增长 7%以上 → growth ≥ 7 %."""

    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="targets"
    )
    metric = models.CharField("指标", max_length=200)
    value = models.DecimalField("数值", max_digits=20, decimal_places=4, null=True, blank=True)
    unit = models.CharField("单位", max_length=20, blank=True)
    normalized_value = models.DecimalField(
        "标准化数值", max_digits=24, decimal_places=4, null=True, blank=True
    )
    value_max = models.DecimalField(
        "区间上限", max_digits=20, decimal_places=4, null=True, blank=True
    )
    normalized_unit = models.CharField("标准化单位", max_length=20, blank=True)
    normalized_value_max = models.DecimalField(
        "标准化区间上限", max_digits=24, decimal_places=4, null=True, blank=True
    )
    comparator = models.CharField(
        "比较", max_length=16, choices=Comparator, blank=True, default=Comparator.AT_LEAST
    )
    phrase = models.CharField("定性表述", max_length=100, blank=True)
    kind = models.CharField("类型", max_length=16, choices=TargetKind, default=TargetKind.LEVEL)
    raw_text = models.CharField("原文", max_length=500)
    position = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        ordering = ("task", "position")
        verbose_name = "量化指标"
        verbose_name_plural = "量化指标"

    def __str__(self) -> str:
        return self.raw_text


class DatePrecision(models.TextChoices):
    DAY = "day", "日"
    MONTH = "month", "月"
    QUARTER = "quarter", "季度"
    HALF_YEAR = "half", "半年"
    YEAR = "year", "年"


class Milestone(models.Model):
    """A dated step: 6月底前完成招标 → due 06-30 (month precision)."""

    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="milestones"
    )
    due_date = models.DateField("截止日期", null=True, blank=True)
    precision = models.CharField(
        "日期精度", max_length=16, choices=DatePrecision, blank=True, default=DatePrecision.DAY
    )
    ongoing = models.BooleanField("持续性工作", default=False)
    raw_phrase = models.CharField("时间原文", max_length=100)
    text = models.CharField("节点内容", max_length=500, blank=True)
    position = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        ordering = ("task", "due_date", "position")
        verbose_name = "时间节点"
        verbose_name_plural = "时间节点"

    def __str__(self) -> str:
        return f"{self.raw_phrase} {self.text}"


# --- import preview -----------------------------------------------------------------------


class BatchStatus(models.TextChoices):
    PREVIEW = "preview", "待确认"
    CONFIRMED = "confirmed", "已导入"
    DISCARDED = "discarded", "已放弃"


class ImportBatch(BaseModel):
    status = models.CharField(
        "状态", max_length=16, choices=BatchStatus, default=BatchStatus.PREVIEW
    )
    # the importing office's government; the document it confirms into is that one's (``accounts.permissions``)
    owner = models.ForeignKey(
        "orgs.Government",
        verbose_name="所属政府",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(
        "文件类别", max_length=16, choices=DocumentKind, default=DocumentKind.DECOMPOSITION
    )
    filename = models.CharField("文件名", max_length=300)
    file = models.FileField("上传文件", upload_to="imports/%Y/%m/", max_length=300)
    sha256 = models.CharField("校验码（SHA-256）", max_length=64, db_index=True)
    size = models.PositiveIntegerField("大小（字节）", default=0)
    document_info = models.JSONField("文件信息", default=dict)
    issues = models.JSONField("文件级提示", default=list, blank=True)
    duplicate_of = models.ForeignKey(
        SourceDocument,
        verbose_name="与之重复的文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revision_of = models.ForeignKey(
        SourceDocument,
        verbose_name="所修订的文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    match_reason = models.CharField("与已导入文件的对应依据", max_length=200, blank=True)
    document = models.ForeignKey(
        SourceDocument,
        verbose_name="导入结果",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="batches",
    )
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
        verbose_name = "导入批次"
        verbose_name_plural = "导入批次"

    def __str__(self) -> str:
        return f"{self.filename}（{self.get_status_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("plans:import-preview", args=[self.pk])


class RowState(models.TextChoices):
    NEW = "new", "新增"
    WARNING = "warning", "需注意"
    ERROR = "error", "错误"


class RowChange(models.TextChoices):
    NONE = "", "—"
    ADDED = "added", "新增任务"
    CHANGED = "changed", "有修改"
    UNCHANGED = "unchanged", "无变化"
    REMOVED = "removed", "修订稿中已删除"


class ImportRow(models.Model):
    batch = models.ForeignKey(
        ImportBatch, verbose_name="导入批次", on_delete=models.CASCADE, related_name="rows"
    )
    position = models.PositiveIntegerField("顺序")
    list_title = models.CharField("清单", max_length=300, blank=True)
    number = models.PositiveIntegerField("序号", null=True, blank=True)
    data = models.JSONField("解析数据", default=dict)
    state = models.CharField("状态", max_length=16, choices=RowState, default=RowState.NEW)
    messages = models.JSONField("提示", default=list, blank=True)
    change = models.CharField(
        "修订比对", max_length=16, choices=RowChange, default=RowChange.NONE, blank=True
    )
    previous_task = models.ForeignKey(
        Task,
        verbose_name="对应的原任务",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    similarity = models.FloatField("文本相似度", null=True, blank=True)
    # the previous task's fields the 督查室 edited in the app, at preview time:
    # {"fields": ["任务内容", …], "text": the task's text now} (``plans.appedits``); on a
    # changed row that is a 修订冲突 the office settles at confirm
    app_edit = models.JSONField("系统中的修改", default=dict, blank=True)

    class Meta:
        ordering = ("batch", "position")
        verbose_name = "导入行"
        verbose_name_plural = "导入行"

    def __str__(self) -> str:
        return f"{self.list_title} {self.number}"

    @property
    def conflict(self) -> bool:
        """修订冲突: the notice changed a task that was also edited in the app."""
        return self.change == RowChange.CHANGED and bool(self.app_edit)


class NameKind(models.TextChoices):
    UNIT = "unit", "单位"
    COLLECTIVE = "collective", "集合单位"
    LEADER = "leader", "领导"


class NameAction(models.TextChoices):
    USE = "use", "使用目录中的单位"
    CREATE = "create", "新建"
    ALIAS_OF = "alias_of", "作为本批另一名称的别名"


class ImportName(models.Model):
    """One distinct name in a batch and how it will be resolved on confirm."""

    batch = models.ForeignKey(
        ImportBatch, verbose_name="导入批次", on_delete=models.CASCADE, related_name="names"
    )
    kind = models.CharField("类别", max_length=16, choices=NameKind)
    name = models.CharField("名称", max_length=200)
    match = models.CharField("匹配方式", max_length=32, blank=True)
    suggestions = models.JSONField("相似单位", default=list, blank=True)
    action = models.CharField("处理", max_length=16, choices=NameAction)
    unit = models.ForeignKey(
        OrgUnit, verbose_name="单位", null=True, blank=True, on_delete=models.SET_NULL
    )
    alias_of = models.CharField("别名所属", max_length=200, blank=True)
    count = models.PositiveIntegerField("出现次数", default=0)

    class Meta:
        ordering = ("batch", "kind", "name")
        constraints = (
            models.UniqueConstraint(fields=["batch", "kind", "name"], name="unique_batch_name"),
        )
        verbose_name = "导入名称"
        verbose_name_plural = "导入名称"

    def __str__(self) -> str:
        return self.name


# An execution report's or bulletin's actuals in preview (its own module; registered here).
from duban.plans.actualmodels import ActualImport, ActualRow  # noqa: E402, F401
