"""``/api/v1/tasks/{id}/reports/``: a unit's own system reads and pushes a task's progress report.

The push takes the path the report page takes, so the two cannot drift apart: the body is
checked by the page's own ``ReportForm`` (lengths, numbers, stage choices), the write is
``progress_report_save`` (who may report, the optimistic ``version``, the audit record, the
task's workflow step and the read model), and who may push is
``selectors.reporting_unit_for``, the page's question. This module only translates: JSON in,
form data and a ``ReportInput`` across, JSON and a status code (400/403/404/409) back.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, cast

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from duban.accounts.permissions import Perm
from duban.plans import selectors as plan_selectors
from duban.plans.apis import ErrorSerializer, HasPerm
from duban.plans.models import Task
from duban.progress import selectors, services
from duban.progress.forms import ReportForm
from duban.progress.models import ReportingPeriod

NOT_REPORTER = "只有该任务填报单位（牵头单位，无牵头单位时为第一责任单位）的填报员可以报送进展。"
NO_PERIOD = "找不到报送期“{ref}”（可填报送期编号、名称如“2024年6月”或年月如“2024-06”）。"
AMBIGUOUS_PERIOD = "报送期“{ref}”不唯一（{labels}），请改填报送期编号。"
NOT_A_TARGET = "指标 {id} 不是该任务可填报完成值的量化指标。"
TWICE = "指标 {id} 重复填写。"
UNKNOWN_FIELD = "不支持该字段。"
BAD_BODY = "请求内容有误：{where}{problem}"
_YEAR_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")
TEXTS = ("progress", "stage_text", "problems", "next_steps")


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string"}]})
class PeriodRefField(serializers.CharField):  # type: ignore[misc]
    """A period by id (``12``), by name (``2024年6月``) or by month (``2024-06``)."""


@extend_schema_field({"type": ["string", "number", "null"]})
class NumberTextField(serializers.CharField):  # type: ignore[misc]
    """A number as JSON sends it (``650``, ``"650.5"``); the report form's field checks it."""


class ActualInSerializer(serializers.Serializer):  # type: ignore[misc]
    target = serializers.IntegerField(label="指标编号", help_text="见 GET 返回的 targets[].id")
    value = NumberTextField(
        label="累计完成值",
        allow_null=True,
        allow_blank=True,
        help_text="截至报送期末的累计完成值；null 或空串为清空",
    )


class ReportPushSerializer(serializers.Serializer):  # type: ignore[misc]
    """The body of a push: the whole report of one period, as the report page sends it."""

    period = PeriodRefField(
        label="报送期", help_text="报送期编号、名称（2024年6月）或年月（2024-06）"
    )
    version = serializers.IntegerField(
        label="版本",
        min_value=0,
        required=False,
        allow_null=True,
        help_text="读取时报告的版本（新报告填 0 或不填）；已被他人修改时返回 409",
    )
    progress = serializers.CharField(label="进展情况", required=False, allow_blank=True)
    stage = serializers.IntegerField(
        label="已完成至（时间节点）",
        required=False,
        allow_null=True,
        help_text="时间节点编号，见 GET 返回的 stages[].id",
    )
    stage_text = serializers.CharField(label="所处阶段", required=False, allow_blank=True)
    problems = serializers.CharField(label="存在问题", required=False, allow_blank=True)
    next_steps = serializers.CharField(label="下步计划", required=False, allow_blank=True)
    actuals = ActualInSerializer(
        label="指标完成值",
        many=True,
        required=False,
        help_text="只写列出的指标，未列出的指标保留原值",
    )
    submit = serializers.BooleanField(
        label="报送", required=False, default=False, help_text="true 为报送，false 为保存草稿"
    )

    def to_internal_value(self, data: Any) -> Any:
        """An unknown key is refused: a misspelt ``progres`` must not be dropped silently."""
        if isinstance(data, dict):
            unknown = sorted(str(key) for key in data if key not in self.fields)
            if unknown:
                raise ValidationError({key: [UNKNOWN_FIELD] for key in unknown})
        return super().to_internal_value(data)


class PeriodSerializer(serializers.Serializer):  # type: ignore[misc]
    id = serializers.IntegerField()
    label = serializers.CharField(help_text="名称，如“2024年6月”")
    kind = serializers.CharField(help_text="类别：monthly 月报、quarterly 季报、ledger 台账")
    kind_label = serializers.CharField(source="get_kind_display", help_text="类别的中文名")


class ActualOutSerializer(serializers.Serializer):  # type: ignore[misc]
    target = serializers.IntegerField(source="target_id")
    metric = serializers.CharField(source="target.metric")
    value = serializers.DecimalField(
        max_digits=20, decimal_places=4, allow_null=True, normalize_output=True
    )


