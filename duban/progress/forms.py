"""Forms: the report form is built per task (one field per target, stage choices)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.conf import settings

from duban.core.numbers import plain
from duban.core.quantities import QuantityError, parse_quantity
from duban.plans.models import Task
from duban.progress import filetypes, sheet
from duban.progress.models import RevisionKind
from duban.progress.services import ReportInput

# Long free text: what one Excel cell of the exports holds with room to spare (32,767), and
# what the unit's workbook upload accepts, so a report typed here survives the round trip.
LONG_TEXT = sheet.MAX_TEXT


def long_text(label: str, rows: int = 4, *, required: bool = False) -> forms.CharField:
    """A textarea capped at :data:`LONG_TEXT` characters (Django's Chinese error past it)."""
    widget = forms.Textarea(attrs={"rows": rows})
    return forms.CharField(label=label, widget=widget, required=required, max_length=LONG_TEXT)


class ReportForm(forms.Form):
    """进展情况 + 累计完成值 per target + 所处阶段 + 问题 + 下步计划; ``version`` for locking."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    progress = long_text("进展情况")
    stage = forms.TypedChoiceField(
        label="已完成至（时间节点）", required=False, coerce=int, empty_value=None
    )
    stage_text = forms.CharField(label="所处阶段", max_length=300, required=False)
    problems = long_text("存在问题", 3)
    next_steps = long_text("下步计划", 3)
    # ``accept`` lets a phone offer its camera and photo library (as JPEG/PNG, the kinds taken)
    evidence = forms.FileField(
        label="佐证材料（图片、PDF、Word、Excel、PPT 文档）",
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(("image/jpeg", "image/png", *filetypes.ACCEPTED_SUFFIXES))}
        ),
    )

    def __init__(self, *args: Any, task: Task, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.task = task
        milestones = [m for m in task.milestones.all() if m.due_date and not m.ongoing]
        stage = cast(forms.ChoiceField, self.fields["stage"])
        stage.choices = [("", "—")] + [
            (m.pk, f"{m.due_date:%m月%d日} {m.text or m.raw_phrase}") for m in milestones
        ]
        self.target_fields = []
        for t in (t for t in task.targets.all() if t.kind != "qualitative"):  # prefetched
            name = f"actual_{t.pk}"
            goal = (
                ""
                if t.value is None
                else f"（目标：{t.get_comparator_display()} {plain(t.value)}{t.unit}）"
            )
            self.fields[name] = QuantityField(label=f"{t.metric}累计完成{goal}", unit=t.unit)
            self.target_fields.append((t, name))
        # the figures right after the text they go with, the file last (as on the part form)
        figures = [name for _, name in self.target_fields]
        self.order_fields(["version", "progress", *figures, "stage", "stage_text"])

    def clean_evidence(self) -> Any:
        return check_upload(self.cleaned_data.get("evidence"))

    def to_input(self) -> ReportInput:
        data = self.cleaned_data
        actuals: dict[int, Decimal | None] = {
            t.pk: data.get(name) for t, name in self.target_fields
        }
        return ReportInput(
            progress=data.get("progress") or "",
            stage_id=data.get("stage"),
            stage_text=data.get("stage_text") or "",
            problems=data.get("problems") or "",
            next_steps=data.get("next_steps") or "",
            actuals=actuals,
        )


FIGURE_MAX_CHARS = 40


class QuantityField(forms.CharField):
    """A figure typed as people write it ("90家", "1.2万"), in the target's unit; shown as
    written (6.8, not 6.8000). Stored like the model's DecimalField(20, 4)."""

    def __init__(self, *, unit: str, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.unit = unit
        self.widget.attrs.update(
            {"inputmode": "decimal", "autocomplete": "off", "maxlength": FIGURE_MAX_CHARS}
        )

    def prepare_value(self, value: Any) -> Any:
        return plain(value) if isinstance(value, Decimal) else value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, Decimal):
            return value
        if len(str(value or "")) > FIGURE_MAX_CHARS:
            raise forms.ValidationError(f"数值过长（至多{FIGURE_MAX_CHARS}个字符）。")
        try:
            number = parse_quantity(str(value or ""), self.unit)
        except QuantityError as err:
            raise forms.ValidationError(str(err)) from err
        if number is None:
            return None
        exact = number.quantize(Decimal("0.0001"))
        if exact != number or abs(exact) >= Decimal(10) ** 16:
            raise forms.ValidationError(f"“{value}”位数过多（整数至多16位、小数至多4位）。")
        return exact


def check_upload(upload: Any) -> Any:
    """Refuse a bad evidence file before anything is saved (content, not just the suffix)."""
    if not upload:  # None, or False when the clear box of the file input was ticked
        return None
    data = upload.read()
    upload.seek(0)
    try:
        filetypes.check(data, upload.name, max_bytes=settings.DUBAN_EVIDENCE_MAX_BYTES)
    except ValueError as err:
        raise forms.ValidationError(str(err)) from err
    return upload


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "审核通过"), ("return", "退回")])
    note = forms.CharField(
        label="意见", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PartForm(ReportForm):
    """A unit's own part: the report's fields without 已完成至 / 所处阶段 (where the task
    stands is the lead unit's word), its figures as the unit's own."""

    def __init__(self, *args: Any, task: Task, **kwargs: Any) -> None:
        super().__init__(*args, task=task, **kwargs)
        del self.fields["stage"], self.fields["stage_text"]
        self.fields["progress"].label = "本单位进展情况"
        for _, name in self.target_fields:
            label = str(self.fields[name].label)
            self.fields[name].label = label.replace("累计完成", "本单位累计完成", 1)
        figures = [name for _, name in self.target_fields]
        self.order_fields(["version", "progress", *figures, "problems", "next_steps", "evidence"])


class UploadForm(forms.Form):
    file = forms.FileField(label="填好的填报表（.xlsx）")


class StageForm(forms.Form):
    text = forms.CharField(label="阶段目标", max_length=500, required=False)
    due_date = forms.DateField(
        label="完成时间", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


StageFormSet = forms.formset_factory(StageForm, extra=2)


class PlanForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    content = long_text("推进计划（工作内容与措施）")
    overall_target = long_text("总体目标", 2)
    responsible_person = forms.CharField(label="责任人", max_length=100, required=False)


class CompletionForm(forms.Form):
    summary = long_text("完成情况", required=True)
    file = forms.FileField(label="佐证材料", required=False)

    def clean_file(self) -> Any:
        return check_upload(self.cleaned_data.get("file"))


class RevisionForm(forms.Form):
    # a unit asks for an adjustment or an extension; ``edit`` is the 督查室's own change
    kind = forms.ChoiceField(
        label="类别",
        choices=[(k.value, k.label) for k in (RevisionKind.ADJUST, RevisionKind.EXTEND)],
    )
    target = forms.TypedChoiceField(
        label="调整的指标", required=False, coerce=int, empty_value=None
    )
    new_value = forms.DecimalField(
        label="调整后目标值", required=False, max_digits=20, decimal_places=4
    )
    new_deadline = forms.DateField(
        label="延期至", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = long_text("理由", 2, required=True)

    def __init__(self, *args: Any, task: Task, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        target = cast(forms.ChoiceField, self.fields["target"])
        target.choices = [("", "—")] + [(t.pk, t.metric or t.raw_text) for t in task.targets.all()]


class InstructionForm(forms.Form):
    text = long_text("批示内容", 2, required=True)


class PeriodForm(forms.Form):
    label = forms.CharField(label="名称", max_length=50)
    due_date = forms.DateField(label="报送截止", widget=forms.DateInput(attrs={"type": "date"}))
