"""Drop what a web page or a document-sharing site adds around a notice.

Two kinds of debris, both recognised by their shape, not by a site's name:

* **Site furniture**: the 政务公开 metadata table and the article bar of a
  government page (``索引号：… | 发布机构：… | 成文日期：…``, ``浏览次数：``,
  ``打印本页 关闭窗口``), whose words are in :mod:`taskdoc.lexicon.furniture`. A
  line is furniture when it opens with such a field name and holds nothing but
  field names and short values; a field name left without its value on the page
  (``• 发布机构：``) takes the short line under it as that value.
* **Page-chunk marks**: document-sharing sites cut a document into pages and
  number the chunks ``1、`` ``2、``… at the cut, wherever it falls, even inside a
  table cell: ``高新园(邹区镇`` / ``2、)各街道``. A number mark is such a cut when
  the line above is unfinished and the text after the mark finishes it (it starts
  with a closing bracket or quote, or closes one the line above left open); the
  mark alone is dropped and the repair stage rejoins the two halves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from taskdoc.grammar.markers import is_list_title, number_mark
from taskdoc.lexicon.furniture import (
    FIELD_NAME_ANYWHERE_RE,
    FIELD_NAME_RE,
    METADATA_FIELDS,
    PAGE_TOOLS,
    PAGE_TOOLS_SET,
)
from taskdoc.model import Block, Paragraph, TableRow
from taskdoc.text.repair import ends_sentence

# cell separators of a metadata table flattened to text, and bullets
_CELL_SPLIT_RE = re.compile(r"[|│\s•·●▪]+")
# a value of the metadata table: a code, a date, a short name — never a sentence
_VALUE_MAX = 40
# the value written on the line under its field name: short, no sentence
_LONE_VALUE_MAX = 20
_DEBRIS_CHARS = "|│-_=•·●▪"
_DEBRIS_RE = re.compile(r"^[|│\-_=•·●▪\s]*$")
# the characters a furniture line can start with: a precheck before any regex
FIRST_CHARS = frozenset(
    _DEBRIS_CHARS + "【[" + "".join(w[0] for w in (*METADATA_FIELDS, *PAGE_TOOLS))
)
_SENTENCE_CHARS = frozenset("。！？；")
# 2、 / 12、 : the chunk mark of a document-sharing site (and nothing else) at a line start
_CHUNK_MARK_RE = re.compile(r"^\d{1,3}、")
_OPENERS = "（([【“‘「《"
_CLOSERS = "）)]】”’」》"


def is_furniture(text: str) -> bool:
    """A line made only of site furniture: ``索引号: | 1133…/2022-69894 | 成文日期: | 2022-04-18 |``."""
    line = text.strip()
    if not line or line[0] not in FIRST_CHARS:  # prose, the common case: no regex needed
        return False
    if _DEBRIS_RE.match(line):
        return True
    if line.replace(" ", "").replace("\u3000", "") in PAGE_TOOLS_SET:
        return True
    if FIELD_NAME_RE.match(line) is None:
        return False
    values = _CELL_SPLIT_RE.split(FIELD_NAME_ANYWHERE_RE.sub("|", line))
    return all(_is_short_value(value) for value in values)


def _is_short_value(value: str) -> bool:
    return len(value) <= _VALUE_MAX and _SENTENCE_CHARS.isdisjoint(value)


def _is_bare_field(text: str) -> bool:
    """A field name whose value stands on the next line: ``• 发布机构：``."""
    match = FIELD_NAME_RE.match(text.strip())
    return match is not None and not text.strip()[match.end() :].strip(" :：|")


def _is_lone_value(text: str) -> bool:
    line = text.strip()
    return (
        (len(line) <= _LONE_VALUE_MAX or (line.isascii() and len(line) <= _VALUE_MAX))
        and _SENTENCE_CHARS.isdisjoint(line)
        and number_mark(line) is None
        and not is_list_title(line)
        and FIELD_NAME_RE.match(line) is None
    )


def without_furniture(blocks: Iterable[Block]) -> Iterator[Block]:
    """The blocks without site furniture lines and rows, and without page-chunk marks."""
    bare_field = False
    previous = ""
    for block in blocks:
        if isinstance(block, TableRow):
            bare_field = False
            if not is_furniture(" | ".join(block.cells)):
                yield block
            continue
        text = block.text
        if is_furniture(text) or (bare_field and _is_lone_value(text)):
            bare_field = _is_bare_field(text)
            continue
        bare_field = False
        text = without_chunk_mark(previous, text)
        if not text:
            continue
        previous = text
        yield block if text == block.text else Paragraph(text, block.location)


def without_chunk_mark(previous: str, text: str) -> str:
    """``text`` without a page-chunk mark that cuts the unfinished ``previous`` line.

    ``高新园(邹区镇`` + ``2、)各街道`` → ``)各街道``; ``新建2家“秋白`` + ``3、书苑”…`` →
    ``书苑”…``; a bare ``2、`` between two halves of a sentence → ``""``.
    """
    match = _CHUNK_MARK_RE.match(text) if text[:1].isdigit() else None
    if match is None or not previous or ends_sentence(previous):
        return text
    rest = text[match.end() :]
    if not rest.strip() or rest[0] in _CLOSERS or _closes_open_bracket(previous, rest):
        return rest
    return text


def _closes_open_bracket(previous: str, rest: str) -> bool:
    """Whether ``previous`` leaves a bracket or quote open that ``rest`` closes first."""
    depth = 0
    for char in previous:
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS and depth:
            depth -= 1
    if not depth:
        return False
    for char in rest:
        if char in _CLOSERS:
            return True
        if char in _OPENERS:
            return False
    return False
