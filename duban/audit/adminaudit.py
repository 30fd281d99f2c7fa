"""Every write made through the Django admin leaves an AuditEvent, for every registered model.

``AuditedAdminMixin`` is mixed into each ModelAdmin by ``AuditedAdminSite.register``, so no
app's admin has to remember it. It records, inside the admin's own transaction:

* ``admin.add`` / ``admin.change`` / ``admin.delete`` for the edited object — from the admin's
  ``log_addition`` / ``log_change`` (called after the object, its many-to-many fields and its
  inlines are saved; the password form calls ``log_change`` too) and from ``delete_model`` /
  ``delete_queryset`` (the delete page and the bulk delete action);
* the same three actions for each inline row added, changed or deleted (``save_formset``).

``data`` holds ``before`` and ``after`` (the changed fields' values as JSON), ``changes`` (the
same, readable, for the task history) and ``task`` when the object is a task or belongs to one.
The values before an edit are read from the database when the admin loads the object.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.http import HttpRequest

from duban.audit.services import audit_record
from duban.audit.snapshots import difference, readable_changes, snapshot, stored_snapshot

VERBS = {"add": "新增", "change": "修改", "delete": "删除"}
STASH = "_duban_admin_before"


def _key(obj: models.Model) -> tuple[str, str]:
    return (obj._meta.label_lower, str(obj.pk))


def _stash(request: HttpRequest) -> dict[tuple[str, str], dict[str, Any]]:
    stash: dict[tuple[str, str], dict[str, Any]] | None = getattr(request, STASH, None)
    if stash is None:
        stash = {}
        setattr(request, STASH, stash)
    return stash


def _task_id(obj: models.Model) -> Any:
    if obj._meta.label_lower == "plans.task":
        return obj.pk
    return getattr(obj, "task_id", None)


def record_admin_write(
    request: HttpRequest,
    obj: models.Model,
    verb: str,
    before: dict[str, Any],
    after: dict[str, Any],
) -> None:
    """One ``admin.<verb>`` event for ``obj`` with the fields that differ between the snapshots."""
    old, new = difference(before, after)
    if verb == "change" and not (old or new):
        return  # saved without a change: nothing happened to record
    data: dict[str, Any] = {
        "via": "admin",
        "before": old,
        "after": new,
        "changes": readable_changes(type(obj), old, new),
    }
    task = _task_id(obj)
    if task is not None:
        data["task"] = task
    audit_record(
        actor=request.user,
        action=f"admin.{verb}",
        target=obj,
        summary=f"后台{VERBS[verb]}{obj._meta.verbose_name}：{obj}",
        data=data,
    )


class AuditedAdminMixin:
    """ModelAdmin hooks that audit each add / change / delete (see the module docstring)."""

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        obj = super().get_object(request, object_id, from_field)  # type: ignore[misc]
        if obj is not None:
            _stash(request)[_key(obj)] = snapshot(obj)
        return obj

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:  # list_editable saves without get_object: read the stored values here
            _stash(request).setdefault(_key(obj), stored_snapshot(obj))
        super().save_model(request, obj, form, change)  # type: ignore[misc]

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        record_admin_write(request, obj, "add", {}, stored_snapshot(obj))
        return super().log_addition(request, obj, message)  # type: ignore[misc]

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        before = _stash(request).pop(_key(obj), None)
        record_admin_write(request, obj, "change", before or {}, stored_snapshot(obj))
        return super().log_change(request, obj, message)  # type: ignore[misc]

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            record_admin_write(request, obj, "delete", stored_snapshot(obj), {})
            super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic():
            for obj in queryset:
                record_admin_write(request, obj, "delete", snapshot(obj), {})
            super().delete_queryset(request, queryset)  # type: ignore[misc]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        before = {id(f.instance): stored_snapshot(f.instance) for f in formset.initial_forms}
        for inline in formset.deleted_forms:  # recorded while they still have their ids
            if inline.instance.pk is not None:
                record_admin_write(
                    request, inline.instance, "delete", before[id(inline.instance)], {}
                )
        super().save_formset(request, form, formset, change)  # type: ignore[misc]
        for obj in formset.new_objects:
            record_admin_write(request, obj, "add", {}, stored_snapshot(obj))
        for obj, _fields in formset.changed_objects:
            record_admin_write(
                request, obj, "change", before.get(id(obj), {}), stored_snapshot(obj)
            )
