"""Forms: ledger filters, document upload, name mapping."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from duban.core import params
from duban.orgs.models import OrgUnit
from duban.plans.models import DocumentKind, NameAction, UnitRole
from duban.plans.selectors import TaskFilters


def _id_field(label: str) -> forms.IntegerField:
    """A filter by id: bounded, so a huge number is a form error, not a database overflow."""
    return forms.IntegerField(required=False, label=label, min_value=1, max_value=params.ID_MAX)


class TaskFilterForm(forms.Form):
    document = _id_field("文件")
    task_list = _id_field("清单")
    section = _id_field("章节")
    unit = _id_field("单位")
    role = forms.ChoiceField(
        required=False, label="角色", choices=[("", "全部角色"), *UnitRole.choices]
    )
    leader = _id_field("领导")
    q = forms.CharField(required=False, label="关键词", max_length=100)

    def filters(self, **extra: Any) -> TaskFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return TaskFilters(
            document=data.get("document"),
            task_list=data.get("task_list"),
            section=data.get("section"),
            unit=data.get("unit"),
            role=data.get("role") or "",
            leader=data.get("leader"),
            q=(data.get("q") or "").strip(),
            **extra,
        )


class UploadForm(forms.Form):
    file = forms.FileField(label="文件")
    kind = forms.ChoiceField(
        label="文件类别", choices=DocumentKind.choices, initial=DocumentKind.DECOMPOSITION
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.DUBAN_UPLOAD_MAX_BYTES:
            limit = settings.DUBAN_UPLOAD_MAX_BYTES / 1048576
            raise forms.ValidationError(f"文件过大，上限为 {limit:.0f} MB。")
        return upload


class NameMapForm(forms.Form):
    action = forms.ChoiceField(
        choices=[(NameAction.USE, "对应已有单位"), (NameAction.CREATE, "新建单位")]
    )
    unit = forms.ModelChoiceField(
        queryset=OrgUnit.objects.filter(is_active=True),
        required=False,
        to_field_name="name",
        error_messages={"invalid_choice": "目录中没有这个单位（或该单位已停用），对应未保存。"},
    )
