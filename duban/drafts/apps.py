from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "duban.drafts"
    label = "drafts"
    verbose_name = "任务分解草稿"

    def ready(self) -> None:
        from duban.drafts.services import upload_handler
        from duban.plans import uploads

        uploads.register("work_report", upload_handler)
