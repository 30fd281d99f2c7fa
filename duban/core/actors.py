"""Who did it: the user a service records as the actor of a change.

Services accept ``actor=None`` (commands, the demo, tests) or an anonymous user;
neither is stored. One function decides, so every ``created_by``/``reviewed_by``
and every audit record agree on it.
"""

from __future__ import annotations

from typing import Any


def stored_user(actor: Any) -> Any:
    """The user to store for ``actor``: an authenticated user, else ``None``."""
    return actor if getattr(actor, "is_authenticated", False) else None