class ReportingUnitSerializer(serializers.Serializer):  # type: ignore[misc]
    id = serializers.IntegerField()
    name = serializers.CharField()


class ReportSerializer(serializers.Serializer):  # type: ignore[misc]
    id = serializers.IntegerField()
    task = serializers.IntegerField(source="task_id")
    period = PeriodSerializer()
    unit = ReportingUnitSerializer()
    state = serializers.CharField(help_text="draft、submitted、returned、approved")
    state_label = serializers.CharField(source="get_state_display", help_text="状态的中文名")
    version = serializers.IntegerField(help_text="下次保存时作为 version 传回")
    progress = serializers.CharField()
    stage = serializers.IntegerField(source="stage_id", allow_null=True)
    stage_text = serializers.CharField()
    problems = serializers.CharField()
    next_steps = serializers.CharField()
    actuals = ActualOutSerializer(many=True)
    review_note = serializers.CharField(help_text="审核意见（退回理由）")
    submitted_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()


class SheetPeriodSerializer(PeriodSerializer):
    start = serializers.DateField()
    end = serializers.DateField()
    due_date = serializers.DateField(help_text="报送截止日期")
    report = ReportSerializer(allow_null=True, help_text="该期已有的报告；尚无则为 null")


class SheetTargetSerializer(serializers.Serializer):  # type: ignore[misc]
    id = serializers.IntegerField()
    metric = serializers.CharField()
    label = serializers.CharField(help_text="填报表上的名称（含目标值）")


class SheetStageSerializer(serializers.Serializer):  # type: ignore[misc]
    id = serializers.IntegerField()
    label = serializers.CharField()


class ReportSheetSerializer(serializers.Serializer):  # type: ignore[misc]
    task = serializers.IntegerField()
    reporting_unit = ReportingUnitSerializer(allow_null=True, help_text="填报单位；无则为 null")
    can_report = serializers.BooleanField(help_text="调用者能否报送该任务的进展")
    targets = SheetTargetSerializer(many=True, help_text="可填报完成值的量化指标")
    stages = SheetStageSerializer(many=True, help_text="可选的“已完成至”时间节点")
    periods = SheetPeriodSerializer(many=True)


