"""Reporting periods, unit plans, progress reports, evidence, the 督办 workflow and notices.

Baselines are never overwritten: a task's targets and deadline stay as imported, and
adjustments/extensions are dated ``Revision`` rows whose approved latest value applies.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from duban.core.models import BaseModel
from duban.orgs.models import OrgUnit
from duban.plans.models import Milestone, SourceDocument, Target, Task
from duban.progress.workflow import REPORT_STATE_LABELS, TASK_STATE_LABELS

USER = settings.AUTH_USER_MODEL
TASK_STATE_CHOICES = [(str(k), v) for k, v in TASK_STATE_LABELS.items()]
REPORT_STATE_CHOICES = [(str(k), v) for k, v in REPORT_STATE_LABELS.items()]


class PeriodKind(models.TextChoices):
    MONTHLY = "monthly", "月度"
    QUARTERLY = "quarterly", "季度"
    LEDGER = "ledger", "台账"


class ReportingPeriod(BaseModel):
    """One reporting round of a document: what it covers and when it is due (editable)."""

    document = models.ForeignKey(
        SourceDocument, verbose_name="任务文件", on_delete=models.CASCADE, related_name="periods"
    )
    kind = models.CharField("类别", max_length=16, choices=PeriodKind)
    label = models.CharField("名称", max_length=50)
    start = models.DateField("起")
    end = models.DateField("止（截至）")
    due_date = models.DateField("报送截止")

    class Meta:
        ordering = ("document", "due_date", "kind", "start")
        constraints = (
            models.UniqueConstraint(
                fields=["document", "kind", "start"], name="unique_period_per_document"
            ),
        )
        verbose_name = "报送期"
        verbose_name_plural = "报送期"

    def __str__(self) -> str:
        return f"{self.label}（{self.due_date:%m月%d日}前报送）"


class TaskTracking(BaseModel):
    """A task's place in the 督办 workflow (one row per task, created on first touch).

    签收 is not kept here but per unit (``UnitSignature``): the reporting unit's 签收 (or
    first report) moves ``state`` from 已交办 on, the other units' do not."""

    task = models.OneToOneField(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="tracking"
    )
    state = models.CharField(
        "督办状态", max_length=24, choices=TASK_STATE_CHOICES, default="assigned"
    )
    closed_at = models.DateTimeField("销号时间", null=True, blank=True)

    class Meta:
        verbose_name = "督办状态"
        verbose_name_plural = "督办状态"

    def __str__(self) -> str:
        return f"{self.task_id}：{self.get_state_display()}"


