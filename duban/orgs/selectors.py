"""Directory reads: the match table, collective expansion, permission-aware unit/leader lists."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from duban.accounts.permissions import leader_scope, unit_scope
from duban.orgs.models import (
    CollectiveGroup,
    CollectiveRule,
    Leader,
    OrgUnit,
    UnitAlias,
    UnitKind,
    UnitLevel,
)
from duban.orgs.naming import MatchTable


def unit_match_table() -> MatchTable:
    return MatchTable.build(
        OrgUnit.objects.filter(is_active=True).values_list("id", "name"),
        UnitAlias.objects.values_list("unit_id", "name"),
    )


def _scoped(qs: QuerySet[Any], scope: Q | None) -> QuerySet[Any]:
    return qs if scope is None else qs.filter(scope)


def unit_list(*, user: Any, query: str = "") -> QuerySet[OrgUnit]:
    qs = _scoped(OrgUnit.objects.select_related("parent"), unit_scope(user))
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(aliases__name__icontains=query)).distinct()
    return qs.order_by("level", "name")


def leader_list(*, user: Any) -> QuerySet[Leader]:
    return _scoped(Leader.objects.prefetch_related("posts"), leader_scope(user)).order_by("name")


_RULE_FILTERS: dict[str, Q] = {
    CollectiveRule.STREETS: Q(kind=UnitKind.STREET_OFFICE),
    CollectiveRule.COUNTY_GOVERNMENTS: Q(kind=UnitKind.GOVERNMENT, level=UnitLevel.COUNTY),
    CollectiveRule.CITY_DEPARTMENTS: Q(kind=UnitKind.DEPARTMENT, level=UnitLevel.CITY),
    CollectiveRule.COUNTY_DEPARTMENTS: Q(kind=UnitKind.DEPARTMENT, level=UnitLevel.COUNTY),
}


def collective_members(*, group: CollectiveGroup) -> list[OrgUnit]:
    """The directory units a collective stands for, by its rule (or its explicit members)."""
    if group.rule == CollectiveRule.EXPLICIT:
        return list(group.members.filter(is_active=True).order_by("name"))
    rule_filter = _RULE_FILTERS.get(group.rule)
    if rule_filter is None:
        return []
    return list(OrgUnit.objects.filter(rule_filter, is_active=True).order_by("name"))
