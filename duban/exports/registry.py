"""Exporters by identifier: views look them up here instead of branching on a kind."""

from __future__ import annotations

from duban.exports.base import Exporter
from duban.exports.ledgers import LedgerExporter, RankingExporter, YearEndExporter
from duban.exports.yearend_report import YearEndReportExporter

EXPORTERS: dict[str, Exporter] = {
    e.identifier: e
    for e in (LedgerExporter(), RankingExporter(), YearEndExporter(), YearEndReportExporter())
}


def extension(exporter: Exporter) -> str:
    """The file type an exporter writes (the 台账 are .xlsx; reports say otherwise)."""
    return str(getattr(exporter, "extension", "xlsx"))
