"""Migration progress 0010: the old 配合单位进展 (Contribution) rows become filed parts."""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

MIGRATION = "0010_unit_parts"


def _before() -> list[tuple[str, str]]:
    module = importlib.import_module(f"duban.progress.migrations.{MIGRATION}")
    # plans before its governments too: the old rows are written without one, and the
    # forward run then assigns them (plans 0013), as on an installation being upgraded
    progress = [dep for dep in module.Migration.dependencies if dep[0] == "progress"]
    return [*progress, ("plans", "0011_actual_imports")]


@pytest.mark.django_db(transaction=True)
def test_contributions_become_filed_parts() -> None:
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(_before())
    old = MigrationExecutor(connection).loader.project_state(_before()).apps
    unit_model, doc_model = (
        old.get_model("orgs", "OrgUnit"),
        old.get_model("plans", "SourceDocument"),
    )
    lead, street = (
        unit_model.objects.create(name="市甲局"),
        unit_model.objects.create(name="东街道"),
    )
    document = doc_model.objects.create(title="通知", file="x.txt", filename="x.txt", sha256="0")
    task_list = old.get_model("plans", "TaskList").objects.create(document=document, title="清单")
    task = old.get_model("plans", "Task").objects.create(
        task_list=task_list, number=1, text="任务", baseline_text="任务"
    )
    period = old.get_model("progress", "ReportingPeriod").objects.create(
        document=document, kind="monthly", label="2024年3月",
        start=date(2024, 3, 1), end=date(2024, 3, 31), due_date=date(2024, 4, 10),
    )  # fmt: skip
    report = old.get_model("progress", "ProgressReport").objects.create(
        task=task, period=period, unit=lead
    )
    contribution = old.get_model("progress", "Contribution").objects.create(
        report=report, unit=street, text="东街道完成选址"
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(leaves)
    from duban.progress.models import UnitPart

    part = UnitPart.objects.get()
    assert (part.task_id, part.period_id, part.unit_id) == (task.pk, period.pk, street.pk)
    assert part.state == "submitted" and part.progress == "东街道完成选址"
    assert part.submitted_at == contribution.updated_at
