from django.urls import path

from duban.exports import order_views, views

app_name = "exports"

urlpatterns = [
    path("exports/<slug:identifier>.xlsx", views.export_view, name="export"),
    path(
        "exports/<slug:identifier>.docx",
        views.export_view,
        {"fmt": "docx"},
        name="export-docx",
    ),
    path("bulletins/", views.bulletin_list_view, name="bulletin-list"),
    path("bulletins/<int:pk>/", views.bulletin_detail_view, name="bulletin-detail"),
    path("bulletins/<int:pk>/issue/", views.bulletin_issue_view, name="bulletin-issue"),
    path(
        "bulletins/<int:pk>.<str:fmt>",
        views.bulletin_file_view,
        name="bulletin-file",
    ),
    path(
        "units/<int:pk>/assignment.docx",
        order_views.assignment_doc_view,
        name="assignment-doc",
    ),
    path(
        "progress/orders/<int:pk>.docx",
        order_views.supervision_order_view,
        name="supervision-order",
    ),
]
