from django.urls import path

from duban.workflows import actualviews, collective_views, taskviews, views

app_name = "workflows"

urlpatterns = [
    path("imports/<int:pk>/confirm/", views.import_confirm_view, name="import-confirm"),
    path(
        "imports/actuals/<int:pk>/confirm/",
        actualviews.actual_confirm_view,
        name="actual-confirm",
    ),
    path("documents/<int:pk>/tasks/new/", taskviews.task_add_view, name="task-add"),
    path("tasks/<int:pk>/edit/", taskviews.task_edit_view, name="task-edit"),
    path(
        "tasks/<int:pk>/collectives/<int:collective_pk>/",
        collective_views.collective_choose_view,
        name="collective-choose",
    ),
]
