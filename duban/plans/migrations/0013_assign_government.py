"""Every existing row goes to one government, so an installation keeps working as it was.

If the installation holds data, one Government is created: named after the documents'
issuing government when they all agree (郑州市管城回族区人民政府办公室 → 郑州市管城回族区人民政府),
else 本级人民政府. Documents, units, leaders, non-superuser accounts, import previews, draft
decompositions, actuals imports, robots and scoring weights are assigned to it.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

from duban.orgs.models import DEFAULT_GOVERNMENT_NAME, short_name_of
from duban.orgs.naming import government_of

OWNED = (
    ("plans", "ImportBatch", "owner"),
    ("plans", "ActualImport", "owner"),
    ("drafts", "ReportDraft", "owner"),
    ("messaging", "Robot", "owner"),
    ("supervision", "ScoringScheme", "owner"),
)


def _name(issuers: list[str]) -> tuple[str, str]:
    named = {government_of(i) for i in issuers}
    if len(named) == 1 and None not in named:
        full, level = named.pop()  # type: ignore[misc]
        return full, level
    return DEFAULT_GOVERNMENT_NAME, "other"


def assign(apps: Any, schema_editor: Any) -> None:
    Government = apps.get_model("orgs", "Government")
    Document = apps.get_model("plans", "SourceDocument")
    OrgUnit = apps.get_model("orgs", "OrgUnit")
    Leader = apps.get_model("orgs", "Leader")
    User = apps.get_model("accounts", "User")
    users = User.objects.filter(is_superuser=False).exclude(role="admin")
    if not (Document.objects.exists() or OrgUnit.objects.exists() or users.exists()):
        return
    government = Government.objects.first()
    if government is None:
        full, level = _name(list(Document.objects.values_list("issuer", flat=True)))
        government = Government.objects.create(
            name=full, short_name=short_name_of(full), level=level
        )
    Document.objects.filter(government__isnull=True).update(government=government)
    OrgUnit.objects.filter(government__isnull=True).update(government=government)
    Leader.objects.filter(government__isnull=True).update(government=government)
    users.filter(government__isnull=True).update(government=government)
    for app, model, field in OWNED:
        apps.get_model(app, model).objects.filter(**{f"{field}__isnull": True}).update(
            **{field: government}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0012_government"),
        ("accounts", "0005_government"),
        ("drafts", "0002_government"),
        ("messaging", "0003_government"),
        ("supervision", "0003_government"),
    ]

    operations = [migrations.RunPython(assign, migrations.RunPython.noop)]
