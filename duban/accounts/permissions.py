"""The one place that decides who may do what.

``Perm`` names every permission; ``can(user, perm, *, task=None, unit=None)`` answers
a yes/no question; the ``*_scope`` functions return the row filter the same rules imply,
so selectors, views and the API list exactly what ``can`` would allow one by one.

Rules (role → permissions):

* 督查室 (office): everything of its own government (see "Governments" below), including the writes no other role has: the directory
  (``directory.manage``), post handover and renaming (``post.manage``), imports, reviews,
  withdrawing an imported document (``document.withdraw``), editing and adding tasks in
  the app (``task.manage``), and managing accounts (``user.manage``: never a 系统管理员 or
  superuser, which stay with the superusers, ``accounts.services``).
* 审计 (auditor): every ``*_VIEW`` permission, on its own government's ledger; no writes.
* 领导 (leader): the tasks linked to posts they currently hold; their own leader page;
  the units they are a member of.
* 单位填报员 (reporter): the tasks assigned to a unit they are a member of (in any role,
  including via an expanded collective such as 各街道办事处); those units' pages.

Progress (``progress.*``) follows the task scope: whoever may see a task may see its
plans, reports and evidence files; a reporter may write them only for a unit they are a
member of (``can(user, PROGRESS_SUBMIT, task=…, unit=…)``), and whether that unit leads or
contributes is the services' business. Reviews (``progress.review``) are the 督查室's;
leaders may leave 批示 (``instruction.create``) on their tasks.

Governments (``orgs.Government``). One installation may hold a city and its districts; each
document, unit, leader and office account belongs to one. While the installation holds one
government (every installation before governments existed) the office and the auditor are
global, as they always were: ``Seat.several`` is false and every scope is ``None``. As soon as
two exist, an office or auditor acts for ``User.government`` (an account without one acts
for none and sees nothing: nothing is guessed across governments) and:

* reads its own government's documents, tasks, units (and the shared ones, government null),
  leaders, imports, drafts, robots, users; plus two granted reads —
  (a) a task of another government assigned, in any role (a collective expanded included),
  to the unit that *is* the office's government (``Government.unit``: the city task given to
  管城回族区人民政府 is read by the district's 督查室), and
  (b) ``linked_read_scope``: lower governments' tasks linked to its own by a confirmed link;
* writes (``perm`` not in ``VIEW_PERMS``) only on its own government's objects
  (``task_write_scope``, ``unit_write_scope``, ``acts_for``). On a granted task an office has
  only what a member of the assigned unit has (``progress.submit`` for a unit it is a member
  of), exactly as the reporter rule says.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar

from django.db.models import Manager, Model, Q, QuerySet

from duban.accounts.models import Role
from duban.accounts.seats import member_unit_ids, seat

NOTHING = Q(pk__in=[])
M = TypeVar("M", bound=Model)
GOVERNMENT_ROLES = frozenset({Role.OFFICE, Role.AUDITOR})


class Perm(StrEnum):
    TASK_VIEW = "task.view"
    UNIT_VIEW = "unit.view"
    LEADER_VIEW = "leader.view"
    DOCUMENT_VIEW = "document.view"
    AUDIT_VIEW = "audit.view"
    DIRECTORY_MANAGE = "directory.manage"
    POST_MANAGE = "post.manage"
    IMPORT_RUN = "import.run"
    DOCUMENT_WITHDRAW = "document.withdraw"
    PROGRESS_VIEW = "progress.view"
    PROGRESS_SUBMIT = "progress.submit"
    PROGRESS_REVIEW = "progress.review"
    INSTRUCTION_CREATE = "instruction.create"
    TASK_MANAGE = "task.manage"
    USER_MANAGE = "user.manage"
    MESSAGING_MANAGE = "messaging.manage"  # robots, the e-mail switch, resending (督查室)
    DELIVERY_VIEW = "delivery.view"  # the delivery log (督查室, 审计)
    PROGRESS_CHASE = "progress.chase"  # 催办 and 督办单 from the late list and task page (督查室)
    LINK_VIEW = "link.view"  # 上下级关联 and the districts' figures (督查室, 审计)
    LINK_MANAGE = "link.manage"  # proposing and deciding 上下级关联 (督查室)


VIEW_PERMS = frozenset(
    {
        Perm.TASK_VIEW,
        Perm.UNIT_VIEW,
        Perm.LEADER_VIEW,
        Perm.DOCUMENT_VIEW,
        Perm.AUDIT_VIEW,
        Perm.PROGRESS_VIEW,
        Perm.DELIVERY_VIEW,
        Perm.LINK_VIEW,
    }
)
SCOPED_PERMS = {
    Role.LEADER: frozenset(
        {
            Perm.TASK_VIEW,
            Perm.UNIT_VIEW,
            Perm.LEADER_VIEW,
            Perm.PROGRESS_VIEW,
            Perm.INSTRUCTION_CREATE,
        }
    ),
    Role.REPORTER: frozenset(
        {Perm.TASK_VIEW, Perm.UNIT_VIEW, Perm.PROGRESS_VIEW, Perm.PROGRESS_SUBMIT}
    ),
}


def _government_user(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.role in GOVERNMENT_ROLES


def _everything(user: Any) -> bool:
    """True when no government filter applies: superusers, and offices/auditors of a
    one-government installation."""
    if user.is_superuser:
        return True
    return _government_user(user) and not seat(user).several


def _is_global(user: Any, perm: Perm) -> bool:
    """True when the user holds ``perm`` on every object."""
    if user.is_superuser:
        return True
    if user.role == Role.AUDITOR and perm not in VIEW_PERMS:
        return False
    return _everything(user)


def _own(user: Any, path: str) -> Q:
    """Rows whose ``path`` (a Government FK) is the user's own government."""
    government_id = seat(user).government_id
    return Q(**{f"{path}_id": government_id}) if government_id is not None else NOTHING


