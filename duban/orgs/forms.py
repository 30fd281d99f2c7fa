"""Directory forms."""

from __future__ import annotations

from django import forms

from duban.orgs.models import OrgUnit


class UnitForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = OrgUnit
        fields = ("name", "level", "kind", "parent", "is_active", "note")


class AliasForm(forms.Form):
    name = forms.CharField(label="别名", max_length=200)


class DirectoryUploadForm(forms.Form):
    file = forms.FileField(label="单位目录（.xlsx）")
