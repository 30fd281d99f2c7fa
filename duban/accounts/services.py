"""Account writes: users with a role and unit memberships (CLI, and the 督查室 in the app);
API tokens for systems."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from axes.utils import reset as axes_reset
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from rest_framework.authtoken.models import Token

from duban.accounts.models import Role, UnitMembership, User
from duban.accounts.permissions import Perm, acts_for, can
from duban.accounts.seats import seat
from duban.accounts.selectors import out_of_reach
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


# --- accounts managed in the app by the 督查室 (issue 12 item 6) ------------------------------
#
# Why these rules: the 督查室 runs the accounts of the units day to day, but the 系统管理员
# (a superuser) must stay out of its reach — otherwise resetting the administrator's password
# would make anyone in the 督查室 an administrator. So a non-superuser may neither grant the
# 系统管理员 role nor touch an account that has it; and nobody deactivates or demotes themselves
# (the last 督查室 account could lock everyone out); one's own password is changed with the
# old one (修改密码), not reset here.

ADMIN_ONLY = "系统管理员账号只能由系统管理员在后台管理。"
NO_ADMIN_ROLE = "不能在此创建或设置系统管理员。"
NOT_YOURSELF = "不能停用自己的账号。"
OWN_ROLE = "不能修改自己的角色。"
OWN_PASSWORD = "修改自己的密码请使用页面右上角的“修改密码”（需要输入原密码）。"
TAKEN = "用户名“{name}”已被使用。"
SAME_AS_ONE_TIME = "新密码不能与督查室设置的一次性密码相同。"
PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"
PASSWORD_LENGTH = 14


@dataclass(frozen=True)
class AccountInput:
    """What the 督查室 sets on an account: its name, role, units and (for 领导) the leader."""

    display_name: str
    role: Role
    units: tuple[Any, ...] = ()
    leader: Any = None
    email: str = ""


def _manager(actor: Any) -> None:
    if actor is not None and not can(actor, Perm.USER_MANAGE):
        raise PermissionDenied


def _superior(actor: Any) -> bool:
    """Only a superuser (or the system, ``actor=None``) manages 系统管理员 accounts."""
    return actor is None or bool(getattr(actor, "is_superuser", False))


def _check_reach(actor: Any, user: User) -> None:
    if actor is not None and not acts_for(actor, user.government_id):
        raise PermissionDenied  # another government's account
    if out_of_reach(actor, user):
        raise ApplicationError(ADMIN_ONLY)


def _is_self(actor: Any, user: User) -> bool:
    return actor is not None and getattr(actor, "pk", None) == user.pk


def password_generate() -> str:
    """A one-time password the validators accept: letters and digits, no look-alikes."""
    while True:
        word = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))
        if any(c.isdigit() for c in word) and any(c.isalpha() for c in word):
            return word


def password_check(password: str, user: User | None = None) -> None:
    """Django's validators (AUTH_PASSWORD_VALIDATORS), their messages joined in Chinese."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as err:
        raise ApplicationError("；".join(str(m) for m in err.messages)) from err


def _apply(user: User, data: AccountInput) -> None:
    user.display_name = data.display_name.strip()[:50]
    user.email = data.email.strip()
    user.role = data.role
    user.leader = data.leader if data.role == Role.LEADER else None
    user.is_staff = data.role in STAFF_ROLES or user.is_superuser
    user.save()
    UnitMembership.objects.filter(user=user).exclude(unit__in=data.units).delete()
    have = set(UnitMembership.objects.filter(user=user).values_list("unit_id", flat=True))
    UnitMembership.objects.bulk_create(
        UnitMembership(user=user, unit=u) for u in data.units if u.pk not in have
    )


def _words(user: User) -> dict[str, str]:
    """The account as the audit trail shows it (never the password)."""
    units = "、".join(
        m.unit.name for m in user.memberships.select_related("unit").order_by("unit__name")
    )
    return {
        "显示名": user.display_name,
        "角色": Role(user.role).label,
        "单位": units,
        "对应领导": str(user.leader or ""),
        "电子邮箱": user.email,
        "状态": "有效" if user.is_active else "已停用",
    }


def _changes(before: dict[str, str], after: dict[str, str]) -> list[dict[str, str]]:
    return [
        {"field": k, "before": before.get(k, ""), "after": v}
        for k, v in after.items()
        if before.get(k, "") != v
    ]


