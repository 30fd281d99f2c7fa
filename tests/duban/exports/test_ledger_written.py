"""The 台账 writes units and leaders as the notice did (issue 11, bug 6; issue 13, item 2).

A collective the import expanded (各街道办事处 → each street office) appears once, by its
name; one it could not resolve (相关街道办事处) is not dropped but shown and marked 待指定;
a collective 责任领导 (区政府班子成员) stands beside the person leaders.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from duban.accounts.models import Role
from duban.accounts.services import user_create
from duban.exports.base import ExportParams
from duban.exports.ledgers import LEDGER_COLUMNS, LedgerExporter
from duban.orgs.models import CollectiveGroup, CollectiveRule, UnitKind, UnitLevel
from duban.orgs.services import unit_create
from duban.plans.models import SourceDocument, Task, TaskCollective, UnitRole

pytestmark = pytest.mark.django_db

HEAD = [c.title for c in LEDGER_COLUMNS]


def _rows(document: SourceDocument) -> dict[int, dict[str, Any]]:
    office = user_create(username="office-l", password="Duban-test-2026!", role=Role.OFFICE)
    params = ExportParams(user=office, document=document, as_of=date(2024, 6, 30))
    return {
        int(r[0]): dict(zip(HEAD, r, strict=True)) for r in LedgerExporter().iterate_rows(params)
    }


def test_collectives_and_collective_leaders_as_written(import_basic: Callable[..., Any]) -> None:
    for name in ("甲街道办事处", "乙街道办事处"):
        unit_create(name=name, level=UnitLevel.STREET, kind=UnitKind.STREET_OFFICE)
    import_basic()
    task = Task.objects.get(number=2)
    assert task.assignments.filter(via_collective__isnull=False).count() == 2
    pending = CollectiveGroup.objects.create(name="相关街道办事处", rule=CollectiveRule.UNRESOLVED)
    TaskCollective.objects.create(
        task=task, group=pending, role=UnitRole.RESPONSIBLE, raw_name="相关街道办事处"
    )
    Task.objects.filter(pk=task.pk).update(collective_leaders=["区政府班子成员"])
    row = _rows(task.task_list.document)[2]
    units = row["责任单位"].split("、")
    assert units.count("各街道办事处") == 1
    assert "甲街道办事处" not in units and "乙街道办事处" not in units
    assert units[-1] == "相关街道办事处（待指定）"
    assert row["责任领导"].endswith("区政府班子成员")
