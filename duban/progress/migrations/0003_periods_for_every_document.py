"""Give every document its reporting periods now (they used to be made when a page was read).

From this version on periods are generated at import confirm; documents imported before
may have none until someone opened one of their task pages. Generated here from the same
pure rules, so the late list, reminders and the dashboard see them on a fresh upgrade.
"""

from datetime import date

from django.db import migrations

from duban.progress.periodrules import ScheduleSpec, build_periods


def _spec(schedule):
    if schedule is None:
        return ScheduleSpec()
    return ScheduleSpec(
        monthly_day=schedule.monthly_day,
        monthly_start_month=schedule.monthly_start_month,
        monthly_covers_previous=schedule.monthly_covers_previous,
        quarterly_day=schedule.quarterly_day,
        quarterly_covers_previous=schedule.quarterly_covers_previous,
        ledger_dates=tuple(date.fromisoformat(d) for d in schedule.ledger_dates),
    )


def generate(apps, schema_editor):
    SourceDocument = apps.get_model("plans", "SourceDocument")
    ReportingSchedule = apps.get_model("plans", "ReportingSchedule")
    ReportingPeriod = apps.get_model("progress", "ReportingPeriod")
    for document in SourceDocument.objects.filter(periods__isnull=True):
        schedule = ReportingSchedule.objects.filter(document=document).first()
        year = document.year or (document.issued_on or document.created_at).year
        specs = build_periods(_spec(schedule), year=year, issued_on=document.issued_on)
        ReportingPeriod.objects.bulk_create(
            ReportingPeriod(
                document=document,
                kind=s.kind,
                label=s.label,
                start=s.start,
                end=s.end,
                due_date=s.due,
            )
            for s in specs
        )


class Migration(migrations.Migration):
    dependencies = [
        ("progress", "0002_notification_unread_index"),
        ("plans", "0004_task_flags"),
    ]

    operations = [migrations.RunPython(generate, migrations.RunPython.noop)]
