"""Field values of a model instance as JSON, and the difference between two such snapshots.

Used by the admin audit (``duban.audit.adminaudit``): every add / change / delete made in the
Django admin is recorded with the before and after values of the fields it changed. Secrets
(password hashes, API token keys) are compared but never written out; automatic timestamps
are left out, since they change on every save and say nothing.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.fields.files import FieldFile

SECRET_FIELDS = frozenset({"password", "key", "token", "secret"})
HIDDEN = "（已隐藏）"
SHOWN_CHARS = 500  # per value in the readable ``changes`` list; before/after keep everything


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):  # whole seconds: an admin form posts no fractions
        return value.isoformat(timespec="seconds")
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, bytes | memoryview):
        return f"<{len(value)} 字节>"
    if isinstance(value, models.Model):
        return value.pk
    try:
        return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))
    except (TypeError, ValueError):
        return str(value)


def _skipped(field: Any) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The stored values of ``obj``'s own fields (foreign keys as ids, many-to-many as id lists)."""
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if not _skipped(field):
            values[field.name] = _jsonable(field.value_from_object(obj))
    if obj.pk is not None:
        for m2m in obj._meta.many_to_many:
            values[m2m.name] = sorted(getattr(obj, m2m.name).values_list("pk", flat=True))
    return values


def stored_snapshot(obj: models.Model) -> dict[str, Any]:
    """The snapshot of ``obj`` as the database holds it now (empty when it is not stored)."""
    if obj.pk is None:
        return {}
    fresh = type(obj)._base_manager.filter(pk=obj.pk).first()
    return snapshot(fresh) if fresh is not None else {}


def _hide(name: str, value: Any) -> Any:
    return HIDDEN if name in SECRET_FIELDS and value not in (None, "") else value


def difference(
    before: dict[str, Any], after: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields whose values differ: (their old values, their new values), secrets hidden."""
    names = [n for n in {**before, **after} if before.get(n) != after.get(n)]
    return (
        {n: _hide(n, before.get(n)) for n in names if n in before},
        {n: _hide(n, after.get(n)) for n in names if n in after},
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def readable_changes(
    model: type[models.Model], before: dict[str, Any], after: dict[str, Any]
) -> list[dict[str, str]]:
    """``[{"field": 中文名, "before": …, "after": …}]``, the shape the task history shows."""
    rows = []
    for name in dict.fromkeys([*before, *after]):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a name that is no field: shown as it is
            field = None
        label = str(getattr(field, "verbose_name", name))
        rows.append(
            {"field": label, "before": _text(before.get(name)), "after": _text(after.get(name))}
        )
    return rows
