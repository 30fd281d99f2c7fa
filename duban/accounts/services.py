"""Account writes: create a user with a role and unit memberships; API tokens for systems."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from rest_framework.authtoken.models import Token

from duban.accounts.models import Role, UnitMembership, User
from duban.audit.services import audit_record
from duban.core.exceptions import ApplicationError

STAFF_ROLES = (Role.OFFICE, Role.ADMIN)


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: Role,
    display_name: str = "",
    units: Sequence[Any] = (),
    leader: Any = None,
    superuser: bool = False,
    actor: Any = None,
) -> User:
    """Create (or reset) a user; memberships are replaced by ``units``.

    The 系统管理员 role is always a superuser; the 督查室 is staff (its admin rights come from
    ``accounts.backends``) and a superuser only when ``superuser`` asks for it explicitly.
    """
    user, created = User.objects.get_or_create(username=username)
    user.role = role
    user.display_name = display_name
    user.leader = leader
    user.is_superuser = superuser or role == Role.ADMIN
    user.is_staff = role in STAFF_ROLES or user.is_superuser
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    UnitMembership.objects.filter(user=user).delete()
    UnitMembership.objects.bulk_create([UnitMembership(user=user, unit=u) for u in units])
    audit_record(
        actor=actor,
        action="user.create" if created else "user.reset",
        target=user,
        summary=f"{user.username}（{role.label}）",
        data={"units": [u.pk for u in units], "superuser": user.is_superuser},
    )
    return user


@transaction.atomic
def token_issue(*, username: str, actor: Any = None) -> str:
    """A new API token for ``username`` (any previous one stops working); audited, key not stored.

    Systems call the API with ``Authorization: Token <key>``; the key is shown once, to the
    person who issued it.
    """
    user = User.objects.filter(username=username).first()
    if user is None:
        raise ApplicationError(f"用户“{username}”不存在。")
    if not user.is_active:
        raise ApplicationError(f"用户“{username}”已停用，不能签发令牌。")
    replaced = Token.objects.filter(user=user).delete()[0] > 0
    token = Token.objects.create(user=user)
    audit_record(
        actor=actor,
        action="token.issue",
        target=user,
        summary=f"为 {user.username} 签发 API 令牌" + ("（旧令牌已作废）" if replaced else ""),
        data={"replaced": replaced},
    )
    return str(token.key)
