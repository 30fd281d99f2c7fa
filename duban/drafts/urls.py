from django.urls import path

from duban.drafts import views

app_name = "drafts"

urlpatterns = [
    path("drafts/", views.draft_list_view, name="draft-list"),
    path("drafts/<int:pk>/", views.draft_detail_view, name="draft-detail"),
    path("drafts/<int:pk>/rows/new/", views.row_add_view, name="row-add"),
    path("drafts/<int:pk>/rows/<int:row_pk>/", views.row_save_view, name="row-save"),
    path("drafts/<int:pk>/rows/<int:row_pk>/delete/", views.row_delete_view, name="row-delete"),
    path("drafts/<int:pk>/notice.docx", views.draft_docx_view, name="draft-docx"),
    path("drafts/<int:pk>/confirm/", views.draft_confirm_view, name="draft-confirm"),
    path("drafts/<int:pk>/discard/", views.draft_discard_view, name="draft-discard"),
]
