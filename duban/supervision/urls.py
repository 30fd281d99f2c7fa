from django.urls import path

from duban.supervision.views import dashboard, outcomes, screen

app_name = "supervision"

urlpatterns = [
    path("supervision/", dashboard.dashboard_view, name="dashboard"),
    path("supervision/screen/", screen.screen_view, name="screen"),
    path("supervision/screen/data/", screen.screen_data_view, name="screen-data"),
    path("supervision/overview/", dashboard.overview_view, name="overview"),
    path("supervision/tasks/<int:pk>/", dashboard.task_timeline_view, name="task-timeline"),
    path("supervision/ranking/", outcomes.ranking_view, name="ranking"),
    path("supervision/ranking/weights/", outcomes.weights_view, name="weights"),
    path("supervision/year-end/", outcomes.year_end_view, name="year-end"),
    path("supervision/year-end/carry-over/", outcomes.carry_over_view, name="carry-over"),
    path("supervision/publication/", outcomes.publication_view, name="publication"),
    path("public/<int:pk>/", outcomes.public_view, name="public"),
]
