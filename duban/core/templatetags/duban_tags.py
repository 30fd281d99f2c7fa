"""``{{ value|num }}``: a Decimal without trailing zeros or exponent (1000.0000 → 1000)."""

from __future__ import annotations

from django import template

from duban.core.numbers import plain

register = template.Library()
register.filter("num", plain)
