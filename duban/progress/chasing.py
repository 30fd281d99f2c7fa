"""Who gets chased, and how hard: 提醒 before the due date, 催办 after it, then 督办.

Pure rules with an explicit ``as_of``:

* from ``remind_days`` days before the due date up to the due date: **提醒** the unit's
  reporters;
* after the due date: **催办** to the unit's reporters;
* ``escalate_days`` or more days late: **督办** to the task's responsible leader as well.

One person is chased at most once per ``interval_days`` (``may_chase``), whatever the
number of late items: the reminders service gathers a person's items into one message.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class ChaseStage(StrEnum):
    REMIND = "remind"
    URGE = "urge"
    SUPERVISE = "supervise"


STAGE_LABELS = {
    ChaseStage.REMIND: "提醒",
    ChaseStage.URGE: "催办",
    ChaseStage.SUPERVISE: "督办",
}


def chase_stage(
    due: date, as_of: date, *, remind_days: int = 3, escalate_days: int = 5
) -> ChaseStage | None:
    """The stage a missing report is in on ``as_of`` (``None``: too early to chase)."""
    days_late = (as_of - due).days
    if days_late >= escalate_days:
        return ChaseStage.SUPERVISE
    if days_late > 0:
        return ChaseStage.URGE
    if -days_late <= remind_days:
        return ChaseStage.REMIND
    return None


def may_chase(last_sent: date | None, as_of: date, *, interval_days: int) -> bool:
    """False while the person's previous chase is younger than ``interval_days``."""
    return last_sent is None or (as_of - last_sent).days >= interval_days
