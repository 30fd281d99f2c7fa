"""Word ``.docx``: paragraphs and table rows in the order they appear.

Decomposition notices come as prose (``1. …`` / ``责任领导：…``) or as one big
table (序号 | 任务 | 责任领导 | 牵头单位 | 责任单位 | 完成时限), often both:
a few paragraphs of covering letter, then the table. python-docx opens the
package, but its ``document.paragraphs`` / ``document.tables`` lists lose the
interleaving, and its ``paragraph.text`` skips text inside tracked insertions
and content controls. So the body XML is walked here directly:

* prose: one :class:`Paragraph` per non-empty paragraph, numbered as a person
  counts them (empty paragraphs are not counted); a manual line break inside
  a paragraph starts a new block with the same paragraph number;
* tables: one :class:`TableRow` per row with the texts of its *distinct*
  cells. A horizontally merged cell is one ``w:tc`` spanning grid columns and
  appears once; a vertically merged continuation cell (``vMerge``) takes the
  value of the cell it continues, so every row stands on its own.

Text in deleted revisions, text boxes and drawings is left out; text in
insertions, hyperlinks, fields and content controls is kept. Automatic list
numbers (``w:numPr`` on the paragraph or its style) are not part of the
text in the XML but are what the reader of the document sees as the task
number (``1.``, ``一、``, the 序号 column), so they are rendered in front of
the paragraph text, counted in document order.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import docx

from taskdoc.errors import TaskdocError, UnreadableDocumentError, UnsupportedFormatError
from taskdoc.model import Block, Location, Paragraph, TableRow

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_P, _TBL, _TR, _TC = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
_TC_PR, _TR_PR = f"{_W}tcPr", f"{_W}trPr"
_GRID_SPAN, _GRID_BEFORE = f"{_W}gridSpan", f"{_W}gridBefore"
_V_MERGE, _H_MERGE = f"{_W}vMerge", f"{_W}hMerge"
_VAL = f"{_W}val"
_WRAPPERS = frozenset({f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"})

# Inline content: what each element contributes to a paragraph's text.
_TEXT = f"{_W}t"
_SPACE_LIKE = frozenset({f"{_W}tab", f"{_W}ptab"})
_BREAKS = frozenset({f"{_W}br", f"{_W}cr"})
_NO_BREAK_HYPHEN = f"{_W}noBreakHyphen"
_SKIPPED = frozenset(
    {
        f"{_W}del",
        f"{_W}moveFrom",
        f"{_W}drawing",
        f"{_W}pict",
        f"{_W}object",
        f"{_W}txbxContent",
        f"{_W}rPr",
        f"{_W}pPr",
        f"{_W}sdtPr",
        f"{_MC}Fallback",
    }
)
_PICTURES = (f".//{_W}drawing", f".//{_W}pict")

_OTHER_ZIP_FORMATS: tuple[tuple[str, str], ...] = (
    ("xl/workbook.xml", "这是 Excel 表格（.xlsx），暂不支持；请把任务表复制到 Word 中另存为 .docx"),
    (
        "ppt/presentation.xml",
        "这是 PowerPoint 演示文稿，不是任务分解通知；请提供 .docx、.pdf 或 .txt",
    ),
    ("OFD.xml", "这是 OFD 版式文件，暂不支持；请另存为 .pdf 或 .docx"),
    ("content.xml", "这是 WPS/LibreOffice 的开放文档格式（ODF），暂不支持；请另存为 .docx"),
)


@dataclass(eq=False, slots=True)
class _Cell:
    """One real cell (``w:tc``); identity, not text, tells merged cells apart."""

    text: str


def read_docx(data: bytes, *, filename: str) -> tuple[Block, ...]:
    """Read a .docx file's body into blocks; any failure becomes a :class:`TaskdocError`."""
    _check_package(data, filename=filename)
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        numbering = ListNumbering.from_document(document)
        blocks = tuple(body_blocks(body, numbering))
    except TaskdocError:
        raise
    except Exception as exc:
        raise UnreadableDocumentError(
            f"无法读取 Word 文档：文件已损坏或不是 .docx 格式（{type(exc).__name__}）",
            where=filename,
        ) from exc
    if not blocks and _has_pictures(body):
        raise UnreadableDocumentError(
            "Word 文档中只有图片、没有文字，看起来是扫描件；请先做文字识别（OCR）或提供文字版",
            where=filename,
        )
    return blocks


