"""Forms of the task pages (添加任务, 修改任务): the task, its units, milestones and targets.

Leaders and units are chosen from the directory (``orgs``), never typed: the values posted
are ids, and an id the directory does not offer is a Chinese form error. Milestones and
targets carry their own id, so an edit updates them in place (what reports point at).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q, QuerySet

from duban.core import params
from duban.core.choosers import IdChoiceField, IdMultipleChoiceField
from duban.orgs.models import OrgUnit, Post
from duban.plans.models import (
    Comparator,
    Section,
    SourceDocument,
    TargetKind,
    Task,
    TaskList,
    TaskSource,
    UnitRole,
)
from duban.workflows.taskedit import MilestoneInput, TargetInput, TaskInput, UnitInput

TEXT_MAX = 5000
NUMBER_MAX = 99_999
ROWS_MAX = 100  # units, milestones or targets of one task: more is a tampered form
DATE_FIRST, DATE_LAST = date(2000, 1, 1), date(2199, 12, 31)
NOT_IN_DIRECTORY = "目录中没有这个{what}（或已停用），请从列表中选择。"
MISSING_ROWS = "表单数据不完整，请刷新页面后重新填写。"


class _Choice(IdChoiceField):
    def __init__(self, queryset: QuerySet[Any], *, what: str, **kwargs: Any) -> None:
        super().__init__(
            queryset,
            error_messages={"invalid_choice": NOT_IN_DIRECTORY.format(what=what)},
            **kwargs,
        )


class TaskForm(forms.Form):
    """The task itself: text, source, 完成时限 and 责任领导 (posts of the leader roster)."""

    text = forms.CharField(
        label="任务内容", max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    source = forms.ChoiceField(label="任务来源", choices=TaskSource.choices)
    deadline_text = forms.CharField(label="完成时限", max_length=200, required=False)
    leaders = IdMultipleChoiceField(
        label="责任领导",
        queryset=Post.objects.select_related("holder").order_by("title"),
        required=False,
        error_messages={
            "invalid_choice": NOT_IN_DIRECTORY.format(what="领导职务"),
            "invalid_pk_value": NOT_IN_DIRECTORY.format(what="领导职务"),
        },
        help_text="按住 Ctrl 可多选；任务随职务交接给继任者。",
    )


class PlacementForm(forms.Form):
    """Where a hand-added task goes in the document: its list, section and number."""

    task_list = _Choice(TaskList.objects.none(), what="任务清单", label="任务清单")
    section = _Choice(Section.objects.none(), what="章节", label="章节", required=False)
    number = forms.IntegerField(label="序号", min_value=1, max_value=NUMBER_MAX)

    def __init__(self, *args: Any, document: SourceDocument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lists = TaskList.objects.filter(document=document).order_by("position", "pk")
        sections = Section.objects.filter(task_list__document=document)
        self.fields["task_list"].queryset = lists  # type: ignore[attr-defined]
        self.fields["section"].queryset = sections.order_by("task_list__position", "position")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        section, task_list = data.get("section"), data.get("task_list")
        if section is not None and task_list is not None and section.task_list_id != task_list.pk:
            self.add_error("section", "所选章节不属于所选清单。")
        return data


class EditReasonForm(forms.Form):
    reason = forms.CharField(
        label="修改说明", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class UnitRowForm(forms.Form):
    unit = _Choice(OrgUnit.objects.none(), what="单位", label="单位", required=False)
    role = forms.ChoiceField(label="角色", choices=UnitRole.choices, initial=UnitRole.RESPONSIBLE)

    def __init__(self, *args: Any, units: QuerySet[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


def _id_field() -> forms.IntegerField:
    return forms.IntegerField(
        required=False, min_value=1, max_value=params.ID_MAX, widget=forms.HiddenInput
    )


class MilestoneRowForm(forms.Form):
    id = _id_field()
    due_date = forms.DateField(
        label="截止日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[MinValueValidator(DATE_FIRST), MaxValueValidator(DATE_LAST)],
    )
    ongoing = forms.BooleanField(label="持续推进", required=False)
    text = forms.CharField(label="节点内容", max_length=500, required=False)
    raw_phrase = forms.CharField(label="时间表述", max_length=100, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        dated = data.get("due_date") or data.get("ongoing") or self.errors.get("due_date")
        if not data.get("DELETE") and not dated:
            self.add_error("due_date", "请填写截止日期，或勾选“持续推进”。")
        return data


def _figure(label: str) -> forms.DecimalField:
    return forms.DecimalField(label=label, required=False, max_digits=20, decimal_places=4)


class TargetRowForm(forms.Form):
    id = _id_field()
    metric = forms.CharField(label="指标", max_length=200, required=False)
    kind = forms.ChoiceField(label="类型", choices=TargetKind.choices, initial=TargetKind.COUNT)
    comparator = forms.ChoiceField(
        label="比较", choices=Comparator.choices, initial=Comparator.AT_LEAST
    )
    value = _figure("目标值")
    value_max = _figure("区间上限")
    unit = forms.CharField(label="单位", max_length=20, required=False)
    phrase = forms.CharField(label="定性表述", max_length=100, required=False)
    raw_text = forms.CharField(label="原文", max_length=500, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("DELETE"):
            return data
        if not (data.get("metric") or "").strip():
            self.add_error("metric", "请填写指标名称。")
        if data.get("kind") == TargetKind.QUALITATIVE:
            if not (data.get("phrase") or "").strip():
                self.add_error("phrase", "定性指标请填写定性表述。")
            return data
        value, value_max = data.get("value"), data.get("value_max")
        if value is None and "value" not in self.errors:
            self.add_error("value", "请填写目标值。")
        if data.get("comparator") == Comparator.BETWEEN and value_max is None:
            self.add_error("value_max", "区间指标请填写上限。")
        if value is not None and value_max is not None and value_max < value:
            self.add_error("value_max", "区间上限不能小于目标值。")
        return data


UnitFormSet = forms.formset_factory(
    UnitRowForm, extra=3, max_num=ROWS_MAX, absolute_max=ROWS_MAX, validate_max=True
)
MilestoneFormSet = forms.formset_factory(
    MilestoneRowForm,
    extra=2,
    can_delete=True,
    max_num=ROWS_MAX,
    absolute_max=ROWS_MAX,
    validate_max=True,
)
TargetFormSet = forms.formset_factory(
    TargetRowForm,
    extra=1,
    can_delete=True,
    max_num=ROWS_MAX,
    absolute_max=ROWS_MAX,
    validate_max=True,
)


def unit_choices(task: Task | None) -> QuerySet[OrgUnit]:
    """Active directory units, and a retired one the task already has (so the form still opens)."""
    active = Q(is_active=True)
    if task is not None:
        active |= Q(assignments__task=task, assignments__via_collective__isnull=True)
    return OrgUnit.objects.filter(active).distinct().order_by("name")


class TaskForms:
    """The task form and its three row formsets, bound together; ``task`` is None when adding."""

    def __init__(self, data: Any = None, *, task: Task | None = None) -> None:
        self.task = task
        initial = _initial(task) if task is not None else {}
        units = unit_choices(task)
        self.main = TaskForm(data, initial=initial.get("main"))
        self.units = UnitFormSet(
            data, prefix="unit", initial=initial.get("units"), form_kwargs={"units": units}
        )
        self.milestones = MilestoneFormSet(
            data, prefix="milestone", initial=initial.get("milestones")
        )
        self.targets = TargetFormSet(data, prefix="target", initial=initial.get("targets"))

    @property
    def all(self) -> tuple[Any, ...]:
        return (self.main, self.units, self.milestones, self.targets)

    def is_valid(self) -> bool:
        checked = [form.is_valid() for form in self.all]  # every form, for every message
        return all(checked)

    def errors(self) -> list[str]:
        """Every message, prefixed with its row (the formsets' own errors in Chinese)."""
        found = form_messages(self.main)
        for name, formset in (
            ("单位", self.units),
            ("时间节点", self.milestones),
            ("指标", self.targets),
        ):
            if formset.non_form_errors() or not formset.management_form.is_valid():
                found.append(f"{name}：{MISSING_ROWS}")
                continue
            for n, form in enumerate(formset.forms, 1):
                for key, errors in form.errors.items():
                    found += [f"{name}第{n}行{_label(form, key)}：{e}" for e in errors]
        return found

    def task_input(self) -> TaskInput:
        main = self.main.cleaned_data
        return TaskInput(
            text=main["text"],
            deadline_text=main.get("deadline_text") or "",
            source=main["source"],
            leaders=tuple(main.get("leaders") or ()),
            units=tuple(
                UnitInput(unit=row["unit"], role=row["role"])
                for row in _rows(self.units)
                if row.get("unit") is not None
            ),
            milestones=tuple(_milestone(row) for row in _rows(self.milestones)),
            targets=tuple(_target(row) for row in _rows(self.targets)),
        )


def _label(form: forms.Form, key: str) -> str:
    field = form.fields.get(key)
    return str(field.label) if field is not None and field.label else "表单"


def form_messages(form: forms.Form) -> list[str]:
    """A form's errors as "字段：说明" lines (field names in Chinese, never the code)."""
    return [f"{_label(form, key)}：{e}" for key, errors in form.errors.items() for e in errors]


def _rows(formset: Any) -> list[dict[str, Any]]:
    """The filled rows (an untouched extra row has no data)."""
    return [form.cleaned_data for form in formset.forms if form.cleaned_data]


def _milestone(row: dict[str, Any]) -> MilestoneInput:
    return MilestoneInput(
        id=row.get("id"),
        due_date=row.get("due_date"),
        ongoing=bool(row.get("ongoing")),
        raw_phrase=(row.get("raw_phrase") or "").strip(),
        text=(row.get("text") or "").strip(),
        delete=bool(row.get("DELETE")),
    )


def _target(row: dict[str, Any]) -> TargetInput:
    value_max: Decimal | None = row.get("value_max")
    return TargetInput(
        id=row.get("id"),
        metric=(row.get("metric") or "").strip(),
        kind=row.get("kind") or TargetKind.COUNT,
        comparator=row.get("comparator") or "",
        value=row.get("value"),
        value_max=value_max,
        unit=(row.get("unit") or "").strip(),
        phrase=(row.get("phrase") or "").strip(),
        raw_text=(row.get("raw_text") or "").strip(),
        delete=bool(row.get("DELETE")),
    )


def _initial(task: Task) -> dict[str, Any]:
    """The edit page starts from the task as it is."""
    direct = task.assignments.filter(via_collective__isnull=True).order_by("role", "position")
    return {
        "main": {
            "text": task.text,
            "source": task.source,
            "deadline_text": task.deadline_text,
            "leaders": [link.post_id for link in task.leader_links.order_by("position")],
        },
        "units": [{"unit": a.unit_id, "role": a.role} for a in direct],
        "milestones": [
            {
                "id": m.pk,
                "due_date": m.due_date,
                "ongoing": m.ongoing,
                "text": m.text,
                "raw_phrase": m.raw_phrase,
            }
            for m in task.milestones.order_by("due_date", "position", "pk")
        ],
        "targets": [
            {
                "id": t.pk,
                "metric": t.metric,
                "kind": t.kind,
                "comparator": t.comparator,
                "value": t.value,
                "value_max": t.value_max,
                "unit": t.unit,
                "phrase": t.phrase,
                "raw_text": t.raw_text,
            }
            for t in task.targets.order_by("position", "pk")
        ],
    }
