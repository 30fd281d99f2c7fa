"""Database set-up shared by the Django benchmarks (bench/import.py, bench/outputs.py).

Each benchmark runs one database per child process, because Django is configured
once per process: a fresh SQLite file (migrated) or a throw-away PostgreSQL database.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_fresh_database(postgres_name: str) -> str:
    """Configure Django and give it an empty, migrated database; returns the vendor name.

    On PostgreSQL the database ``postgres_name`` is created (dropped first if left over);
    call :func:`drop_database` at the end. On SQLite ``DATABASE_URL`` names a fresh file.
    """
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        connection.settings_dict["TEST"]["NAME"] = postgres_name
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
    return str(connection.vendor)


def drop_database(postgres_name: str) -> None:
    """Drop the throw-away PostgreSQL database (nothing to do on SQLite)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        connection.close()  # the benchmark's own session must not block the DROP
        connection.creation.destroy_test_db(postgres_name, verbosity=0)
