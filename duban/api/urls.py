from django.urls import path

from duban.plans import apis as plan_apis
from duban.supervision import apis as supervision_apis

urlpatterns = [
    # tasks with their light and statuses on ``as_of`` (the read model)
    path("tasks/", supervision_apis.TaskStateListApi.as_view(), name="api-task-list"),
    path("tasks/<int:pk>/", plan_apis.TaskDetailApi.as_view(), name="api-task-detail"),
    path("units/", plan_apis.UnitListApi.as_view(), name="api-unit-list"),
    path("dashboard/", supervision_apis.DashboardApi.as_view(), name="api-dashboard"),
    path("overview/", supervision_apis.OverviewApi.as_view(), name="api-overview"),
]
