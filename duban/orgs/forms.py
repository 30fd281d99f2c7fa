"""Directory forms."""

from __future__ import annotations

from django import forms

from duban.core import clock
from duban.orgs.models import Leader, OrgUnit, Post


class UnitForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = OrgUnit
        fields = ("name", "level", "kind", "parent", "is_active", "note")


class AliasForm(forms.Form):
    name = forms.CharField(label="别名", max_length=200)


class DirectoryUploadForm(forms.Form):
    file = forms.FileField(label="单位目录（.xlsx）")


class HandoverForm(forms.Form):
    """Hand a post to a successor: an existing leader or a new name (exactly one)."""

    successor = forms.ModelChoiceField(
        label="继任领导", queryset=Leader.objects.none(), required=False, empty_label="（请选择）"
    )
    new_leader_name = forms.CharField(
        label="或新领导姓名", max_length=50, required=False, help_text="名单中没有时填写。"
    )
    effective_on = forms.DateField(
        label="生效日期", widget=forms.DateInput(attrs={"type": "date"}), initial=clock.today
    )
    note = forms.CharField(label="备注", max_length=200, required=False)

    def __init__(self, *args: object, post: Post, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        leaders = Leader.objects.order_by("name")
        if post.holder_id is not None:
            leaders = leaders.exclude(pk=post.holder_id)
        self.fields["successor"].queryset = leaders  # type: ignore[attr-defined]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if bool(data.get("successor")) == bool((data.get("new_leader_name") or "").strip()):
            raise forms.ValidationError("请选择继任领导或填写新领导姓名（二选一）。")
        return data


class PostRenameForm(forms.Form):
    title = forms.CharField(label="职务名称", max_length=100)
