"""The spans carry the notice's order and the task's leader links (the lists and the counts per
leader read the spans alone), and a second day index (by the span's end). The spans are
derived data: the old ones are dropped here with their tallies, and ``progress``'s
post_migrate hook (``refresh.build_missing``) rebuilds every document from the facts with the
current code."""

from django.db import migrations, models


def drop_read_model(apps, schema_editor):
    apps.get_model("progress", "TaskStanding").objects.all().delete()
    apps.get_model("progress", "LightTally").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0003_chinese_labels"),
        ("plans", "0009_task_source"),
        ("progress", "0010_unit_parts"),
    ]

    operations = [
        migrations.RunPython(drop_read_model, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name="taskstanding",
            name="standing_by_day",
        ),
        migrations.AddField(
            model_name="taskstanding",
            name="leaders",
            field=models.TextField(
                blank=True, default="", verbose_name="责任领导（职务与原文姓名）"
            ),
        ),
        migrations.AddField(
            model_name="taskstanding",
            name="list_position",
            field=models.PositiveIntegerField(default=0, verbose_name="清单顺序"),
        ),
        migrations.AddField(
            model_name="taskstanding",
            name="number",
            field=models.PositiveIntegerField(default=0, verbose_name="序号"),
        ),
        migrations.AddIndex(
            model_name="taskstanding",
            index=models.Index(
                fields=["document", "bucket", "valid_from"],
                include=(
                    "colour",
                    "schedule",
                    "section",
                    "reporting_unit",
                    "leaders",
                    "task",
                    "list_position",
                    "number",
                    "valid_to",
                ),
                name="standing_by_day",
            ),
        ),
        migrations.AddIndex(
            model_name="taskstanding",
            index=models.Index(
                fields=["document", "bucket", "valid_to"],
                include=(
                    "colour",
                    "schedule",
                    "section",
                    "reporting_unit",
                    "leaders",
                    "task",
                    "list_position",
                    "number",
                    "valid_from",
                ),
                name="standing_by_end",
            ),
        ),
        migrations.AddIndex(
            model_name="taskstanding",
            index=models.Index(
                fields=["document", "bucket", "schedule", "list_position", "number", "task"],
                name="standing_in_order",
            ),
        ),
    ]
