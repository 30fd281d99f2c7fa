"""The one clock: every date-dependent rule asks here (or takes an explicit ``as_of``)."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()


def today() -> date:
    return timezone.localdate()
