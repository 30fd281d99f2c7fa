"""Exporters by identifier: views look them up here instead of branching on a kind."""

from __future__ import annotations

from duban.exports.base import Exporter
from duban.exports.ledgers import LedgerExporter, RankingExporter, YearEndExporter

EXPORTERS: dict[str, Exporter] = {
    e.identifier: e for e in (LedgerExporter(), RankingExporter(), YearEndExporter())
}