def _check_package(data: bytes, *, filename: str) -> None:
    """Refuse zips that are not Word documents, naming what they are when we can tell."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
    except Exception as exc:  # BadZipFile, truncated central directory, bad offsets…
        raise UnreadableDocumentError(
            "无法读取 Word 文档：压缩包已损坏或不完整（.docx 实为 zip 压缩包），请重新保存后再上传",
            where=filename,
        ) from exc
    if "word/document.xml" in names:
        return
    for marker, message in _OTHER_ZIP_FORMATS:
        if marker in names:
            raise UnsupportedFormatError(message, where=filename)
    if "[Content_Types].xml" not in names:
        raise UnreadableDocumentError(
            "这是一个 zip 压缩包，但不是 Word 文档（.docx）；请上传 .docx 文件本身", where=filename
        )


def _has_pictures(body: Any) -> bool:
    return any(body.find(path) is not None for path in _PICTURES)


def body_blocks(body: Any, numbering: ListNumbering | None = None) -> Iterator[Block]:
    """Blocks of a ``w:body`` (or any block container) in document order."""
    numbering = numbering or ListNumbering()
    paragraphs = 0
    tables = 0
    for element in _block_elements(body):
        if element.tag == _P:
            lines = _split_lines(numbering.label(element) + paragraph_text(element))
            if lines:
                paragraphs += 1
                location = Location(paragraph=paragraphs)
                yield from (Paragraph(line, location) for line in lines)
        else:
            tables += 1
            yield from table_rows(element, table=tables, numbering=numbering)


def _block_elements(container: Any) -> Iterator[Any]:
    """``w:p`` and ``w:tbl`` children, looking through content-control wrappers."""
    for child in container:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _block_elements(child)


def paragraph_text(element: Any) -> str:
    """The visible text of a paragraph or run container; manual breaks become ``\\n``."""
    parts: list[str] = []
    _collect_text(element, parts)
    return unicodedata.normalize("NFC", "".join(parts))


def _collect_text(element: Any, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == _TEXT:
            parts.append(child.text or "")
        elif tag in _SPACE_LIKE:
            parts.append(" ")
        elif tag in _BREAKS:
            parts.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            parts.append("-")
        elif tag not in _SKIPPED and isinstance(tag, str):
            _collect_text(child, parts)


def _split_lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def table_rows(
    tbl: Any, *, table: int, numbering: ListNumbering | None = None
) -> Iterator[TableRow]:
    """One block per non-empty row of a ``w:tbl``; ``table`` is its 1-based number."""
    numbering = numbering or ListNumbering()
    above: dict[int, _Cell] = {}
    for row_number, tr in enumerate(_rows(tbl), start=1):
        cells = tuple(cell.text for cell in _row_cells(tr, above, numbering))
        if any(cells):
            yield TableRow(cells, Location(table=table, row=row_number))


def _row_cells(tr: Any, above: dict[int, _Cell], numbering: ListNumbering) -> list[_Cell]:
    """The distinct cells of a row, left to right; updates ``above`` (grid column → cell)."""
    column = max(_int_property(tr.find(_TR_PR), _GRID_BEFORE, 0), 0)
    distinct: list[_Cell] = []
    for tc in _cells(tr):
        tc_pr = tc.find(_TC_PR)
        span = max(_int_property(tc_pr, _GRID_SPAN, 1), 1)
        if _merge_state(tc_pr, _V_MERGE) == "continue" and column in above:
            cell = above[column]
        elif _merge_state(tc_pr, _H_MERGE) == "continue" and distinct:
            cell = distinct[-1]
        else:
            cell = _Cell(cell_text(tc, numbering))
        for offset in range(span):
            above[column + offset] = cell
        column += span
        if not any(cell is seen for seen in distinct):
            distinct.append(cell)
    return distinct


def cell_text(tc: Any, numbering: ListNumbering | None = None) -> str:
    """A cell's text on one line: its paragraphs, breaks and nested tables joined.

    Pieces are joined with nothing, except that a space is kept between two
    pieces that would otherwise run two words together (``史建伟⏎李建安`` →
    ``史建伟 李建安``), since in Word a break between them is deliberate.
    """
    return join_pieces(_cell_pieces(tc, numbering or ListNumbering()))


def _cell_pieces(container: Any, numbering: ListNumbering) -> Iterator[str]:
    for element in _block_elements(container):
        if element.tag == _P:
            yield from _split_lines(numbering.label(element) + paragraph_text(element))
        else:
            for tr in _rows(element):
                for tc in _cells(tr):
                    yield from _cell_pieces(tc, numbering)


def join_pieces(pieces: Iterable[str]) -> str:
    """Join line pieces with ``""``, or ``" "`` where both sides are letters, digits or Hanzi."""
    result = ""
    for piece in pieces:
        if result and result[-1].isalnum() and piece[:1].isalnum():
            result += " "
        result += piece
    return result


def _rows(tbl: Any) -> Iterator[Any]:
    for child in tbl:
        if child.tag == _TR:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _rows(child)


def _cells(tr: Any) -> Iterator[Any]:
    for child in tr:
        if child.tag == _TC:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _cells(child)


def _int_property(parent: Any, path: str, default: int) -> int:
    element = parent.find(path) if parent is not None else None
    if element is None:
        return default
    try:
        return int(element.get(_VAL, default))
    except ValueError:
        return default


def _merge_state(tc_pr: Any, tag: str) -> str | None:
    """``"restart"``, ``"continue"`` or None for a ``vMerge``/``hMerge`` property."""
    element = tc_pr.find(tag) if tc_pr is not None else None
    if element is None:
        return None
    return str(element.get(_VAL, "continue"))


# -- automatic list numbering ---------------------------------------------------

_NUM_PR, _NUM_ID, _ILVL = f"{_W}numPr", f"{_W}numId", f"{_W}ilvl"
_P_STYLE, _STYLE_ID, _BASED_ON = f"{_W}pStyle", f"{_W}styleId", f"{_W}basedOn"
_ABSTRACT_NUM, _ABSTRACT_NUM_ID, _NUM = f"{_W}abstractNum", f"{_W}abstractNumId", f"{_W}num"
_LVL, _START, _NUM_FMT, _LVL_TEXT, _SUFF = (
    f"{_W}lvl",
    f"{_W}start",
    f"{_W}numFmt",
    f"{_W}lvlText",
    f"{_W}suff",
)
_LVL_OVERRIDE, _START_OVERRIDE = f"{_W}lvlOverride", f"{_W}startOverride"
_LEVELS = 9
_PLACEHOLDER = re.compile(r"%([1-9])")
_CJK_DIGITS = "〇一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_NO_SPACE_AFTER = "、，．。）)"


@dataclass(frozen=True, slots=True)
class _Level:
    start: int = 1
    format: str = "decimal"
    text: str = ""
    suffix: str = "tab"


@dataclass(slots=True)
class ListNumbering:
    """Word's automatic numbering: definitions from numbering.xml, counters in document order."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId → levels
    instances: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → level → start
    styles: dict[str, tuple[str | None, str | None, str | None]] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @classmethod
    def from_document(cls, document: Any) -> ListNumbering:
        numbering = cls()
        try:
            numbering_element = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering_element = None
        if numbering_element is not None:
            numbering._read_definitions(numbering_element)
        numbering._read_styles(document.styles.element)
        return numbering

    def _read_definitions(self, root: Any) -> None:
        for abstract in root.iter(_ABSTRACT_NUM):
            self.levels[str(abstract.get(_ABSTRACT_NUM_ID))] = {
                _int_attr(lvl, 0): _read_level(lvl) for lvl in abstract.iter(_LVL)
            }
        for num in root.iter(_NUM):
            num_id = str(num.get(_NUM_ID))
            abstract_id = num.find(_ABSTRACT_NUM_ID)
            if abstract_id is not None:
                self.instances[num_id] = str(abstract_id.get(_VAL))
            self.overrides[num_id] = {
                _int_attr(override, 0, _ILVL): _int_property(override, _START_OVERRIDE, 1)
                for override in num.iter(_LVL_OVERRIDE)
                if override.find(_START_OVERRIDE) is not None
            }

    def _read_styles(self, root: Any) -> None:
        """styleId → (numId, ilvl, basedOn) for paragraph styles."""
        for style in root:
            style_id = style.get(_STYLE_ID)
            if style_id is None:
                continue
            num_pr = style.find(f"{_W}pPr/{_NUM_PR}")
            based_on = style.find(_BASED_ON)
            self.styles[str(style_id)] = (
                _val(num_pr, _NUM_ID),
                _val(num_pr, _ILVL),
                None if based_on is None else str(based_on.get(_VAL)),
            )

    def label(self, paragraph: Any) -> str:
        """The number Word shows in front of ``paragraph`` (``"1. "``, ``"一、"``), or ``""``."""
        num_id, level = self._numbering_of(paragraph)
        if num_id is None or num_id == "0" or num_id not in self.instances:
            return ""
        abstract_id = self.instances[num_id]
        levels = self.levels.get(abstract_id, {})
        if level not in levels:
            return ""
        counters = self._advance(num_id, abstract_id, level, levels)
        text = _PLACEHOLDER.sub(
            lambda m: _format_number(counters, levels, int(m.group(1)) - 1), levels[level].text
        )
        if not text or levels[level].format in ("bullet", "none"):
            return ""
        return text + _suffix(text, levels[level].suffix)

    def _numbering_of(self, paragraph: Any) -> tuple[str | None, int]:
        num_pr = paragraph.find(f"{_W}pPr/{_NUM_PR}")
        num_id, ilvl = _val(num_pr, _NUM_ID), _val(num_pr, _ILVL)
        style = paragraph.find(f"{_W}pPr/{_P_STYLE}")
        seen: set[str] = set()
        style_id = None if style is None else str(style.get(_VAL))
        while (num_id is None or ilvl is None) and style_id and style_id not in seen:
            seen.add(style_id)
            style_num, style_ilvl, style_id = self.styles.get(style_id, (None, None, None))
            num_id = num_id or style_num
            ilvl = ilvl or style_ilvl
        try:
            level = min(max(int(ilvl or 0), 0), _LEVELS - 1)
        except ValueError:
            level = 0
        return num_id, level

    def _advance(
        self, num_id: str, abstract_id: str, level: int, levels: dict[int, _Level]
    ) -> list[int | None]:
        counters = self.counters.setdefault(abstract_id, [None] * _LEVELS)
        if num_id not in self.started:  # a list instance with a startOverride restarts
            self.started.add(num_id)
            for overridden, start in self.overrides.get(num_id, {}).items():
                if 0 <= overridden < _LEVELS:
                    counters[overridden] = start - 1
        current = counters[level]
        counters[level] = levels[level].start if current is None else current + 1
        for deeper in range(level + 1, _LEVELS):
            counters[deeper] = None
        return counters


