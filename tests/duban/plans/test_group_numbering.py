"""Numbering that restarts in every leader group imports without false duplicates."""

from __future__ import annotations

import pytest

from duban.plans.models import RowState, Task
from duban.plans.records import TaskRecord
from duban.plans.revision import OldTask, diff_rows
from duban.plans.services import import_batch_confirm, import_batch_create

pytestmark = pytest.mark.django_db

GROUPED = """某某县2025年政府工作报告重点工作责任分解

一、周明远县长牵头重点工作
1.一般公共预算收入增长5%。
责任单位：县财政局
2.推进政务服务改革。
责任单位：县行政审批局
二、韩立新副县长牵头重点工作
1.新建农村公路30公里。
责任单位：县交通运输局
2.实施饮水安全巩固提升工程。
责任单位：县水利局

某某县人民政府办公室
2025年2月10日
"""


def _batch(data: str, filename: str = "grouped.txt") -> object:
    return import_batch_create(data=data.encode(), filename=filename, actor=None)


def test_restarted_numbers_are_not_duplicates() -> None:
    batch = _batch(GROUPED)
    rows = list(batch.rows.order_by("position"))  # type: ignore[attr-defined]
    assert [r.number for r in rows] == [1, 2, 1, 2]
    assert all(r.state != RowState.ERROR for r in rows), [r.messages for r in rows]
    import_batch_confirm(batch=batch, actor=None)  # type: ignore[arg-type]
    assert Task.objects.count() == 4


def test_revision_pairs_tasks_within_their_group() -> None:
    """In a revision, group 二's task 1 pairs with group 二's task 1, not with group 一's."""
    one, two = ("一、甲牵头重点工作",), ("二、乙牵头重点工作",)

    def record(text: str, path: tuple[str, ...]) -> TaskRecord:
        return TaskRecord("清单", path, 1, text, (), (), "", ())

    old = [
        OldTask(10, "清单", 1, record("推进政务服务改革。", one)),
        OldTask(11, "清单", 1, record("推进政务服务改革工作。", two)),
    ]
    new = [record("推进政务服务改革。", one), record("推进政务服务改革工作。", two)]
    diff = diff_rows(new, old)
    assert diff.rows[0] == ("unchanged", 10, 1.0)
    assert diff.rows[1] == ("unchanged", 11, 1.0)
    assert not diff.removed
