"""Per-connection database tuning.

SQLite runs in WAL journal mode so that the development server can read while an
import writes; ``synchronous=NORMAL`` is the usual companion setting for WAL.
"""

from __future__ import annotations

from typing import Any


def sqlite_tune(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL;")
        cursor.execute("PRAGMA synchronous=NORMAL;")
        cursor.execute("PRAGMA foreign_keys=ON;")
