"""Signals the directory sends to the layers above it (which orgs may not import).

``collective_members_added`` — units have joined a collective group: a new unit that matches
a rule (各街道办事处 → every street office), a unit edited into a rule, or units added to an
explicit group. Sent by ``orgs.services`` inside the writing transaction with ``group``
(CollectiveGroup), ``units`` (list of OrgUnit) and ``actor``. ``duban.plans`` answers by giving
the group's tasks to the new members (``plans.services.collective_tasks_expand``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.dispatch import Signal

from duban.orgs.models import CollectiveGroup, OrgUnit
from duban.orgs.selectors import collective_groups_of

collective_members_added = Signal()


def collective_units_announce(*, units: Iterable[OrgUnit], actor: Any = None) -> None:
    """Send ``collective_members_added`` for each group that ``units`` (new or changed) fall in.

    Writes nothing itself: the receivers give the groups' tasks to the units and audit it.
    Called by ``services`` and ``directory`` inside the transaction that wrote the units.
    """
    by_group: dict[int, tuple[CollectiveGroup, list[OrgUnit]]] = {}
    for unit in units:
        for group in collective_groups_of(unit=unit):
            by_group.setdefault(group.pk, (group, []))[1].append(unit)
    for group, members in by_group.values():
        collective_members_added.send(
            sender=CollectiveGroup, group=group, units=members, actor=actor
        )
