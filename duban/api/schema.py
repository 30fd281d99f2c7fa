"""The OpenAPI description of the read-only views, kept beside the schema rather than in them.

The views in ``plans.apis`` and ``supervision.apis`` are plain ``APIView``s that build their
JSON by hand; drf-spectacular cannot guess those answers, so the extensions below replace
each view, for the schema only, by a subclass carrying ``@extend_schema`` (the pattern of
drf-spectacular's ``OpenApiViewExtension``). The serializers here describe answers and are
never used to produce them: ``tests/duban/api/test_openapi.py`` checks real answers against
this schema, so a view that changes its JSON without changing this file fails there.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiViewExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from duban.plans.apis import ErrorSerializer, TaskDetailApi, TaskListApi, UnitListApi
from duban.progress.status import LABELS, Colour

LIGHTS = [str(c) for c in Colour]
ERRORS = {400: ErrorSerializer, 401: ErrorSerializer, 403: ErrorSerializer}
AS_OF = OpenApiParameter(
    "as_of", OpenApiTypes.DATE, description="状态截至日期（YYYY-MM-DD），默认今天"
)
PAGES = [
    OpenApiParameter("page", OpenApiTypes.INT, description="页码，从 1 开始"),
    OpenApiParameter("page_size", OpenApiTypes.INT, description="每页条数（默认 50，最多 200）"),
]
TASK_FILTERS = [
    OpenApiParameter("document", OpenApiTypes.INT, description="任务文件（来源文件）编号"),
    OpenApiParameter("task_list", OpenApiTypes.INT, description="任务清单编号"),
    OpenApiParameter("unit", OpenApiTypes.INT, description="责任单位编号"),
    OpenApiParameter("leader", OpenApiTypes.INT, description="责任领导编号"),
    OpenApiParameter("q", OpenApiTypes.STR, description="在任务内容中搜索（最多 200 字）"),
]


def _paginated(name: str, item: Any) -> type[serializers.Serializer]:
    """The envelope of DRF's ``PageNumberPagination`` around ``item``."""
    fields = {
        "count": serializers.IntegerField(help_text="总条数"),
        "next": serializers.URLField(allow_null=True, help_text="下一页地址"),
        "previous": serializers.URLField(allow_null=True, help_text="上一页地址"),
        "results": item(many=True),
    }
    return type(name, (serializers.Serializer,), fields)


class LightsSerializer(serializers.Serializer):  # type: ignore[misc]
    """Tasks per light colour."""

    blue = serializers.IntegerField(help_text=f"{LABELS[Colour.BLUE]}（蓝灯）")
    green = serializers.IntegerField(help_text=f"{LABELS[Colour.GREEN]}（绿灯）")
    yellow = serializers.IntegerField(help_text=f"{LABELS[Colour.YELLOW]}（黄灯）")
    red = serializers.IntegerField(help_text=f"{LABELS[Colour.RED]}（红灯）")


class StatusesSerializer(serializers.Serializer):  # type: ignore[misc]
    reported = serializers.CharField(help_text="报送状态代码")
    evidence = serializers.CharField(help_text="佐证状态代码")
    schedule = serializers.CharField(help_text="进度状态代码")
    labels = serializers.DictField(
        child=serializers.CharField(), help_text="各状态（及灯色）的中文名"
    )


class TaskStateSerializer(TaskListApi.OutputSerializer):
    as_of = serializers.DateField(help_text="状态截至日期")
    light = serializers.ChoiceField(
        choices=LIGHTS, allow_null=True, help_text="状态灯：blue、green、yellow、red；无状态为 null"
    )
    light_label = serializers.CharField(help_text="状态灯的中文名")
    statuses = StatusesSerializer(allow_null=True, help_text="三项状态；无状态为 null")
    elapsed = serializers.FloatField(required=False, help_text="序时进度（0–1）")
    completion = serializers.FloatField(
        required=False, allow_null=True, help_text="指标完成率（最弱的一项），无完成值为 null"
    )
    effective_deadline = serializers.DateField(
        required=False, allow_null=True, help_text="当前有效的完成时限"
    )


class UnitSerializer(UnitListApi.OutputSerializer):
    aliases = serializers.ListField(child=serializers.CharField(), help_text="别名")


class LeaderRefSerializer(serializers.Serializer):  # type: ignore[misc]
    post = serializers.CharField(help_text="职务")
    holder = serializers.CharField(allow_null=True, help_text="现任领导姓名")
    raw_name = serializers.CharField(help_text="通知原文中的写法")


class TaskDetailSerializer(TaskDetailApi.OutputSerializer):
    leaders = LeaderRefSerializer(many=True)


class DocumentRefSerializer(serializers.Serializer):  # type: ignore[misc]
    id = serializers.IntegerField()
    title = serializers.CharField()