class BadBodyError(Exception):
    """A push body that cannot become a report: answered 400 with the Chinese ``message``."""

    def __init__(self, message: str, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message, self.extra = message, extra or {}


def _first(problems: Any) -> str:
    """The first message inside DRF's nested error structure (dicts, lists, strings)."""
    while isinstance(problems, dict | list) and problems:
        problems = next(iter(problems.values())) if isinstance(problems, dict) else problems[0]
    return str(problems)


def _body_error(errors: dict[str, Any], fields: dict[str, Any]) -> BadBodyError:
    name, problems = next(iter(errors.items()))
    field = fields.get(name)
    where = f"{field.label}（{name}）：" if field is not None and field.label else f"{name}："
    if name == "non_field_errors":
        where = ""
    return BadBodyError(BAD_BODY.format(where=where, problem=_first(problems)), dict(errors))


def period_find(task: Task, ref: str) -> ReportingPeriod:
    """The period of the task's document that ``ref`` names (id, name, or ``YYYY-MM``)."""
    periods = list(selectors.periods_of(task.task_list.document))
    ref = ref.strip()
    found = [p for p in periods if ref.isascii() and ref.isdigit() and str(p.pk) == ref]
    found = found or [p for p in periods if p.label == ref]
    month = _YEAR_MONTH.fullmatch(ref)
    if not found and month:
        year, number = int(month[1]), int(month[2])
        found = [
            p
            for p in periods
            if p.kind == "monthly" and (p.start.year, p.start.month) == (year, number)
        ]
    if not found:
        raise BadBodyError(NO_PERIOD.format(ref=ref[:40]))
    if len(found) > 1:
        labels = "、".join(f"{p.pk}：{p.label}" for p in found)
        raise BadBodyError(AMBIGUOUS_PERIOD.format(ref=ref[:40], labels=labels))
    return found[0]


def report_form(task: Task, body: dict[str, Any]) -> tuple[ReportForm, set[int]]:
    """The page's form bound to the pushed values, and the targets the push names."""
    form = ReportForm(task=task)
    fields = {target.pk: name for target, name in form.target_fields}
    data: dict[str, Any] = {name: body.get(name, "") for name in TEXTS}
    data["stage"] = "" if body.get("stage") is None else str(body["stage"])
    sent: set[int] = set()
    for actual in body.get("actuals", []):
        target = actual["target"]
        if target not in fields:
            raise BadBodyError(
                NOT_A_TARGET.format(id=target), {"actuals": {str(target): "未知指标"}}
            )
        if target in sent:
            raise BadBodyError(TWICE.format(id=target))
        sent.add(target)
        data[fields[target]] = "" if actual["value"] is None else actual["value"]
    form = ReportForm(data, task=task)
    if not form.is_valid():
        names = {name: target for target, name in fields.items()}
        errors = {
            (f"actuals[{names[key]}]" if key in names else key): list(problems)
            for key, problems in form.errors.items()
        }
        key, problems = next(iter(form.errors.items()))
        label = form.fields[key].label if key in form.fields else key
        raise BadBodyError(BAD_BODY.format(where=f"{label}：", problem=problems[0]), errors)
    return form, sent


def _sheet(task: Task, user: Any) -> dict[str, Any]:
    form = ReportForm(task=task)
    stages: list[tuple[Any, str]] = list(cast(Any, form.fields["stage"]).choices)  # the page's
    reports = selectors.reports_of(task)
    unit = selectors.primary_unit(task)
    periods = []
    for period in selectors.periods_of(task.task_list.document):
        data = dict(SheetPeriodSerializer(period).data)
        report = reports.get(period.pk)
        data["report"] = ReportSerializer(report).data if report is not None else None
        periods.append(data)
    return {
        "task": task.pk,
        "reporting_unit": {"id": unit.pk, "name": unit.name} if unit is not None else None,
        "can_report": selectors.reporting_unit_for(user, task) is not None,
        "targets": [
            {"id": t.pk, "metric": t.metric, "label": str(form.fields[name].label)}
            for t, name in form.target_fields
        ],
        "stages": [{"id": pk, "label": label} for pk, label in stages if pk != ""],
        "periods": periods,
    }


EXAMPLE = {
    "period": "2024-06",
    "version": 0,
    "progress": "已完成选址，开工建设基站650个。",
    "problems": "部分站址协调难度较大。",
    "next_steps": "7月底前再开工200个。",
    "actuals": [{"target": 1, "value": "650"}],
    "submit": True,
}
ERRORS = {400: ErrorSerializer, 401: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}


class TaskReportsApi(APIView):  # type: ignore[misc]
    """A task's reports, period by period (GET); its reporting unit's system pushes one (POST)."""

    perm = Perm.PROGRESS_VIEW
    permission_classes = (HasPerm,)

    @extend_schema(
        tags=["进展报送"],
        summary="任务的报送期与各期报告",
        description="报送前先读取：报送期、可填报的指标与时间节点，以及各期报告的当前版本。",
        responses={200: ReportSheetSerializer, **ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        task = plan_selectors.task_get(user=request.user, pk=pk)  # 404 absent, 403 out of scope
        return Response(_sheet(task, request.user))

    @extend_schema(
        tags=["进展报送"],
        summary="报送（或保存）某一期的进展报告",
        description=(
            "与网页填报表走同一套校验、权限与审计：只有该任务填报单位的填报员可以报送；"
            "每次提交整份报告（未填的文字项视为空，未列出的指标保留原值）；"
            "version 须为读取时的版本，报告已被他人修改则返回 409 并附当前版本。"
            "新建报告返回 201，更新返回 200。"
        ),
        request=ReportPushSerializer,
        examples=[OpenApiExample("报送6月进展", value=EXAMPLE, request_only=True)],
        responses={
            200: ReportSerializer,
            201: ReportSerializer,
            **ERRORS,
            409: ErrorSerializer,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        task = plan_selectors.task_get(user=request.user, pk=pk)
        unit = selectors.reporting_unit_for(request.user, task)
        if unit is None:
            return Response({"message": NOT_REPORTER}, status=403)
        try:
            body = ReportPushSerializer(data=request.data)
            if not body.is_valid():
                raise _body_error(body.errors, body.fields)
            values = body.validated_data
            period = period_find(task, values["period"])
            form, sent = report_form(task, values)
        except BadBodyError as err:
            return Response({"message": err.message, "extra": err.extra}, status=400)
        data = form.to_input()
        data = dataclasses.replace(
            data, actuals={k: v for k, v in data.actuals.items() if k in sent}
        )
        created = selectors.report_for(task, period) is None
        try:
            report = services.progress_report_save(
                task=task,
                period=period,
                unit=unit,
                data=data,
                expected_version=values.get("version"),
                submit=values["submit"],
                actor=request.user,
            )  # ApplicationError → 400, PermissionDenied → 403 (duban.api.exception_handlers)
        except services.ConflictError as err:
            current = selectors.report_for(task, period)
            extra = {"version": current.version if current is not None else 0}
            return Response({"message": err.message, "extra": extra}, status=409)
        stored = selectors.report_for(task, period)  # with its actuals, as GET shows it
        return Response(ReportSerializer(stored or report).data, status=201 if created else 200)