def _read_level(lvl: Any) -> _Level:
    return _Level(
        start=_int_property(lvl, _START, 1),
        format=_val(lvl.find(_NUM_FMT), None) or "decimal",
        text=_val(lvl.find(_LVL_TEXT), None) or "",
        suffix=_val(lvl.find(_SUFF), None) or "tab",
    )


def _val(parent: Any, child: str | None) -> str | None:
    """``w:val`` of ``parent``'s ``child`` element (or of ``parent`` itself when child is None)."""
    if parent is None:
        return None
    element = parent if child is None else parent.find(child)
    if element is None:
        return None
    value = element.get(_VAL)
    return None if value is None else str(value)


def _int_attr(element: Any, default: int, attribute: str = _ILVL) -> int:
    try:
        return int(element.get(attribute, default))
    except ValueError:
        return default


def _format_number(counters: list[int | None], levels: dict[int, _Level], level: int) -> str:
    definition = levels.get(level, _Level())
    value = counters[level]
    return format_number(definition.start if value is None else value, definition.format)


def format_number(value: int, number_format: str) -> str:
    """A list counter in one of Word's number formats (``chineseCounting`` 12 → ``十二``)."""
    if value < 0:
        return str(value)
    formatters: dict[str, Callable[[int], str]] = {
        "decimalZero": lambda n: f"{n:02d}",
        "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH_DIGITS),
        "decimalEnclosedCircle": _circled,
        "decimalEnclosedCircleChinese": _circled,
        "decimalEnclosedParen": lambda n: f"({n})",
        "upperLetter": lambda n: _letters(n).upper(),
        "lowerLetter": _letters,
        "upperRoman": _roman,
        "lowerRoman": lambda n: _roman(n).lower(),
        "chineseCounting": chinese_number,
        "chineseCountingThousand": chinese_number,
        "ideographTraditional": lambda n: _TIANGAN[(n - 1) % 10] if n else "〇",
        "taiwaneseCountingThousand": chinese_number,
    }
    return formatters.get(number_format, str)(value)


