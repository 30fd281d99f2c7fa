from django.urls import path

from duban.plans import actualviews, views

app_name = "plans"

urlpatterns = [
    path("tasks/", views.task_list_view, name="task-list"),
    path("tasks/mine/", views.my_tasks_view, name="task-mine"),
    path("tasks/<int:pk>/", views.task_detail_view, name="task-detail"),
    path("units/<int:pk>/", views.unit_detail_view, name="unit-detail"),
    path("leaders/<int:pk>/", views.leader_detail_view, name="leader-detail"),
    path("documents/", views.document_list_view, name="document-list"),
    path("imports/", views.import_list_view, name="import-list"),
    path("imports/<int:pk>/", views.import_preview_view, name="import-preview"),
    path("imports/<int:pk>/names/<int:name_pk>/", views.import_name_view, name="import-name"),
    path("imports/<int:pk>/discard/", views.import_discard_view, name="import-discard"),
    # execution reports and bulletins: their actuals matched to the year's targets
    path("imports/actuals/", actualviews.actual_import_list_view, name="actual-import-list"),
    path("imports/actuals/<int:pk>/", actualviews.actual_import_view, name="actual-import"),
    path(
        "imports/actuals/<int:pk>/rows/<int:row_pk>/",
        actualviews.actual_row_view,
        name="actual-row",
    ),
    path(
        "imports/actuals/<int:pk>/discard/",
        actualviews.actual_discard_view,
        name="actual-discard",
    ),
]
