"""The one error type the library raises.

``TaskdocError`` is raised only when a document cannot be read or holds no
recognisable tasks at all. Problems *inside* a readable document come back as
:class:`taskdoc.model.Issue` values attached to the tasks instead, so that a
notice with one odd task still yields the other 145.
"""

from __future__ import annotations


class TaskdocError(Exception):
    """A document could not be parsed; ``str(err)`` says what and where.

    ``where`` names the file (or ``<text>``) and, when known, the location
    inside it, e.g. ``"notice.docx, 第3段"``.
    """

    def __init__(self, message: str, *, where: str = "") -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


class UnsupportedFormatError(TaskdocError):
    """The file's format is one the library does not read (e.g. ``.doc``, ``.xls``)."""


class UnreadableDocumentError(TaskdocError):
    """The file claims a supported format but its content is broken or has no text."""


class NoTasksError(TaskdocError):
    """The document was read but contains nothing that looks like a numbered task list."""