_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def _circled(value: int) -> str:
    return _CIRCLED[value - 1] if 1 <= value <= len(_CIRCLED) else str(value)


def _letters(value: int) -> str:
    if value <= 0:
        return str(value)
    letter = chr(ord("a") + (value - 1) % 26)
    return letter * ((value - 1) // 26 + 1)  # Word repeats: y, z, aa, bb…


def _roman(value: int) -> str:
    if value <= 0:
        return str(value)
    result = ""
    for amount, numeral in _ROMAN:
        count, value = divmod(value, amount)
        result += numeral * count
    return result


def chinese_number(value: int) -> str:
    """Chinese numerals as list numbers are written: 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五."""
    ten, hundred, thousand = 10, 100, 1000
    if value < ten:
        return _CJK_DIGITS[value]
    if value < hundred:
        tens, units = divmod(value, ten)
        return (
            ("" if tens == 1 else _CJK_DIGITS[tens]) + "十" + (_CJK_DIGITS[units] if units else "")
        )
    if value < thousand:
        hundreds, rest = divmod(value, hundred)
        if rest == 0:
            return _CJK_DIGITS[hundreds] + "百"
        return _CJK_DIGITS[hundreds] + "百" + ("零" if rest < ten else "") + _tens_in_hundreds(rest)
    return str(value)


def _tens_in_hundreds(value: int) -> str:
    """Inside a larger number 十 keeps its 一: 110 → 一百一十."""
    text = chinese_number(value)
    return "一" + text if text.startswith("十") else text


def _suffix(text: str, suffix: str) -> str:
    """What Word puts between the number and the text: a tab or a space, or nothing."""
    if suffix == "nothing" or text[-1] in _NO_SPACE_AFTER:
        return ""
    return " "
