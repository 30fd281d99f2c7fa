from django.urls import path

from duban.levels import views

app_name = "levels"

urlpatterns = [
    path("levels/", views.pairs_view, name="pairs"),
    path("levels/propose/", views.propose_view, name="propose"),
    path("levels/decide/", views.decide_view, name="decide"),
    path("documents/<int:pk>/lower/", views.document_lower_view, name="document-lower"),
]
