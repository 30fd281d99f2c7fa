"""Start Django for the subcommands that need it (imported lazily so ``duban parse`` stays pure)."""

from __future__ import annotations

import os


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.conf import settings

    django.setup()
    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)


def migrate(*, verbose: bool = False) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1 if verbose else 0)
    # The database cache (used when REDIS_URL is unset) lives in a table that no migration
    # creates; the command is a no-op when it exists or when the cache is Redis.
    call_command("createcachetable", verbosity=0)
