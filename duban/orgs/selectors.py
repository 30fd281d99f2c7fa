"""Directory reads: the match table, collective expansion, permission-aware unit/leader lists."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, Q, QuerySet, When

from duban.accounts.permissions import leader_scope, post_scope, unit_scope
from duban.orgs.models import (
    CollectiveGroup,
    CollectiveRule,
    Government,
    Leader,
    OrgUnit,
    Post,
    PostHolding,
    UnitAlias,
    UnitKind,
    UnitLevel,
)
from duban.orgs.naming import MatchTable


def unit_match_table(*, prefer: Government | None = None) -> MatchTable:
    """The directory as a match table; ``prefer``'s units come first, so where two keys
    collide (a suffix or alias key) the importing government's unit wins."""
    units = OrgUnit.objects.filter(is_active=True)
    aliases = UnitAlias.objects.all()
    if prefer is not None:
        mine = Case(When(government=prefer, then=0), default=1)
        units = units.order_by(mine, "pk")
        aliases = aliases.order_by(Case(When(unit__government=prefer, then=0), default=1), "pk")
    return MatchTable.build(units.values_list("id", "name"), aliases.values_list("unit_id", "name"))


def _scoped(qs: QuerySet[Any], scope: Q | None) -> QuerySet[Any]:
    return qs if scope is None else qs.filter(scope)


def unit_list(*, user: Any, query: str = "") -> QuerySet[OrgUnit]:
    qs = _scoped(OrgUnit.objects.select_related("parent"), unit_scope(user))
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(aliases__name__icontains=query)).distinct()
    return qs.order_by("level", "name")


def leader_list(*, user: Any) -> QuerySet[Leader]:
    return _scoped(Leader.objects.prefetch_related("posts"), leader_scope(user)).order_by("name")


def post_list(*, user: Any) -> QuerySet[Post]:
    """The office's posts with their holders (the post pages are the 督查室's:
    ``Perm.POST_MANAGE``; ``post_scope``: its own government's)."""
    return (
        _scoped(Post.objects.all(), post_scope(user))
        .select_related("holder", "unit")
        .order_by("-is_placeholder", "title")
    )


def post_holdings(*, post: Post) -> QuerySet[PostHolding]:
    return post.holdings.select_related("leader").order_by("-started_at", "-pk")


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


def collective_groups_of(*, unit: OrgUnit) -> list[CollectiveGroup]:
    """The groups whose expansion includes ``unit`` (by rule, or as an explicit member)."""
    if not unit.is_active:
        return []
    groups = []
    for group in CollectiveGroup.objects.order_by("name"):
        if group.rule == CollectiveRule.EXPLICIT:
            if group.members.filter(pk=unit.pk).exists():
                groups.append(group)
            continue
        rule_filter = _RULE_FILTERS.get(group.rule)
        if rule_filter is not None and OrgUnit.objects.filter(rule_filter, pk=unit.pk).exists():
            groups.append(group)
    return groups
