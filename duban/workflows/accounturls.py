"""``/accounts/…``: 用户 (the 督查室's account pages) and 修改密码; mounted by ``config.urls``."""

from django.urls import path

from duban.workflows import accountviews as views

app_name = "accounts"

urlpatterns = [
    path("password/", views.own_password_view, name="own-password"),
    path("users/", views.user_list_view, name="user-list"),
    path("users/new/", views.user_create_view, name="user-create"),
    path("users/<int:pk>/", views.user_edit_view, name="user-edit"),
    path("users/<int:pk>/password/", views.user_password_view, name="user-password"),
    path("users/<int:pk>/deactivate/", views.user_deactivate_view, name="user-deactivate"),
    path("users/<int:pk>/activate/", views.user_activate_view, name="user-activate"),
]
