from django.urls import path

from duban.plans import apis as plan_apis

urlpatterns = [
    path("tasks/", plan_apis.TaskListApi.as_view(), name="api-task-list"),
    path("tasks/<int:pk>/", plan_apis.TaskDetailApi.as_view(), name="api-task-detail"),
    path("units/", plan_apis.UnitListApi.as_view(), name="api-unit-list"),
]
