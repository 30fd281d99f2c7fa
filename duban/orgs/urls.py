from django.urls import path

from duban.orgs import views

app_name = "orgs"

urlpatterns = [
    path("units/", views.unit_list_view, name="unit-list"),
    path("units/<int:pk>/edit/", views.unit_edit_view, name="unit-edit"),
    path("units/<int:pk>/aliases/", views.unit_alias_view, name="unit-alias"),
    path("leaders/", views.leader_list_view, name="leader-list"),
    path("posts/", views.post_list_view, name="post-list"),
    path("posts/<int:pk>/", views.post_detail_view, name="post-detail"),
    path("directory/", views.directory_view, name="directory"),
    path("directory/units.xlsx", views.directory_export_view, name="directory-export"),
]