def government_scope(user: Any, path: str = "owner") -> Q | None:
    """Filter on rows owned by a government (``owner`` of imports, drafts, robots, weights;
    ``government`` of documents and users): the user's own; ``None`` = all."""
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    if _everything(user):
        return None
    return _own(user, path) if _government_user(user) else NOTHING


def ledger_scope(user: Any, path: str) -> Q | None:
    """For an office or auditor, rows of its government (``path`` a Government FK); for other
    roles ``None``: their rows are decided by the task and unit scopes (issued bulletins…)."""
    if getattr(user, "is_authenticated", False) and _government_user(user):
        return government_scope(user, path)
    return None


def ledger_visible(user: Any, document: Model) -> bool:
    """May ``user`` see ``document``'s own figures (its public page before publication)? An
    office or auditor: only its own government's; other roles: as before (their role)."""
    return not _government_user(user) or acts_for(user, getattr(document, "government_id", None))


def acts_for(user: Any, government_id: int | None) -> bool:
    """May ``user`` act (read or write) on a row of ``government_id`` as its own?"""
    if not getattr(user, "is_authenticated", False):
        return False
    if _everything(user):
        return True
    own = seat(user).government_id
    return _government_user(user) and own is not None and own == government_id


def linked_read_scope(user: Any) -> Q:
    """Tasks of lower governments linked to the user's own tasks by a confirmed link
    (``levels.LevelLink``: the city office reads the district tasks that implement its own)."""
    government_id = seat(user).government_id
    if government_id is None:
        return NOTHING
    return Q(
        upper_links__status="confirmed",
        upper_links__upper_document__government_id=government_id,
    )


def _granted_task_read(user: Any) -> Q:
    """Reads beyond the own government: tasks assigned to the government's own unit, and
    linked lower tasks (``linked_read_scope``)."""
    unit_id = seat(user).unit_id
    granted = linked_read_scope(user)
    if unit_id is not None:
        granted |= Q(assignments__unit_id=unit_id)
    return granted


