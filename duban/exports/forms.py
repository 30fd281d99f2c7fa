"""The 通报 edit form: title, 文号, 主送机关 and 抄送; the sections come as parallel
heading/body lists."""

from __future__ import annotations

from django import forms
from django.http import QueryDict

SECTIONS_MAX = 50
HEADING_MAX = 300
BODY_MAX = 10_000  # like the long text fields of the progress forms


class BulletinForm(forms.Form):
    title = forms.CharField(label="标题", max_length=300)
    doc_number = forms.CharField(label="文号", max_length=100, required=False)
    cc = forms.CharField(label="抄送", max_length=500, required=False)
    recipients = forms.CharField(label="主送机关", max_length=500, required=False)

    def __init__(self, data: QueryDict | None = None, **kwargs: object) -> None:
        super().__init__(data, **kwargs)  # type: ignore[arg-type]
        self.sections: list[dict[str, str]] = []
        if data is not None:
            headings, bodies = data.getlist("heading"), data.getlist("body")
            self.sections = [
                {"heading": h, "body": b} for h, b in zip(headings, bodies, strict=False)
            ]

    def clean(self) -> dict[str, object] | None:
        """Bounded sections: each one becomes a paragraph of the issued .docx."""
        data = super().clean()
        if len(self.sections) > SECTIONS_MAX:
            raise forms.ValidationError(f"通报最多 {SECTIONS_MAX} 节。")
        for number, section in enumerate(self.sections, start=1):
            if len(section["heading"]) > HEADING_MAX or len(section["body"]) > BODY_MAX:
                raise forms.ValidationError(
                    f"第 {number} 节过长：标题最多 {HEADING_MAX} 字，正文最多 {BODY_MAX} 字。"
                )
        return data
