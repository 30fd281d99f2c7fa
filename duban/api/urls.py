from django.urls import path

from duban.api import schema  # noqa: F401  (registers the schema's view extensions)
from duban.api.views import ApiIndexApi, DocsView, Endpoint, SchemaView
from duban.plans import apis as plan_apis
from duban.progress import apis as progress_apis
from duban.supervision import apis as supervision_apis

# Every endpoint once: routed below and listed by GET /api/v1/ with its description.
ENDPOINTS = (
    Endpoint(
        "tasks/",
        supervision_apis.TaskStateListApi.as_view(),
        "api-task-list",
        "任务列表（分页），含各任务在 as_of 日的状态灯与三项状态；"
        "可按 document、task_list、unit、leader、q 筛选",
    ),
    Endpoint(
        "tasks/<int:pk>/",
        plan_apis.TaskDetailApi.as_view(),
        "api-task-detail",
        "任务详情：内容、完成时限、责任单位与责任领导",
    ),
    Endpoint(
        "tasks/<int:pk>/reports/",
        progress_apis.TaskReportsApi.as_view(),
        "api-task-reports",
        "GET 读取任务的报送期、可填指标与各期报告；POST 由填报单位的系统报送某一期进展"
        "（与网页填报同一校验、权限与审计）",
    ),
    Endpoint("units/", plan_apis.UnitListApi.as_view(), "api-unit-list", "单位列表（分页）"),
    Endpoint(
        "dashboard/",
        supervision_apis.DashboardApi.as_view(),
        "api-dashboard",
        "督查看板的统计数字：一个任务文件在 as_of 日的灯色与进度分布",
    ),
    Endpoint(
        "overview/",
        supervision_apis.OverviewApi.as_view(),
        "api-overview",
        "全部任务文件在 as_of 日的总览及合计",
    ),
    Endpoint(
        "schema/",
        SchemaView.as_view(),
        "api-schema",
        "OpenAPI 3 描述文件（默认 YAML，?format=json 为 JSON）",
    ),
    Endpoint("docs/", DocsView.as_view(), "api-docs", "接口文档页面（Swagger UI，本地文件）"),
)

urlpatterns = [
    path("", ApiIndexApi.as_view(endpoints=ENDPOINTS), name="api-index"),
    *(path(e.route, e.view, name=e.name) for e in ENDPOINTS),
]