def task_scope(user: Any) -> Q | None:
    """Filter on Task visible to ``user``; ``None`` means all tasks, ``Q(pk__in=[])`` none."""
    if not user.is_authenticated:
        return NOTHING
    if _everything(user):
        return None
    if _government_user(user):
        return _own(user, "task_list__document__government") | _granted_task_read(user)
    return _member_scope(user)


def _member_scope(user: Any) -> Q:
    """The tasks of a leader (through their posts) or a reporter (through their units)."""
    if user.role == Role.LEADER:
        if user.leader_id is None:
            return NOTHING
        return Q(leader_links__post__holder_id=user.leader_id)
    if user.role == Role.REPORTER:
        return Q(assignments__unit_id__in=member_unit_ids(user))
    return NOTHING


def task_write_scope(user: Any) -> Q | None:
    """Filter on Task an office may change (review, chase, edit…): its own government's."""
    if not user.is_authenticated:
        return NOTHING
    if _everything(user):
        return None
    if user.role == Role.OFFICE:
        return _own(user, "task_list__document__government")
    return NOTHING


def document_scope(user: Any) -> Q | None:
    """Filter on SourceDocument an office or auditor holds as its own (periods, bulletins,
    withdraw, publication): its government's. Others see documents through their tasks."""
    return government_scope(user, "government")


def unit_scope(user: Any) -> Q | None:
    """Filter on OrgUnit visible to ``user``."""
    if not user.is_authenticated:
        return NOTHING
    if _everything(user):
        return None
    if _government_user(user):
        unit_id = seat(user).unit_id
        own_unit = Q(pk=unit_id) if unit_id is not None else NOTHING
        return _own(user, "government") | Q(government__isnull=True) | own_unit
    return Q(pk__in=member_unit_ids(user))


def unit_write_scope(user: Any) -> Q | None:
    """Filter on OrgUnit an office may change (the directory): its own government's."""
    if not user.is_authenticated:
        return NOTHING
    if _everything(user):
        return None
    return _own(user, "government") if user.role == Role.OFFICE else NOTHING


def leader_scope(user: Any) -> Q | None:
    """Filter on Leader visible to ``user``."""
    if not user.is_authenticated:
        return NOTHING
    if _everything(user):
        return None
    if _government_user(user):
        return _own(user, "government") | Q(government__isnull=True)
    if user.role == Role.LEADER and user.leader_id is not None:
        return Q(pk=user.leader_id)
    return NOTHING


def post_scope(user: Any) -> Q | None:
    """Filter on Post an office manages (handover, rename): its holder's or its unit's
    government is the office's own."""
    if not user.is_authenticated:
        return NOTHING
    if _everything(user):
        return None
    if user.role != Role.OFFICE:
        return NOTHING
    return _own(user, "holder__government") | _own(user, "unit__government")


def delivery_scope(user: Any) -> Q | None:
    """Filter on DeliveryLog the office reads and resends: messages of its own robots and
    messages to its own government's accounts."""
    if not user.is_authenticated:
        return NOTHING
    if _everything(user):
        return None
    if not _government_user(user):
        return NOTHING
    return _own(user, "robot__owner") | _own(user, "notification__recipient__government")


def user_scope(user: Any) -> Q | None:
    """Filter on User an office manages or an auditor reads: its own government's accounts."""
    return government_scope(user, "government")


def _in_scope(obj: Model, scope: Q | None) -> bool:
    if scope is None:
        return True
    return type(obj)._default_manager.filter(scope, pk=obj.pk).exists()


def _prefetched(obj: Model, name: str) -> list[Any] | None:
    """``obj``'s related rows ``name`` when a ``prefetch_related`` already read them."""
    rows = getattr(obj, "_prefetched_objects_cache", {}).get(name)
    return None if rows is None else list(rows)


