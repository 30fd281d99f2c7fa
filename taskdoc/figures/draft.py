"""The working state of one figure while its metric, comparator and kind are settled.

:mod:`taskdoc.figures.targets` makes one :class:`Draft` per candidate quantity;
:mod:`taskdoc.figures.metrics` and :mod:`taskdoc.figures.pairing` revise its
metric as neighbouring figures are seen, and pairing finally turns it into
:class:`~taskdoc.values.Target` values. Offsets are into the digit-normalised text.
"""

from __future__ import annotations

from dataclasses import dataclass

from taskdoc.figures.quantities import Quantity
from taskdoc.values import Comparator, TargetKind


@dataclass(slots=True)
class Draft:
    """Working state for one quantity while its metric and comparator are settled."""

    q: Quantity
    item_start: int  # where the list item begins
    comp_start: int  # where the text before the number stops (a comparator or the number)
    tail_end: int  # end of unit plus a trailing comparator word
    comparator: Comparator
    kind: TargetKind
    metric: str
    metric_start: int
    metric_end: int
    per: str | None = None
    each: bool = False  # 各 before the number