class ReviewState(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审核"
    RETURNED = "returned", "已退回"
    APPROVED = "approved", "审核通过"


class UnitPlan(BaseModel):
    """项目化推进计划: how the lead unit will carry out a task; reviewed by the 督查室."""

    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="unit_plans"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    content = models.TextField("推进计划", blank=True)
    overall_target = models.TextField("总体目标", blank=True)
    responsible_person = models.CharField("责任人", max_length=100, blank=True)
    state = models.CharField("状态", max_length=16, choices=ReviewState, default=ReviewState.DRAFT)
    review_note = models.CharField("审核意见", max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        USER,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=1)

    class Meta:
        constraints = (models.UniqueConstraint(fields=["task", "unit"], name="unique_unit_plan"),)
        verbose_name = "项目化推进计划"
        verbose_name_plural = "项目化推进计划"

    def __str__(self) -> str:
        return f"{self.unit} · 任务 {self.task_id}"

    def get_absolute_url(self) -> str:
        return reverse("progress:plan-edit", args=[self.task_id])


class PlanStage(models.Model):
    plan = models.ForeignKey(
        UnitPlan, verbose_name="项目化推进计划", on_delete=models.CASCADE, related_name="stages"
    )
    text = models.CharField("阶段目标", max_length=500)
    due_date = models.DateField("完成时间", null=True, blank=True)
    position = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        ordering = ("plan", "position")
        verbose_name = "阶段目标"
        verbose_name_plural = "阶段目标"

    def __str__(self) -> str:
        return self.text


class ProgressReport(BaseModel):
    """One task's report for one period, written by its lead unit (optimistic ``version``)."""

    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="progress_reports"
    )
    period = models.ForeignKey(
        ReportingPeriod, verbose_name="报送期", on_delete=models.CASCADE, related_name="reports"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name="报送单位", on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        "状态",
        max_length=16,
        choices=REPORT_STATE_CHOICES,
        default="draft",
    )
    progress = models.TextField("进展情况", blank=True)
    stage = models.ForeignKey(
        Milestone,
        verbose_name="已完成至（时间节点）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    stage_text = models.CharField("所处阶段", max_length=300, blank=True)
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
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        USER,
        verbose_name="报送人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_note = models.CharField("审核意见", max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        USER,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)

    class Meta:
        ordering = ("task", "period__due_date")
        constraints = (
            models.UniqueConstraint(fields=["task", "period"], name="unique_report_per_period"),
        )
        # the review queue (待审核) counts and pages the submitted reports: at 100,000 tasks
        # a twentieth of a million rows, which without it meant reading all of them twice
        indexes = (
            models.Index(
                fields=["period", "task"],
                condition=models.Q(state="submitted"),
                name="report_awaiting_review",
            ),
        )
        verbose_name = "进展报告"
        verbose_name_plural = "进展报告"

    def __str__(self) -> str:
        return f"任务 {self.task_id} · {self.period.label}"

    def get_absolute_url(self) -> str:
        return reverse("progress:report-edit", args=[self.task_id, self.period_id])


class ReportActual(models.Model):
    """The cumulative actual value of one target, as of the report's period end."""

    report = models.ForeignKey(
        ProgressReport, verbose_name="进展报告", on_delete=models.CASCADE, related_name="actuals"
    )
    target = models.ForeignKey(
        Target, verbose_name="量化指标", on_delete=models.CASCADE, related_name="actuals"
    )
    value = models.DecimalField("累计完成", max_digits=20, decimal_places=4, null=True, blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["report", "target"], name="unique_report_actual"),
        )
        verbose_name = "指标完成值"
        verbose_name_plural = "指标完成值"

    def __str__(self) -> str:
        return f"{self.target.metric}：{self.value}"


