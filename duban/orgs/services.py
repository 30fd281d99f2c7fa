"""Directory writes: units, aliases, collective groups, leaders and posts; bootstrap from names."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from duban.audit.services import audit_record
from duban.core import clock
from duban.core.exceptions import ApplicationError
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
from duban.orgs.naming import (
    city_government_of,
    collective_rule,
    government_of,
    guess_unit,
    normalize_name,
)
from duban.orgs.signals import collective_members_added, collective_units_announce

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
    """A new unit in the directory of the acting office's government."""
    unit = OrgUnit(
        name=normalize_name(name),
        level=level,
        kind=kind,
        parent=parent,
        is_active=is_active,
        note=note,
        government=Government.objects.for_actor(actor),
    )
    unit.full_clean()
    unit.save()
    audit_record(actor=actor, action="unit.create", target=unit, summary=unit.name)
    collective_units_announce(units=[unit], actor=actor)
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
    if changed.keys() & {"level", "kind", "is_active"}:
        collective_units_announce(units=[unit], actor=actor)  # it may now match a rule
    return unit


@transaction.atomic
def collective_group_set_members(
    *, group: CollectiveGroup, units: Iterable[OrgUnit], actor: Any = None
) -> CollectiveGroup:
    """Set the explicit members of ``group``; members added get the group's tasks.

    Removing a member does not take tasks away from it: the 督查室 does that by hand.
    """
    wanted = {u.pk: u for u in units}
    current = set(group.members.values_list("pk", flat=True))
    added = [u for pk, u in wanted.items() if pk not in current]
    removed = sorted(current - wanted.keys())
    if not added and not removed:
        return group
    group.members.add(*added)
    group.members.remove(*removed)
    audit_record(
        actor=actor,
        action="collective.members",
        target=group,
        summary=f"{group.name}：新增成员 {len(added)} 个，移除 {len(removed)} 个",
        data={"added": [u.name for u in added], "removed": removed},
    )
    if group.rule == CollectiveRule.EXPLICIT and added:
        collective_members_added.send(
            sender=CollectiveGroup,
            group=group,
            units=[u for u in added if u.is_active],
            actor=actor,
        )
    return group


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


def _ensure_government(
    name: str, level: str, parent: OrgUnit | None, government: Government | None
) -> OrgUnit:
    defaults = {"level": level, "kind": UnitKind.GOVERNMENT, "parent": parent}
    unit, _ = OrgUnit.objects.get_or_create(
        name=name, defaults={**defaults, "government": government}
    )
    return unit