@transaction.atomic
def account_create(
    *, username: str, data: AccountInput, password: str | None = None, actor: Any
) -> tuple[User, str]:
    """A new account; returns it and its password (generated unless ``password`` is given).

    The password is shown once to the 督查室 and never stored in the clear or audited.
    Refuses a taken username, the 系统管理员 role and a password the validators reject.
    """
    _manager(actor)
    if data.role == Role.ADMIN and not _superior(actor):
        raise ApplicationError(NO_ADMIN_ROLE)
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ApplicationError(TAKEN.format(name=username))
    user = User(username=username)
    try:
        user.full_clean(exclude=["password", "role"])
    except ValidationError as err:
        raise ApplicationError("；".join(str(m) for m in err.messages)) from err
    secret = password or password_generate()
    password_check(secret, user)
    user.set_password(secret)
    user.must_change_password = True  # the 督查室 knows it: its holder replaces it first
    user.government_id = seat(actor).government_id if actor is not None else None
    _apply(user, data)
    audit_record(
        actor=actor,
        action="user.create",
        target=user,
        summary=f"新建账号 {user.username}（{Role(user.role).label}），首次登录须修改密码",
        data={
            "changes": _changes({}, _words(user)),
            "generated": password is None,
            "must_change_password": True,
        },
    )
    return user, secret


@transaction.atomic
def account_update(*, user: User, data: AccountInput, actor: Any) -> User:
    """Change an account's name, role, units and leader (audited with before/after)."""
    _manager(actor)
    user = User.objects.select_for_update().get(pk=user.pk)
    _check_reach(actor, user)
    if data.role == Role.ADMIN and not _superior(actor):
        raise ApplicationError(NO_ADMIN_ROLE)
    if _is_self(actor, user) and data.role != user.role:
        raise ApplicationError(OWN_ROLE)
    before = _words(user)
    _apply(user, data)
    changes = _changes(before, _words(user))
    audit_record(
        actor=actor,
        action="user.update",
        target=user,
        summary=f"修改账号 {user.username}："
        + ("、".join(c["field"] for c in changes) or "无变化"),
        data={"changes": changes},
    )
    return user


@transaction.atomic
def account_set_active(*, user: User, active: bool, actor: Any) -> User:
    """停用 or 启用 an account; a stopped one cannot log in (sessions and API token included)."""
    _manager(actor)
    user = User.objects.select_for_update().get(pk=user.pk)
    _check_reach(actor, user)
    if not active and _is_self(actor, user):
        raise ApplicationError(NOT_YOURSELF)
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action="user.activate" if active else "user.deactivate",
        target=user,
        summary=f"{'启用' if active else '停用'}账号 {user.username}",
        data={"changes": [{"field": "状态", "before": "已停用" if active else "有效",
                           "after": "有效" if active else "已停用"}]},
    )  # fmt: skip
    return user


@transaction.atomic
def account_password_reset(*, user: User, password: str | None = None, actor: Any) -> str:
    """Set a new password (generated unless given, then checked by the validators).

    Returns it to be shown once. The account's login lockout is lifted too: a reset is what
    a locked-out person asks the 督查室 for.
    """
    _manager(actor)
    user = User.objects.select_for_update().get(pk=user.pk)
    _check_reach(actor, user)
    if _is_self(actor, user):  # without the old password: a borrowed session must not do it
        raise ApplicationError(OWN_PASSWORD)
    secret = password or password_generate()
    password_check(secret, user)
    user.set_password(secret)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    unlocked = axes_reset(username=user.username)
    audit_record(
        actor=actor,
        action="user.password_reset",
        target=user,
        summary=f"重置账号 {user.username} 的密码，登录后须修改"
        + ("（已解除登录锁定）" if unlocked else ""),
        data={
            "generated": password is None,
            "unlocked": unlocked,
            "must_change_password": True,
            "changes": [],
        },
    )
    return secret


@transaction.atomic
def own_password_change(*, user: User, password: str) -> None:
    """Anyone changes their own password (after a one-time one, say); the form checked the
    old one and the validators. Clears 须修改密码. Audited without the password."""
    password_check(password, user)
    forced = user.must_change_password
    if forced and user.check_password(password):
        raise ApplicationError(SAME_AS_ONE_TIME)
    user.set_password(password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    audit_record(
        actor=user,
        action="user.password_change",
        target=user,
        summary="修改本人密码" + ("（替换督查室设置的一次性密码）" if forced else ""),
        data={"was_one_time": forced, "changes": []},
    )
