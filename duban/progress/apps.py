from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate


def _build_read_model(sender: AppConfig, **kwargs: Any) -> None:
    """After ``migrate``: build the spans of documents that have none yet (upgrades).

    Run after every app's migrations (not as a migration) because the spans are computed by the
    current code from the current models; on a fresh database there is nothing to build.
    """
    from duban.progress.standing.refresh import build_missing

    build_missing(using=kwargs.get("using", "default"))


def _refresh_group_tasks(sender: Any, *, group: Any, **kwargs: Any) -> None:
    from duban.plans.models import TaskCollective
    from duban.progress.standing.refresh import refresh_tasks

    refresh_tasks(TaskCollective.objects.filter(group=group).values_list("task_id", flat=True))


class ProgressConfig(AppConfig):
    name = "duban.progress"
    label = "progress"
    verbose_name = "进展与督办"

    def ready(self) -> None:
        from duban.orgs.signals import collective_members_added

        post_migrate.connect(_build_read_model, sender=self)
        # After plans' receiver gave the group's tasks to the new members (connected first):
        # a task whose only lead was the collective now has a reporting unit.
        collective_members_added.connect(_refresh_group_tasks, dispatch_uid="progress.standing")
        # An evidence row deleted in any way (cascade, admin, queryset) takes its file along.
        from duban.progress.models import Evidence
        from duban.progress.services.evidence import evidence_file_release

        post_delete.connect(
            evidence_file_release, sender=Evidence, dispatch_uid="progress.evidence_file"
        )
