"""Root URL configuration: pages per app, the admin and ``/api/v1``."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="plans:task-list", permanent=False)),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="accounts/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # browsers ask for /favicon.ico on pages without a <link rel="icon"> (the admin's)
    path("favicon.ico", RedirectView.as_view(url=static("duban/favicon.ico"), permanent=True)),
    path("admin/", admin.site.urls),
    path("accounts/", include("duban.workflows.accounturls")),  # 用户管理 of the 督查室
    path("api/v1/", include("duban.api.urls")),
    path("", include("duban.plans.urls")),
    path("", include("duban.workflows.urls")),  # import confirm: plans + progress, one transaction
    path("", include("duban.orgs.urls")),
    path("", include("duban.progress.urls")),
    path("", include("duban.supervision.urls")),
    path("", include("duban.exports.urls")),
    path("", include("duban.messaging.urls")),
    path("", include("duban.drafts.urls")),  # 政府工作报告 → 目标任务分解草稿
    path("", include("duban.levels.urls")),  # 上下级关联 and 下级落实
]