class CompletionRequest(BaseModel):
    """办结申请: the unit claims the task done; the 督查室 approves (销号) or returns it."""

    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="completion_requests"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField("完成情况")
    state = models.CharField(
        "状态", max_length=16, choices=ReviewState, default=ReviewState.SUBMITTED
    )
    requested_by = models.ForeignKey(
        USER,
        verbose_name="申请人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_note = models.CharField("审核意见", max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        USER,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)

    class Meta:
        ordering = ("task", "-created_at")
        verbose_name = "办结申请"
        verbose_name_plural = "办结申请"

    def __str__(self) -> str:
        return f"任务 {self.task_id} 办结申请（{self.get_state_display()}）"


class Evidence(BaseModel):
    """A 佐证 file; stored outside any public URL and served by a permission-checked view."""

    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="evidence"
    )
    report = models.ForeignKey(
        ProgressReport,
        verbose_name="进展报告",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    completion = models.ForeignKey(
        CompletionRequest,
        verbose_name="办结申请",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    part = models.ForeignKey(
        "progress.UnitPart",
        verbose_name="单位分项报送",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField("文件", upload_to="evidence/%Y/%m/", max_length=300)
    filename = models.CharField("文件名", max_length=200)
    content_type = models.CharField("类型", max_length=120)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("校验码（SHA-256）", max_length=64)
    uploaded_by = models.ForeignKey(
        USER,
        verbose_name="上传人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ("task", "created_at")
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("progress:evidence-download", args=[self.pk])


class RevisionKind(models.TextChoices):
    ADJUST = "adjust", "调整目标"
    EXTEND = "extend", "延期"
    EDIT = "edit", "修改任务"  # the 督查室 corrected the task itself (``changes`` says what)


class Revision(BaseModel):
    """A dated adjustment/extension request; the baseline target or deadline is kept as is.

    ``edit`` rows are different: the 督查室 changed the task in the app (text, leaders, units,
    milestones, targets); they are recorded approved at once, with the field changes, so the
    task page lists every change to a task in one dated table.
    """

    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="revisions"
    )
    kind = models.CharField("类别", max_length=16, choices=RevisionKind)
    target = models.ForeignKey(
        Target,
        verbose_name="量化指标",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    new_value = models.DecimalField(
        "调整后目标值", max_digits=20, decimal_places=4, null=True, blank=True
    )
    new_deadline = models.DateField("延期至", null=True, blank=True)
    reason = models.TextField("理由")
    state = models.CharField(
        "状态", max_length=16, choices=ReviewState, default=ReviewState.SUBMITTED
    )
    requested_by = models.ForeignKey(
        USER,
        verbose_name="申请人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_note = models.CharField("审批意见", max_length=500, blank=True)
    decided_by = models.ForeignKey(
        USER,
        verbose_name="审批人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    changes = models.JSONField("修改内容", default=list, blank=True)

    class Meta:
        ordering = ("task", "created_at")
        verbose_name = "调整/延期"
        verbose_name_plural = "调整/延期"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.get_state_display()}）"


class Instruction(BaseModel):
    """领导批示 on a task."""

    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="instructions"
    )
    author = models.ForeignKey(
        USER, verbose_name="录入人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField("批示内容")

    class Meta:
        ordering = ("task", "-created_at")
        verbose_name = "领导批示"
        verbose_name_plural = "领导批示"

    def __str__(self) -> str:
        return self.text[:40]


class NoticeKind(models.TextChoices):
    """What a notice is about. The three chase stages keep ``ChaseStage``'s values."""

    ASSIGN = "assign", "交办"
    REMIND = "remind", "提醒"
    URGE = "urge", "催办"
    SUPERVISE = "supervise", "督办"
    RETURN = "return", "退回"
    INSTRUCTION = "instruction", "批示"


# The notices that count for the chase interval (``reminders_run``): a 退回 or 批示 sent
# yesterday must not hold back today's 催办.
CHASE_KINDS = (NoticeKind.REMIND, NoticeKind.URGE, NoticeKind.SUPERVISE)


class Notification(BaseModel):
    """An in-app notice (also the log that rate-limits chasing)."""

    recipient = models.ForeignKey(
        USER, verbose_name="接收人", on_delete=models.CASCADE, related_name="notifications"
    )
    stage = models.CharField("类别", max_length=16, choices=NoticeKind)
    task = models.ForeignKey(
        Task,
        verbose_name="任务",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容")
    as_of = models.DateField("依据日期")
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    channels = models.CharField("发送渠道", max_length=100, blank=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = (
            models.Index(fields=["recipient", "as_of"]),
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
        )
        verbose_name = "通知"
        verbose_name_plural = "通知"

    def __str__(self) -> str:
        return self.title


class ReportStep(models.Model):
    """One step of a report's review as it happened: 报送, 退回 or 审核通过, with its time.

    The read model answers "as it stood on day d" from these (a report counts from its first
    报送; its review is the last step by then), so a resubmission does not rewrite the past.
    """

    report = models.ForeignKey(
        ProgressReport, verbose_name="进展报告", on_delete=models.CASCADE, related_name="steps"
    )
    task = models.ForeignKey(Task, verbose_name="任务", on_delete=models.CASCADE, related_name="+")
    state = models.CharField("环节", max_length=16, choices=REPORT_STATE_CHOICES)
    at = models.DateTimeField("时间")

    class Meta:
        ordering = ("report", "at", "id")
        indexes = (models.Index(fields=["task", "at"], name="report_step_by_task"),)
        verbose_name = "进展审核环节"
        verbose_name_plural = "进展审核环节"

    def __str__(self) -> str:
        return f"{self.report_id} {self.state} {self.at:%Y-%m-%d}"


# The read model's, the manual chase's and the units' parts' tables live in their own modules;
# importing them registers them here.
from duban.progress.chase_models import ChaseKind, ChaseRecord  # noqa: E402, F401
from duban.progress.parts.models import (  # noqa: E402, F401
    PartState,
    SignedVia,
    UnitPart,
    UnitPartActual,
    UnitSignature,
)
from duban.progress.standing.models import LightTally, TaskStanding  # noqa: E402, F401