class BreakdownSerializer(serializers.Serializer):  # type: ignore[misc]
    label = serializers.CharField(help_text="章节、单位或领导")
    total = serializers.IntegerField()
    lights = LightsSerializer()
    on_track = serializers.IntegerField(help_text="正常推进及超前的任务数")


class DashboardSerializer(serializers.Serializer):  # type: ignore[misc]
    document = DocumentRefSerializer()
    as_of = serializers.DateField()
    total = serializers.IntegerField(help_text="任务总数")
    done = serializers.IntegerField(help_text="已完成")
    on_track = serializers.IntegerField(help_text="正常推进及超前")
    lights = LightsSerializer()
    schedule = serializers.DictField(
        child=serializers.IntegerField(), help_text="各进度状态的任务数"
    )
    by_section = BreakdownSerializer(many=True)
    by_unit = BreakdownSerializer(many=True)
    by_leader = BreakdownSerializer(many=True)


class OverviewLineSerializer(serializers.Serializer):  # type: ignore[misc]
    document = DocumentRefSerializer(allow_null=True, help_text="合计行为 null")
    total = serializers.IntegerField()
    done = serializers.IntegerField()
    on_track = serializers.IntegerField()
    lights = LightsSerializer()


class OverviewSerializer(serializers.Serializer):  # type: ignore[misc]
    as_of = serializers.DateField()
    documents = OverviewLineSerializer(many=True)
    total = OverviewLineSerializer(help_text="全部文件合计")


def _documented(target: type, **schema: Any) -> type:
    """``target`` subclassed with ``schema`` on its GET, for the generator only."""

    @extend_schema_view(get=extend_schema(**schema))
    class Documented(target):  # type: ignore[misc]
        pass

    return Documented


class TaskStateListSchema(OpenApiViewExtension):  # type: ignore[no-untyped-call]
    target_class = "duban.supervision.apis.TaskStateListApi"

    def view_replacement(self) -> type:
        return _documented(
            self.target,
            operation_id="tasks_list",
            tags=["任务"],
            summary="任务列表及其状态灯",
            description="分页列出可见的任务，每项含 as_of 日的状态灯、三项状态与序时进度（读模型）。",
            parameters=[*TASK_FILTERS, AS_OF, *PAGES],
            responses={200: _paginated("PaginatedTaskStateList", TaskStateSerializer), **ERRORS},
        )


class TaskDetailSchema(OpenApiViewExtension):  # type: ignore[no-untyped-call]
    target_class = "duban.plans.apis.TaskDetailApi"

    def view_replacement(self) -> type:
        return _documented(
            self.target,
            tags=["任务"],
            summary="任务详情",
            description="一项任务的内容、完成时限、责任单位与责任领导。",
            responses={200: TaskDetailSerializer, **ERRORS, 404: ErrorSerializer},
        )


class UnitListSchema(OpenApiViewExtension):  # type: ignore[no-untyped-call]
    target_class = "duban.plans.apis.UnitListApi"

    def view_replacement(self) -> type:
        return _documented(
            self.target,
            operation_id="units_list",
            tags=["单位"],
            summary="单位列表",
            description="分页列出可见的单位及其别名。",
            parameters=[OpenApiParameter("q", OpenApiTypes.STR, description="按名称搜索"), *PAGES],
            responses={200: _paginated("PaginatedUnitList", UnitSerializer), **ERRORS},
        )


class DashboardSchema(OpenApiViewExtension):  # type: ignore[no-untyped-call]
    target_class = "duban.supervision.apis.DashboardApi"

    def view_replacement(self) -> type:
        return _documented(
            self.target,
            tags=["统计"],
            summary="督查看板的统计数字",
            description="一个任务文件在 as_of 日的灯色、进度状态计数，及按章节、单位、领导的分布。",
            parameters=[
                OpenApiParameter(
                    "document", OpenApiTypes.INT, description="任务文件编号，默认最新的一个"
                ),
                AS_OF,
            ],
            responses={200: DashboardSerializer, **ERRORS, 404: ErrorSerializer},
        )


class OverviewSchema(OpenApiViewExtension):  # type: ignore[no-untyped-call]
    target_class = "duban.supervision.apis.OverviewApi"

    def view_replacement(self) -> type:
        return _documented(
            self.target,
            tags=["统计"],
            summary="全部任务文件的总览",
            description="每个可见任务文件在 as_of 日的计数，及其合计。",
            parameters=[AS_OF],
            responses={200: OverviewSerializer, **ERRORS},
        )


class TokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    """The token header in Chinese (drf-spectacular's own description is English)."""

    target_class = "rest_framework.authentication.TokenAuthentication"
    match_subclasses = True
    priority = 1
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "系统账号的令牌，格式为 `Token <令牌>`；令牌由 `duban token 用户名` 签发。",
        }
