"""What a backup holds from the database, shared by ``duban backup`` and ``duban restore``.

Every table of every installed model is backed up, including the automatically created
many-to-many tables (``accounts.user_groups``), which are dumped as tables of their own so
that each member of the archive is one flat table. Only tables that are not models stay
out: ``django_migrations`` (recorded in the manifest instead) and the database cache.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

# Rows ``migrate`` writes by itself (post_migrate), and the schedules ``duban worker`` creates
# on start: an installation holding only these is empty.
CREATED_BY_MIGRATE = frozenset({"contenttypes.contenttype", "auth.permission", "django_q.schedule"})


def backup_models(using: str) -> list[type[models.Model]]:
    """The models whose tables exist, referenced tables first (ties and cycles by label)."""
    existing = set(connections[using].introspection.table_names())
    chosen = {
        model._meta.label_lower: model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and not model._meta.swapped
        and model._meta.db_table in existing
    }
    return [chosen[label] for label in _dependency_order(chosen)]


def _dependency_order(chosen: dict[str, type[models.Model]]) -> list[str]:
    """Kahn's sort on foreign keys, so that rows load in an order any database accepts."""
    needs: dict[str, set[str]] = {}
    for label, model in chosen.items():
        targets = {
            _label(field.related_model)
            for field in model._meta.local_concrete_fields
            if field.is_relation and isinstance(field.related_model, type)
        }
        needs[label] = (targets & chosen.keys()) - {label}
    order: list[str] = []
    while needs:
        ready = sorted(label for label, deps in needs.items() if not deps) or [min(needs)]
        for label in ready:
            order.append(label)
            del needs[label]
        for deps in needs.values():
            deps.difference_update(ready)
    return order


def _label(model: type[models.Model]) -> str:
    concrete = model._meta.concrete_model or model
    return concrete._meta.label_lower


def applied_migrations(using: str) -> tuple[str, ...]:
    recorder = MigrationRecorder(connections[using])
    return tuple(sorted(f"{app}.{name}" for app, name in recorder.applied_migrations()))


def pending_migrations(using: str) -> list[str]:
    """Migrations of the installed code that the database has not applied yet."""
    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def serialized_fields(model: type[models.Model]) -> list[str]:
    """The fields written per row: local columns (many-to-many rows are their own tables)."""
    return [field.name for field in model._meta.local_fields if getattr(field, "serialize", True)]


def file_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.local_fields if isinstance(f, models.FileField)]


class LosslessEncoder(DjangoJSONEncoder):
    """Django's encoder keeps only milliseconds of a datetime or time; a backup keeps all."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def encode_row(row: dict[str, Any]) -> bytes:
    text = json.dumps(row, cls=LosslessEncoder, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8") + b"\n"
