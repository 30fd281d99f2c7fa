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


def _unit_ids(user: Any) -> list[int]:
    return list(user.memberships.values_list("unit_id", flat=True))


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
        return Q(assignments__unit_id__in=_unit_ids(user))
    return Q(pk__in=[])


def unit_scope(user: Any) -> Q | None:
    """Filter on OrgUnit visible to ``user``."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if _is_global(user, Perm.UNIT_VIEW):
        return None
    return Q(pk__in=_unit_ids(user))


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
    if task is not None and not _in_scope(task, task_scope(user)):
        return False
    if unit is not None and not _in_scope(unit, unit_scope(user)):
        return False
    return leader is None or _in_scope(leader, leader_scope(user))
