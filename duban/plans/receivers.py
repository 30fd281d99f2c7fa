"""Answers to the directory's signals (``duban.orgs.signals``); connected in ``PlansConfig``."""

from __future__ import annotations

from typing import Any

from duban.orgs.models import CollectiveGroup, OrgUnit
from duban.plans.services import collective_tasks_expand


def on_collective_members_added(
    sender: Any, *, group: CollectiveGroup, units: list[OrgUnit], actor: Any = None, **_: Any
) -> None:
    collective_tasks_expand(group=group, units=units, actor=actor)