def units_bootstrap(
    *,
    names: Iterable[str],
    issuer: str | None,
    actor: Any = None,
    government: Government | None = None,
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
            city_gov = _ensure_government(city_name, UnitLevel.CITY, None, government)
        county_gov = _ensure_government(gov[0], UnitLevel.COUNTY, city_gov, government)
        short = gov[0].removeprefix(city_name.removesuffix("人民政府")) if city_name else ""
        if short and short != gov[0] and not OrgUnit.objects.filter(name=short).exists():
            UnitAlias.objects.get_or_create(name=short, defaults={"unit": county_gov})
    elif gov is not None and gov[1] == "city":
        city_gov = _ensure_government(gov[0], UnitLevel.CITY, None, government)
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
            government=government,
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
        collective_units_announce(units=created.values(), actor=actor)  # earlier imports' groups
    return created


def collective_group_ensure(*, name: str) -> CollectiveGroup:
    """The CollectiveGroup for a collective name, created with its inferred rule."""
    group, _ = CollectiveGroup.objects.get_or_create(
        name=normalize_name(name), defaults={"rule": collective_rule(name)}
    )
    return group


def _placeholder_title(name: str) -> str:
    title = f"{name}所任职务"
    n = 2
    while Post.objects.filter(title=title).exists():  # the old post went to a successor
        title = f"{name}所任职务（{n}）"
        n += 1
    return title


def leader_post_ensure(*, name: str, government: Government | None = None) -> Post:
    """The post a named leader currently holds; a placeholder post is created when unknown.

    Tasks link to posts (not people), so a successor assigned with ``post_assign_holder``
    inherits them. Placeholder posts (``is_placeholder``) are titled ``<姓名>所任职务`` and
    shown as “（职务待补充）” until the office renames them with ``post_rename``.
    """
    leader, _ = Leader.objects.get_or_create(
        name=normalize_name(name), defaults={"government": government}
    )
    post = leader.posts.order_by("pk").first()
    if post is None:
        post = Post.objects.create(
            title=_placeholder_title(leader.name), holder=leader, is_placeholder=True
        )
        PostHolding.objects.create(post=post, leader=leader, started_at=clock.now())
    return post


HANDOVER_SAME = "{name}已是该职务的现任。"
HANDOVER_FUTURE = "生效日期不能晚于今天（交接后继任者立即接手该职务的任务）。"
HANDOVER_BEFORE = "生效日期不能早于现任（{name}）的任职日期 {start:%Y-%m-%d}。"
HANDOVER_NO_LEADER = "请选择继任领导或填写新领导姓名（二选一）。"
POST_TITLE_EMPTY = "请填写职务名称。"
POST_TITLE_TAKEN = "职务“{title}”已存在。"


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@transaction.atomic
def post_assign_holder(
    *,
    post: Post,
    leader: Leader | None,
    effective_on: date | None = None,
    note: str = "",
    actor: Any = None,
) -> Post:
    """Hand ``post`` (and with it every linked task) to ``leader``; history is kept.

    ``effective_on`` (default: now) dates the change in ``PostHolding``; it may lie in the
    past, never in the future, and never before the current holder took the post. The
    successor sees the post's tasks at once.
    """
    post = Post.objects.select_for_update().get(pk=post.pk)
    previous = post.holder
    if leader is not None and previous is not None and leader.pk == previous.pk:
        raise ApplicationError(HANDOVER_SAME.format(name=leader.name))
    now = clock.now()
    started = now
    current = PostHolding.objects.filter(post=post, ended_at__isnull=True).order_by("-started_at")
    if effective_on is not None:
        if effective_on > clock.today():
            raise ApplicationError(HANDOVER_FUTURE)
        started = _start_of(effective_on)
        latest = current.select_related("leader").first()
        if latest is not None:
            if effective_on < timezone.localdate(latest.started_at):
                raise ApplicationError(
                    HANDOVER_BEFORE.format(
                        name=latest.leader.name, start=timezone.localtime(latest.started_at)
                    )
                )
            # same day: right after the last start, so the holdings keep their order
            started = max(started, latest.started_at + timedelta(microseconds=1))
    current.update(ended_at=started, updated_at=now)
    post.holder = leader
    post.save(update_fields=["holder", "updated_at"])
    if leader is not None:
        PostHolding.objects.create(post=post, leader=leader, started_at=started, note=note)
    audit_record(
        actor=actor,
        action="post.assign",
        target=post,
        summary=f"{post.display_title}：{previous or '空缺'} → {leader or '空缺'}",
        data={
            "changes": [
                {
                    "field": "holder",
                    "before": previous.name if previous else "",
                    "after": leader.name if leader else "",
                }
            ],
            "effective_on": started.date().isoformat(),
            "note": note,
        },
    )
    return post


@transaction.atomic
def post_handover(
    *,
    post: Post,
    successor: Leader | None,
    new_leader_name: str = "",
    effective_on: date,
    note: str = "",
    actor: Any = None,
) -> Post:
    """The handover page: to an existing leader, or to a new one created by name."""
    name = normalize_name(new_leader_name)
    if (successor is None) == (not name):
        raise ApplicationError(HANDOVER_NO_LEADER)
    if successor is None:
        successor, created = Leader.objects.get_or_create(name=name)
        if created:
            audit_record(actor=actor, action="leader.create", target=successor, summary=name)
    return post_assign_holder(
        post=post, leader=successor, effective_on=effective_on, note=note, actor=actor
    )


@transaction.atomic
def post_rename(*, post: Post, title: str, actor: Any = None) -> Post:
    """Give ``post`` its real title; a placeholder post stops being one."""
    title = " ".join(title.split())
    if not title:
        raise ApplicationError(POST_TITLE_EMPTY)
    if Post.objects.filter(title=title).exclude(pk=post.pk).exists():
        raise ApplicationError(POST_TITLE_TAKEN.format(title=title))
    before = post.display_title
    post.title = title
    post.is_placeholder = False
    post.full_clean()
    post.save(update_fields=["title", "is_placeholder", "updated_at"])
    audit_record(
        actor=actor,
        action="post.rename",
        target=post,
        summary=f"{before} → {title}",
        data={"changes": [{"field": "title", "before": before, "after": title}]},
    )
    return post
