"""Forms of the draft page: its header and one row (every field as the office types it)."""

from __future__ import annotations

from django import forms

from duban.drafts.services import Header


class HeaderForm(forms.Form):
    title = forms.CharField(label="标题", max_length=300)
    government = forms.CharField(label="发文机关", max_length=200, required=False)
    year = forms.IntegerField(
        label="年度",
        min_value=2000,
        max_value=2100,
        error_messages={
            "min_value": "年度应在2000至2100之间。",
            "max_value": "年度应在2000至2100之间。",
        },
    )

    def header(self) -> Header:
        data = self.cleaned_data
        return Header(data["title"].strip(), data["government"].strip(), data["year"])


class RowForm(forms.Form):
    text = forms.CharField(label="任务", max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    leaders = forms.CharField(label="责任领导", max_length=300, required=False)
    lead_units = forms.CharField(label="牵头单位", max_length=500, required=False)
    responsible_units = forms.CharField(label="责任单位", max_length=1000, required=False)
    deadline = forms.CharField(label="完成时限", max_length=100, required=False)
    version = forms.IntegerField(min_value=0, max_value=2**31 - 1, widget=forms.HiddenInput)

    def values(self) -> dict[str, str]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


def form_errors(form: forms.Form) -> str:
    return "；".join(f"{form.fields[k].label or k}：{e}" if k in form.fields else str(e)
                    for k, errs in form.errors.items() for e in errs)  # fmt: skip
