"""The parsing seam refuses a report or a bulletin without tasks in Chinese, never with a crash.

Since ``taskdoc.parse/2`` a work report, a plan-execution report and a bulletin parse (their
figures, no tasks); importing them as a task list is later work, so the seam says what the
file is instead of offering an empty preview.
"""

from __future__ import annotations

import pytest

from duban.plans import parsing
from tests.taskdoc.conftest import CORPUS as SHARED


def test_a_work_report_is_refused_with_what_it_is() -> None:
    data = next(SHARED.glob("003_*.txt")).read_bytes()
    with pytest.raises(parsing.ParseFailedError) as caught:
        parsing.parse_document(data, filename="report.txt")
    assert caught.value.message.startswith("该文件是政府工作报告，")
    assert "任务分解通知" in caught.value.message


def test_a_plan_execution_report_is_refused_too() -> None:
    data = next(SHARED.glob("002_*.txt")).read_bytes()
    with pytest.raises(parsing.ParseFailedError) as caught:
        parsing.parse_document(data, filename="plan.txt")
    assert caught.value.message.startswith("该文件是计划执行情况的报告，")


def test_a_notice_still_parses() -> None:
    data = next(SHARED.glob("000_*.txt")).read_bytes()
    assert len(parsing.parse_document(data, filename="notice.txt").tasks) == 59
