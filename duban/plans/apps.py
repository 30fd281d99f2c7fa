from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "duban.plans"
    label = "plans"
    verbose_name = "任务"

    def ready(self) -> None:
        from duban.orgs.signals import collective_members_added
        from duban.plans.receivers import on_collective_members_added

        collective_members_added.connect(
            on_collective_members_added, dispatch_uid="plans.collective_tasks_expand"
        )
        from duban.plans import uploads
        from duban.plans.services.actuals import actual_upload

        # an execution report or a bulletin: its actuals, matched to the year's targets
        uploads.register("plan_execution_report", actual_upload)
        uploads.register("bulletin", actual_upload)
