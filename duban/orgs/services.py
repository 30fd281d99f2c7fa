"""Directory writes: units, aliases, collective groups, leaders and posts; bootstrap from names."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from duban.audit.services import audit_record
from duban.core.exceptions import ApplicationError
from duban.orgs.models import (
    CollectiveGroup,
    Leader,
    OrgUnit,
    Post,
    PostHolding,
    UnitAlias,
    UnitKind,
    UnitLevel,
)
from duban.orgs.naming import (
    city_government_of,
    collective_rule,
    government_of,
    guess_unit,
    normalize_name,
)

ALIAS_TAKEN = "别名“{name}”已被单位“{unit}”使用。"
ALIAS_IS_UNIT = "“{name}”已是一个单位的正式名称，不能作为别名。"


@transaction.atomic
def unit_create(
    *,
    name: str,
    level: str = UnitLevel.OTHER,
    kind: str = UnitKind.OTHER,
    parent: OrgUnit | None = None,
    is_active: bool = True,
    note: str = "",
    actor: Any = None,
) -> OrgUnit:
    unit = OrgUnit(
        name=normalize_name(name),
        level=level,
        kind=kind,
        parent=parent,
        is_active=is_active,
        note=note,
    )
    unit.full_clean()
    unit.save()
    audit_record(actor=actor, action="unit.create", target=unit, summary=unit.name)
    return unit


@transaction.atomic
def unit_update(*, unit: OrgUnit, actor: Any = None, **fields: Any) -> OrgUnit:
    allowed = {"name", "level", "kind", "parent", "is_active", "note"}
    changed = {k: v for k, v in fields.items() if k in allowed and getattr(unit, k) != v}
    for key, value in changed.items():
        setattr(unit, key, value)
    unit.full_clean()
    unit.save()
    audit_record(
        actor=actor,
        action="unit.update",
        target=unit,
        summary=unit.name,
        data={k: str(v) for k, v in changed.items()},
    )
    return unit


@transaction.atomic
def unit_alias_add(*, unit: OrgUnit, name: str, actor: Any = None) -> UnitAlias:
    """Record another name for ``unit``; refuses a name used by another unit or alias."""
    name = normalize_name(name)
    existing = UnitAlias.objects.filter(name=name).select_related("unit").first()
    if existing is not None:
        if existing.unit_id == unit.pk:
            return existing
        raise ApplicationError(ALIAS_TAKEN.format(name=name, unit=existing.unit.name))
    if OrgUnit.objects.filter(name=name).exclude(pk=unit.pk).exists():
        raise ApplicationError(ALIAS_IS_UNIT.format(name=name))
    alias = UnitAlias(unit=unit, name=name)
    alias.full_clean()
    alias.save()
    audit_record(actor=actor, action="unit.alias_add", target=unit, summary=f"{name} → {unit}")
    return alias


def _ensure_government(name: str, level: str, parent: OrgUnit | None) -> OrgUnit:
    unit, _ = OrgUnit.objects.get_or_create(
        name=name, defaults={"level": level, "kind": UnitKind.GOVERNMENT, "parent": parent}
    )
    return unit


def units_bootstrap(
    *, names: Iterable[str], issuer: str | None, actor: Any = None
) -> dict[str, OrgUnit]:
    """Create directory units for ``names`` not yet known, inferring level/kind/parent.

    The issuing government (from ``issuer``) and, for a county-level issuer, its city
    government are created first so that new units can hang under them. Called inside the
    import confirm transaction; one audit record summarises the created units.
    """
    gov = government_of(issuer)
    city_gov: OrgUnit | None = None
    county_gov: OrgUnit | None = None
    if gov is not None and gov[1] == "county":
        city_name = city_government_of(gov[0])
        if city_name:
            city_gov = _ensure_government(city_name, UnitLevel.CITY, None)
        county_gov = _ensure_government(gov[0], UnitLevel.COUNTY, city_gov)
        short = gov[0].removeprefix(city_name.removesuffix("人民政府")) if city_name else ""
        if short and short != gov[0] and not OrgUnit.objects.filter(name=short).exists():
            UnitAlias.objects.get_or_create(name=short, defaults={"unit": county_gov})
    elif gov is not None and gov[1] == "city":
        city_gov = _ensure_government(gov[0], UnitLevel.CITY, None)
    parents = {u.name: u for u in (city_gov, county_gov) if u is not None}
    created: dict[str, OrgUnit] = {}
    for raw in names:
        name = normalize_name(raw)
        if name in created or OrgUnit.objects.filter(name=name).exists():
            continue
        guess = guess_unit(
            name,
            city_gov=city_gov.name if city_gov else None,
            county_gov=county_gov.name if county_gov else None,
        )
        unit = OrgUnit(
            name=name,
            level=guess.level,
            kind=guess.kind,
            parent=parents.get(guess.parent_name or ""),
        )
        unit.full_clean()
        unit.save()
        created[name] = unit
    if created:
        audit_record(
            actor=actor,
            action="unit.bootstrap",
            summary=f"新建单位 {len(created)} 个",
            data={"names": list(created)},
        )
    return created


def collective_group_ensure(*, name: str) -> CollectiveGroup:
    """The CollectiveGroup for a collective name, created with its inferred rule."""
    group, _ = CollectiveGroup.objects.get_or_create(
        name=normalize_name(name), defaults={"rule": collective_rule(name)}
    )
    return group


def leader_post_ensure(*, name: str) -> Post:
    """The post a named leader currently holds; a placeholder post is created when unknown.

    Tasks link to posts (not people), so a successor assigned with ``post_assign_holder``
    inherits them. Placeholder posts are titled ``<姓名>所任职务`` until the office renames them.
    """
    leader, _ = Leader.objects.get_or_create(name=normalize_name(name))
    post = leader.posts.order_by("pk").first()
    if post is None:
        post = Post.objects.create(title=f"{leader.name}所任职务", holder=leader)
        PostHolding.objects.create(post=post, leader=leader, started_at=timezone.now())
    return post


@transaction.atomic
def post_assign_holder(*, post: Post, leader: Leader | None, actor: Any = None) -> Post:
    """Hand ``post`` (and with it every linked task) to ``leader``; history is kept."""
    now = timezone.now()
    previous = post.holder
    PostHolding.objects.filter(post=post, ended_at__isnull=True).update(ended_at=now)
    post.holder = leader
    post.save(update_fields=["holder", "updated_at"])
    if leader is not None:
        PostHolding.objects.create(post=post, leader=leader, started_at=now)
    audit_record(
        actor=actor,
        action="post.assign",
        target=post,
        summary=f"{post.title}：{previous or '空缺'} → {leader or '空缺'}",
    )
    return post
