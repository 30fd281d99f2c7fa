"""Which government an office or auditor acts for (its *seat*) and which units a user is a
member of, each read once per request.

Apart from ``permissions`` because it is the one place that reads ``orgs.Government``, which
sits above accounts in the layers: it reaches the model through ``User.government``.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from duban.accounts.models import User

__all__ = ["Seat", "keep_units_for_request", "member_unit_ids", "seat"]


@dataclass(frozen=True, slots=True)
class Seat:
    """The government an office or auditor acts for, and whether there is more than one."""

    several: bool
    government_id: int | None
    unit_id: int | None  # the government as a unit of its parent's directory


def _governments() -> Any:
    # orgs sits above accounts in the layers: reach the model through the FK, not an import
    model: Any = User._meta.get_field("government").related_model
    return model._default_manager


def seat(user: Any) -> Seat:
    """Which government ``user`` acts for (cached on the user object, i.e. per request).

    One government: ``several`` is false and the office/auditor stay global. Several: the
    user's own government; none set means none (``government_id`` ``None``).
    """
    cached: Seat | None = getattr(user, "_duban_seat", None)
    if cached is not None:
        return cached
    rows = list(_governments().order_by("pk").values_list("pk", "unit_id")[:2])
    several = len(rows) > 1
    government_id = getattr(user, "government_id", None)
    unit_id = None
    if several and government_id is not None:
        unit_id = _governments().filter(pk=government_id).values_list("unit_id", flat=True).first()
    elif not several and rows:
        government_id, unit_id = rows[0]
    result = Seat(several=several, government_id=government_id, unit_id=unit_id)
    with suppress(AttributeError):  # AnonymousUser and the like
        user._duban_seat = result
    return result


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
