"""Record the review steps of existing reports: from the audit trail where the services wrote
one (报送 / 退回 / 审核通过, with their times), else from the report's own fields."""

from collections import defaultdict

from django.db import migrations

ACTIONS = {"report.submit": "submitted", "report.return": "returned", "report.approve": "approved"}


def backfill(apps, schema_editor):
    ProgressReport = apps.get_model("progress", "ProgressReport")
    ReportStep = apps.get_model("progress", "ReportStep")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    audited = defaultdict(list)
    events = AuditEvent.objects.filter(
        object_type="progress.progressreport", action__in=list(ACTIONS)
    ).values_list("object_id", "action", "created_at")
    for object_id, action, at in events.iterator():
        if object_id.isdigit():
            audited[int(object_id)].append((at, ACTIONS[action]))
    steps = []
    for report in ProgressReport.objects.filter(submitted_at__isnull=False).iterator():
        history = sorted(audited.get(report.pk, []))
        if not any(state == "submitted" for _, state in history):
            history = [(report.submitted_at, "submitted")]
            if report.state in ("returned", "approved") and report.reviewed_at is not None:
                history.append((max(report.reviewed_at, report.submitted_at), report.state))
        steps += [
            ReportStep(report_id=report.pk, task_id=report.task_id, state=state, at=at)
            for at, state in history
        ]
    ReportStep.objects.bulk_create(steps, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("progress", "0004_read_model"), ("audit", "0001_initial")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
