"""The 通报 edit form: title and 文号; the sections come as parallel heading/body lists."""

from __future__ import annotations

from django import forms
from django.http import QueryDict


class BulletinForm(forms.Form):
    title = forms.CharField(label="标题", max_length=300)
    doc_number = forms.CharField(label="文号", max_length=100, required=False)

    def __init__(self, data: QueryDict | None = None, **kwargs: object) -> None:
        super().__init__(data, **kwargs)  # type: ignore[arg-type]
        self.sections: list[dict[str, str]] = []
        if data is not None:
            headings, bodies = data.getlist("heading"), data.getlist("body")
            self.sections = [
                {"heading": h, "body": b} for h, b in zip(headings, bodies, strict=False)
            ]
