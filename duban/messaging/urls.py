from django.urls import path

from duban.messaging import views

app_name = "messaging"

urlpatterns = [
    path("messaging/", views.channels_view, name="channels"),
    path("messaging/robots/new/", views.robot_create_view, name="robot-create"),
    path("messaging/robots/<int:pk>/", views.robot_edit_view, name="robot-edit"),
    path("messaging/robots/<int:pk>/delete/", views.robot_delete_view, name="robot-delete"),
    path("messaging/robots/<int:pk>/test/", views.robot_test_view, name="robot-test"),
    path("messaging/log/", views.log_view, name="log"),
    path("messaging/log/<int:pk>/resend/", views.resend_view, name="resend"),
    path("messaging/mine/", views.preference_view, name="preference"),
]
