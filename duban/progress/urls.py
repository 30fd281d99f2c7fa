from django.urls import path

from duban.progress.views import bulk, chase, documents, office, parts, reports, tasks

app_name = "progress"

urlpatterns = [
    path("tasks/<int:pk>/progress/", tasks.task_progress_view, name="task"),
    path("tasks/<int:pk>/progress/acknowledge/", tasks.acknowledge_view, name="acknowledge"),
    path("tasks/<int:pk>/progress/completion/", tasks.completion_create_view, name="completion"),
    path(
        "tasks/<int:pk>/progress/completion/<int:request_pk>/review/",
        tasks.completion_review_view,
        name="completion-review",
    ),
    path("tasks/<int:pk>/progress/revision/", tasks.revision_create_view, name="revision"),
    path(
        "tasks/<int:pk>/progress/revision/<int:revision_pk>/decide/",
        tasks.revision_decide_view,
        name="revision-decide",
    ),
    path("tasks/<int:pk>/progress/instruction/", tasks.instruction_create_view, name="instruction"),
    path("tasks/<int:pk>/plan/", tasks.plan_view, name="plan-edit"),
    path("tasks/<int:pk>/reports/<int:period_pk>/", reports.report_view, name="report-edit"),
    path("tasks/<int:pk>/parts/<int:period_pk>/", parts.part_view, name="part"),
    path("evidence/<int:pk>/", reports.evidence_download_view, name="evidence-download"),
    path("progress/", bulk.bulk_view, name="bulk"),
    path("progress/sheet.xlsx", bulk.workbook_download_view, name="workbook-download"),
    path("progress/upload/", bulk.workbook_upload_view, name="workbook-upload"),
    path("progress/review/", office.review_queue_view, name="review-queue"),
    path("progress/review/approve/", office.review_batch_view, name="review-batch"),
    path("progress/late/", office.late_list_view, name="late"),
    path("progress/chase/", chase.chase_view, name="chase"),
    path("progress/orders/", chase.orders_view, name="chase-records"),
    path("documents/<int:pk>/periods/", office.periods_view, name="periods"),
    path(
        "documents/<int:pk>/withdraw/",
        documents.document_withdraw_view,
        name="document-withdraw",
    ),
    path("notifications/", office.notifications_view, name="notifications"),
    path("notifications/<int:pk>/read/", office.notification_read_view, name="notification-read"),
    path(
        "notifications/read-all/", office.notification_read_all_view, name="notification-read-all"
    ),
]
