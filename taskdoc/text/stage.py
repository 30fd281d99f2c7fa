"""The text stage: the blocks a reader found, made ready for the grammar.

In order: traditional characters converted to simplified (length-preserving,
with a map back, :mod:`taskdoc.text.script`); a notice flattened onto one line
split back into its paragraphs (:mod:`taskdoc.text.oneline`); site furniture and
page-chunk marks dropped (:mod:`taskdoc.text.furniture`). Line repair
(:mod:`taskdoc.text.repair`) then runs on the result, as for any document.
The metadata reader gets the converted blocks *with* the furniture, since the
metadata table of a web page states the 文号 and the date too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from taskdoc.model import Block
from taskdoc.text.furniture import without_furniture
from taskdoc.text.oneline import split_run_on_lines
from taskdoc.text.script import ScriptMap, simplify_blocks


@dataclass(frozen=True, slots=True)
class Prepared:
    """The grammar's blocks, the metadata reader's blocks, and the way back to the script."""

    blocks: tuple[Block, ...]
    converted: tuple[Block, ...]
    script: ScriptMap | None


def prepare(blocks: Iterable[Block]) -> Prepared:
    """Convert the script, split one-line notices and drop furniture (see the module doc)."""
    converted, script = simplify_blocks(blocks)
    lines = tuple(without_furniture(split_run_on_lines(converted)))
    return Prepared(lines, converted, script)
