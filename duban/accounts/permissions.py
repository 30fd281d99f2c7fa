"""The one place that decides who may do what.

``Perm`` names every permission; ``can(user, perm, *, task=None, unit=None)`` answers
a yes/no question; the ``*_scope`` functions return the row filter the same rules imply,
so selectors, views and the API list exactly what ``can`` would allow one by one.

Rules (role → permissions):

* 督查室 (office): everything, including the writes no other role has: the directory
  (``directory.manage``), post handover and renaming (``post.manage``), imports, reviews,
  withdrawing an imported document (``document.withdraw``), editing and adding tasks in
  the app (``task.manage``), and managing accounts (``user.manage``: never a 系统管理员 or
  superuser, which stay with the superusers, ``accounts.services``).
* 审计 (auditor): every ``*_VIEW`` permission, on everything; no writes.
* 领导 (leader): the tasks linked to posts they currently hold; their own leader page;
  the units they are a member of.
* 单位填报员 (reporter): the tasks assigned to a unit they are a member of (in any role,
  including via an expanded collective such as 各街道办事处); those units' pages.

Progress (``progress.*``) follows the task scope: whoever may see a task may see its
plans, reports and evidence files; a reporter may write them only for a unit they are a
member of (``can(user, PROGRESS_SUBMIT, task=…, unit=…)``), and whether that unit leads or
contributes is the services' business. Reviews (``progress.review``) are the 督查室's;
leaders may leave 批示 (``instruction.create``) on their tasks.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db.models import Model, Q

from duban.accounts.models import Role


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


def _is_global(user: Any, perm: Perm) -> bool:
    """True when the user holds ``perm`` on every object."""
    if user.is_superuser or user.role == Role.OFFICE:
        return True
    return user.role == Role.AUDITOR and perm in VIEW_PERMS


_UNITS = "_duban_request_units"  # on request.user only: its units, once read


class _RequestUnits:
    """The units of the request's user, read at most once during that request."""

    ids: tuple[int, ...] | None = None


def keep_units_for_request(user: Any) -> None:
    """Let :func:`member_unit_ids` read ``user``'s units once for this request
    (``accounts.middleware.RequestUnitsMiddleware`` calls it on ``request.user``)."""
    if getattr(user, "is_authenticated", False):
        setattr(user, _UNITS, _RequestUnits())


def member_unit_ids(user: Any) -> list[int]:
    """The units ``user`` is a member of.

    Why the memo: a page asks ``can`` several times (the task, its reporting unit, the
    menu), and each asked for the memberships again. The request's own user reads them once
    (:func:`keep_units_for_request`), the next request afresh; any other user object (a
    service's, a test's) reads them every time, so it never sees stale memberships.
    """
    if not getattr(user, "is_authenticated", False):
        return []
    memo = getattr(user, _UNITS, None)
    if memo is not None and memo.ids is not None:
        return list(memo.ids)
    ids = tuple(user.memberships.values_list("unit_id", flat=True))
    if memo is not None:
        memo.ids = ids
    return list(ids)


def task_scope(user: Any) -> Q | None:
    """Filter on Task visible to ``user``; ``None`` means all tasks, ``Q(pk__in=[])`` none."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if _is_global(user, Perm.TASK_VIEW):
        return None
    if user.role == Role.LEADER:
        if user.leader_id is None:
            return Q(pk__in=[])
        return Q(leader_links__post__holder_id=user.leader_id)
    if user.role == Role.REPORTER:
        return Q(assignments__unit_id__in=member_unit_ids(user))
    return Q(pk__in=[])


def unit_scope(user: Any) -> Q | None:
    """Filter on OrgUnit visible to ``user``."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if _is_global(user, Perm.UNIT_VIEW):
        return None
    return Q(pk__in=member_unit_ids(user))


def leader_scope(user: Any) -> Q | None:
    """Filter on Leader visible to ``user``."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if _is_global(user, Perm.LEADER_VIEW):
        return None
    if user.role == Role.LEADER and user.leader_id is not None:
        return Q(pk=user.leader_id)
    return Q(pk__in=[])


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
    if perm not in SCOPED_PERMS.get(user.role, frozenset()):
        return False
    if task is not None and not _task_in_scope(user, task):
        return False
    if unit is not None and not _unit_in_scope(user, unit):
        return False
    return leader is None or _leader_in_scope(user, leader)