def _task_in_scope(user: Any, task: Model) -> bool:
    """``task`` in ``task_scope(user)``. A task page has prefetched the task's assignments
    (``plans.selectors.task_get``): one of the reporter's units among them answers yes without
    a query (a prefetch may be narrowed, never widened, so only a yes is taken from it); any
    other answer is the EXISTS of the scope itself."""
    if _is_global(user, Perm.TASK_VIEW):
        return True
    if user.role == Role.REPORTER:
        mine = set(member_unit_ids(user))
        if any(a.unit_id in mine for a in _prefetched(task, "assignments") or ()):
            return True
    return _in_scope(task, task_scope(user))


def _unit_in_scope(user: Any, unit: Model) -> bool:
    """``unit`` in ``unit_scope(user)`` (the user's own units), without a query."""
    return _is_global(user, Perm.UNIT_VIEW) or unit.pk in member_unit_ids(user)


def _leader_in_scope(user: Any, leader: Model) -> bool:
    """``leader`` in ``leader_scope(user)`` (a leader sees only themself), without a query."""
    if _is_global(user, Perm.LEADER_VIEW):
        return True
    return user.role == Role.LEADER and user.leader_id is not None and leader.pk == user.leader_id


def can(
    user: Any,
    perm: Perm,
    *,
    task: Model | None = None,
    unit: Model | None = None,
    leader: Model | None = None,
) -> bool:
    """May ``user`` exercise ``perm`` (on ``task`` / ``unit`` / ``leader`` when given)?

    Without an object the question is "may the user use this feature at all" (e.g.
    open the ledger, which the selectors then scope).
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if _is_global(user, perm):
        return True
    if _government_can(user, perm, task=task, unit=unit, leader=leader):
        return True
    role = Role.REPORTER if user.role == Role.OFFICE else user.role
    if perm not in SCOPED_PERMS.get(role, frozenset()):
        return False
    return _member_can(user, task=task, unit=unit, leader=leader)


def _member_can(user: Any, *, task: Model | None, unit: Model | None, leader: Model | None) -> bool:
    """A unit member's or leader's check on the objects (an office's too, on a task another
    government lets it read); a reporter's and a leader's without a query where it can."""
    if user.role == Role.OFFICE:
        checks = (
            (task, _member_task_scope(user)),
            (unit, _member_unit_scope(user)),
            (leader, leader_scope(user)),
        )
        return all(obj is None or _in_scope(obj, scope) for obj, scope in checks)
    if task is not None and not _task_in_scope(user, task):
        return False
    if unit is not None and not _unit_in_scope(user, unit):
        return False
    return leader is None or _leader_in_scope(user, leader)


def _government_can(
    user: Any, perm: Perm, *, task: Model | None, unit: Model | None, leader: Model | None
) -> bool:
    """An office or auditor of a several-government installation: reads on the read scope,
    writes (the office's) on its own government's objects."""
    reading = perm in VIEW_PERMS
    if not _government_user(user) or not (reading or user.role == Role.OFFICE):
        return False
    checks = (
        (task, task_scope(user) if reading else task_write_scope(user)),
        (unit, unit_scope(user) if reading else unit_write_scope(user)),
        (leader, leader_scope(user) if reading else _own(user, "government")),
    )
    return all(obj is None or _in_scope(obj, scope) for obj, scope in checks)


def _member_task_scope(user: Any) -> Q | None:
    """An office on another government's task it may read has a unit member's rights there
    (the reporter rule: the tasks of the units it is a member of)."""
    if user.role == Role.OFFICE:
        return Q(assignments__unit_id__in=member_unit_ids(user))
    return task_scope(user)


def _member_unit_scope(user: Any) -> Q | None:
    return Q(pk__in=member_unit_ids(user)) if user.role == Role.OFFICE else unit_scope(user)


def within(qs: QuerySet[M] | Manager[M], scope: Q | None) -> QuerySet[M]:
    """``qs`` narrowed to ``scope`` (``None`` = unchanged): for the by-id lookups of pages."""
    return qs.all() if scope is None else qs.filter(scope)
