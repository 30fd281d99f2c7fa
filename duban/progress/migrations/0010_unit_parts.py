"""Each unit files its own part (UnitPart); the old Contributions on the lead's report become
parts of the same task, period and unit, 报送 when they were written (a Contribution had no
draft state: the unit had pressed 提交)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def contributions_to_parts(apps, schema_editor):
    Contribution = apps.get_model("progress", "Contribution")
    UnitPart = apps.get_model("progress", "UnitPart")
    rows = Contribution.objects.select_related("report").order_by("pk")
    parts = [
        UnitPart(
            task_id=c.report.task_id,
            period_id=c.report.period_id,
            unit_id=c.unit_id,
            state="submitted",
            progress=c.text,
            version=1,
            updated_by_id=c.author_id,
            submitted_at=c.updated_at,
            submitted_by_id=c.author_id,
        )
        for c in rows.iterator()
        if c.unit_id != c.report.unit_id  # the lead's own text is its report
    ]
    UnitPart.objects.bulk_create(parts, batch_size=1000)


def parts_to_contributions(apps, schema_editor):
    """Back: a filed part on a period that has a report becomes its Contribution again."""
    Contribution = apps.get_model("progress", "Contribution")
    ProgressReport = apps.get_model("progress", "ProgressReport")
    UnitPart = apps.get_model("progress", "UnitPart")
    reports = {(r.task_id, r.period_id): r.pk for r in ProgressReport.objects.all()}
    rows = []
    for part in UnitPart.objects.filter(submitted_at__isnull=False).iterator():
        report = reports.get((part.task_id, part.period_id))
        if report is not None:
            rows.append(
                Contribution(
                    report_id=report,
                    unit_id=part.unit_id,
                    text=part.progress,
                    author_id=part.submitted_by_id,
                )
            )
    Contribution.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0003_chinese_labels"),
        ("plans", "0009_task_source"),
        ("progress", "0009_chase_records"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="UnitPart",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="创建时间"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                (
                    "state",
                    models.CharField(
                        choices=[("draft", "草稿"), ("submitted", "已报送")],
                        default="draft",
                        max_length=16,
                        verbose_name="状态",
                    ),
                ),
                ("progress", models.TextField(blank=True, verbose_name="本单位进展情况")),
                ("problems", models.TextField(blank=True, verbose_name="存在问题")),
                ("next_steps", models.TextField(blank=True, verbose_name="下步计划")),
                ("version", models.PositiveIntegerField(default=1, verbose_name="版本")),
                (
                    "submitted_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="首次报送时间"),
                ),
                (
                    "period",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="unit_parts",
                        to="progress.reportingperiod",
                        verbose_name="报送期",
                    ),
                ),
                (
                    "submitted_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="报送人",
                    ),
                ),
                (
                    "task",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="unit_parts",
                        to="plans.task",
                        verbose_name="任务",
                    ),
                ),
                (
                    "unit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="orgs.orgunit",
                        verbose_name="报送单位",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="最后修改人",
                    ),
                ),
            ],
            options={
                "verbose_name": "单位分项报送",
                "verbose_name_plural": "单位分项报送",
                "ordering": ("task", "period", "unit__name"),
            },
        ),
        migrations.AddField(
            model_name="evidence",
            name="part",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="evidence",
                to="progress.unitpart",
                verbose_name="单位分项报送",
            ),
        ),
        migrations.CreateModel(
            name="UnitPartActual",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "value",
                    models.DecimalField(
                        blank=True,
                        decimal_places=4,
                        max_digits=20,
                        null=True,
                        verbose_name="本单位累计完成",
                    ),
                ),
                (
                    "part",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="actuals",
                        to="progress.unitpart",
                        verbose_name="分项报送",
                    ),
                ),
                (
                    "target",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="plans.target",
                        verbose_name="指标",
                    ),
                ),
            ],
            options={
                "verbose_name": "分项指标完成值",
                "verbose_name_plural": "分项指标完成值",
            },
        ),
        migrations.AddIndex(
            model_name="unitpart",
            index=models.Index(fields=["period", "unit"], name="unit_part_by_period"),
        ),
        migrations.AddConstraint(
            model_name="unitpart",
            constraint=models.UniqueConstraint(
                fields=("task", "period", "unit"), name="unique_unit_part"
            ),
        ),
        migrations.AddConstraint(
            model_name="unitpartactual",
            constraint=models.UniqueConstraint(
                fields=("part", "target"), name="unique_unit_part_actual"
            ),
        ),
        migrations.RunPython(contributions_to_parts, parts_to_contributions),
        migrations.DeleteModel(
            name="Contribution",
        ),
    ]
