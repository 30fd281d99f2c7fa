"""Account writes: create a user with a role and unit memberships."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from duban.accounts.models import Role, UnitMembership, User
from duban.audit.services import audit_record


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
    """Create (or reset) a user; memberships are replaced by ``units``."""
    user, created = User.objects.get_or_create(username=username)
    user.role = role
    user.display_name = display_name
    user.leader = leader
    user.is_staff = role == Role.OFFICE or superuser
    user.is_superuser = superuser
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
        data={"units": [u.pk for u in units]},
    )
    return user
