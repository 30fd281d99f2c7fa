"""Django permissions as the 后台 lists them: 单位与领导 | 单位 | 可修改, not "Can change org unit".

A permission's ``name`` is written once, in English, when ``migrate`` creates it ("Can add
log entry", "Can change Failed task"); the group and user forms list those names. The
admin lists them from the model's Chinese ``verbose_name`` and the action instead; a
permission that is not one of a model's four default ones keeps its own name.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import Permission

ACTIONS = {"add": "可增加", "change": "可修改", "delete": "可删除", "view": "可查看"}


def permission_label(permission: Permission) -> str:
    """应用 | 模型 | 可增加 / 可修改 / 可删除 / 可查看 (a custom permission: its own name)."""
    model = permission.content_type.model_class()
    action = permission.codename.partition("_")[0]
    default = model is not None and permission.codename == f"{action}_{model._meta.model_name}"
    if model is None or not default or action not in ACTIONS:
        return f"{permission.content_type} | {permission.name}"
    meta = model._meta
    return f"{meta.app_config.verbose_name} | {meta.verbose_name} | {ACTIONS[action]}"


class PermissionChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return permission_label(obj)


class ChinesePermissionsMixin:
    """For a ModelAdmin with a ``permissions`` / ``user_permissions`` many-to-many field."""

    def formfield_for_manytomany(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if db_field.related_model is Permission:
            kwargs["form_class"] = PermissionChoiceField
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]
