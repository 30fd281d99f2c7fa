"""Workflows that span apps, each in one transaction, coordinated here instead of by signals.

``plans`` may not import ``progress`` (the layers in ``pyproject.toml``), so whatever a plan
write implies in ``progress`` is done by a workflow that calls both: confirming an import
also generates the document's reporting periods, in the same transaction, so that no page
ever has to create them while it is being read.
"""

from duban.workflows.imports import import_confirm

__all__ = ["import_confirm"]
