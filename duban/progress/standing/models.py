"""The materialised read model: spans of constant task state, and trend tallies.

Derived data only: every row can be rebuilt from the facts (``refresh.rebuild_document``),
and services rewrite a task's rows in the same transaction as the facts they change, so a
figure read from here is the figure of the facts — on every page, export, API and reminder.
"""

from __future__ import annotations

from django.db import models

# What the counts and lists of a day read: carried in the day indexes, so that counting the
# day's spans, excluding the reported tasks and sorting them in the notice's order read the
# index alone (a day's spans are spread over the whole table, one task's spans together).
COUNTED = (
    "colour", "schedule", "section", "reporting_unit", "leaders", "task", "list_position",
    "number",
)  # fmt: skip


class TaskStanding(models.Model):
    """A task's state from ``valid_from`` up to (not including) ``valid_to``.

    Spans are cut at month starts and filed under a month ``bucket`` so that the states of a
    whole document on one day are one index range (``document, bucket, valid_from``).
    ``section`` (the top-level section) and ``reporting_unit`` are copied from the task so that
    the counts by section and unit need no join; so are the notice's order (``list_position``,
    ``number``: the lists' sort) and the task's leader links (``leaders``, see
    ``leader_key``), so that the first rows of a list and the counts per leader read the spans
    alone. The same refresh that rewrites a task's spans after any change to it rewrites these.
    """

    task = models.ForeignKey(
        "plans.Task", verbose_name="任务", on_delete=models.CASCADE, related_name="standings"
    )
    document = models.ForeignKey(
        "plans.SourceDocument", verbose_name="任务文件", on_delete=models.CASCADE, related_name="+"
    )
    bucket = models.IntegerField("月份桶")
    valid_from = models.DateField("起")
    valid_to = models.DateField("止（不含）")
    colour = models.CharField("灯", max_length=8)
    schedule = models.CharField("进度状态", max_length=12)
    reported = models.CharField("报送状态", max_length=16)
    evidence = models.CharField("审核状态", max_length=12)
    missed = models.PositiveSmallIntegerField("连续未报期数", default=0)
    completion = models.FloatField("完成度", null=True)
    deadline = models.DateField("有效完成时限", null=True)
    closed_on = models.DateField("销号日期", null=True)
    targets_measured = models.PositiveSmallIntegerField("可计算指标数", default=0)
    targets_met = models.PositiveSmallIntegerField("达标指标数", default=0)
    reports_submitted = models.PositiveSmallIntegerField("已报送期数", default=0)
    reports_returned = models.PositiveSmallIntegerField("被退回期数", default=0)
    latest_report = models.ForeignKey(
        "progress.ProgressReport",
        verbose_name="最新进展报告",
        null=True,
        on_delete=models.SET_NULL,
        db_constraint=False,
        related_name="+",
    )
    section = models.ForeignKey(
        "plans.Section",
        verbose_name="章节",
        null=True,
        on_delete=models.SET_NULL,
        db_constraint=False,
        related_name="+",
    )
    reporting_unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name="报送单位",
        null=True,
        on_delete=models.SET_NULL,
        db_constraint=False,
        related_name="+",
    )
    list_position = models.PositiveIntegerField("清单顺序", default=0)
    number = models.PositiveIntegerField("序号", default=0)
    leaders = models.TextField("责任领导（职务与原文姓名）", blank=True, default="")

    class Meta:
        indexes = (
            # A day's spans are one range of either index (the planner takes the shorter:
            # those begun by the day early in a month, those not ended by it late in a month
            # or after the year), and its counts are read from the index alone.
            models.Index(
                fields=["document", "bucket", "valid_from"],
                name="standing_by_day",
                include=[*COUNTED, "valid_to"],
            ),
            models.Index(
                fields=["document", "bucket", "valid_to"],
                name="standing_by_end",
                include=[*COUNTED, "valid_from"],
            ),
            models.Index(fields=["task", "valid_from"], name="standing_by_task"),
            # The first rows of one schedule status in the notice's order (the 看板's lists):
            # read in index order, stopping after a page, instead of sorting the whole day.
            models.Index(
                fields=["document", "bucket", "schedule", "list_position", "number", "task"],
                name="standing_in_order",
            ),
        )
        verbose_name = "任务状态（按日）"
        verbose_name_plural = "任务状态（按日）"

    def __str__(self) -> str:
        return f"任务 {self.task_id} {self.valid_from}–{self.valid_to}：{self.colour}"


class LightTally(models.Model):
    """How many tasks of a document had each light (and met 序时进度) on a period's due date."""

    document = models.ForeignKey(
        "plans.SourceDocument", verbose_name="任务文件", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField("日期")
    colour = models.CharField("灯", max_length=8)
    on_track = models.BooleanField("达到序时进度")
    count = models.IntegerField("任务数", default=0)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["document", "day", "colour", "on_track"], name="unique_light_tally"
            ),
        )
        verbose_name = "灯色统计（按报送期）"
        verbose_name_plural = "灯色统计（按报送期）"

    def __str__(self) -> str:
        return f"{self.day} {self.colour}：{self.count}"
