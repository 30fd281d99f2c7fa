"""签收 per unit: every unit that must sign a task signs its own (``UnitSignature``). The old
per-task 签收 (``TaskTracking.acknowledged_at/by``) was the reporting unit's: it is carried
to that unit — its first 牵头单位, else its first 责任单位, the rule of
``standing.loading.reporting_units`` — before the two columns go (next migration: PostgreSQL alters no table with pending trigger
events of this one's rows). Every task gets its tracking
row, dated when the task was made: the 交办 day all its units' 签收 deadlines count from, which
the first unit's 签收 must no longer move (a row used to be made on first touch)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


RANK = {"lead": 0, "responsible": 1}


def _reporting_units(TaskUnit, task_ids):
    best = {}
    rows = TaskUnit.objects.filter(task_id__in=task_ids, role__in=list(RANK)).values_list(
        "task_id", "unit_id", "role", "position", "id"
    )
    for task_id, unit_id, role, position, pk in rows.order_by():
        key = (RANK[role], position, pk)
        if task_id not in best or key < best[task_id][0]:
            best[task_id] = (key, unit_id)
    return {task_id: value[1] for task_id, value in best.items()}


def carry_signatures(apps, schema_editor):
    TaskTracking = apps.get_model("progress", "TaskTracking")
    TaskUnit = apps.get_model("plans", "TaskUnit")
    UnitSignature = apps.get_model("progress", "UnitSignature")
    signed = list(
        TaskTracking.objects.filter(acknowledged_at__isnull=False).values_list(
            "task_id", "acknowledged_at", "acknowledged_by_id"
        )
    )
    for start in range(0, len(signed), 500):
        chunk = signed[start : start + 500]
        units = _reporting_units(TaskUnit, [task_id for task_id, _, _ in chunk])
        UnitSignature.objects.bulk_create(
            UnitSignature(
                task_id=task_id, unit_id=units[task_id], signed_at=at, signed_by_id=by, via="sign"
            )
            for task_id, at, by in chunk
            if task_id in units
        )


def date_handovers(apps, schema_editor):
    Task = apps.get_model("plans", "Task")
    TaskTracking = apps.get_model("progress", "TaskTracking")
    missing = Task.objects.filter(tracking__isnull=True).values_list("pk", "created_at")
    for pk, created in missing.iterator():
        tracking = TaskTracking.objects.create(task_id=pk, state="assigned")
        TaskTracking.objects.filter(pk=tracking.pk).update(created_at=created)


def signatures_back(apps, schema_editor):
    """Reverse: the reporting unit's signature becomes the task's again."""
    TaskTracking = apps.get_model("progress", "TaskTracking")
    TaskUnit = apps.get_model("plans", "TaskUnit")
    UnitSignature = apps.get_model("progress", "UnitSignature")
    rows = list(UnitSignature.objects.values_list("task_id", "unit_id", "signed_at", "signed_by_id"))
    units = _reporting_units(TaskUnit, sorted({row[0] for row in rows}))
    for task_id, unit_id, at, by in rows:
        if units.get(task_id) == unit_id:
            TaskTracking.objects.filter(task_id=task_id).update(
                acknowledged_at=at, acknowledged_by_id=by
            )


class Migration(migrations.Migration):

    dependencies = [
        ('orgs', '0003_chinese_labels'),
        ('plans', '0009_task_source'),
        ('progress', '0011_standing_order_leaders'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='UnitSignature',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('signed_at', models.DateTimeField(verbose_name='签收时间')),
                ('via', models.CharField(choices=[('sign', '签收'), ('report', '报送视同签收')], default='sign', max_length=16, verbose_name='方式')),
                ('signed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='签收人')),
                ('task', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='signatures', to='plans.task', verbose_name='任务')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.orgunit', verbose_name='签收单位')),
            ],
            options={
                'verbose_name': '单位签收',
                'verbose_name_plural': '单位签收',
                'ordering': ('task', 'signed_at'),
                'constraints': [models.UniqueConstraint(fields=('task', 'unit'), name='unique_unit_signature')],
            },
        ),
        migrations.RunPython(carry_signatures, signatures_back),
        migrations.RunPython(date_handovers, migrations.RunPython.noop),
    ]
