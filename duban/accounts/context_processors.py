"""Template context for every page: what the user may do, by permission (``may.IMPORT_RUN``).

Why: templates decide which links and buttons to show by the same ``Perm`` rule the views
enforce (``accounts.permissions.can``), never by comparing role strings, so a link is shown
exactly when following it is allowed.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from duban.accounts.permissions import Perm, can


class Capabilities:
    """``may.<PERM NAME>`` in a template: ``can(user, Perm.<NAME>)``, computed on first use."""

    def __init__(self, user: Any) -> None:
        self._user = user
        self._known: dict[str, bool] = {}

    def __getitem__(self, name: str) -> bool:
        if name not in self._known:
            perm = Perm.__members__.get(name)
            if perm is None:
                raise KeyError(name)  # a typo in a template fails loudly in tests
            self._known[name] = can(self._user, perm)
        return self._known[name]


def permissions(request: HttpRequest) -> dict[str, Any]:
    return {"may": Capabilities(getattr(request, "user", None))}
