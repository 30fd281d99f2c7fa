from django.urls import path

from duban.workflows import views

app_name = "workflows"

urlpatterns = [
    path("imports/<int:pk>/confirm/", views.import_confirm_view, name="import-confirm"),
]
