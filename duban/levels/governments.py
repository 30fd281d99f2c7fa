"""Which government is above which: the one place that will read A's ``Government`` model.

Until ``orgs.Government`` (with ``parent`` and ``unit``) and ``SourceDocument.government``
exist, an installation does not know that 郑州市管城回族区 lies under 郑州市, so the 督查室
chooses the upper document itself; these functions are what the rest of the app asks.
"""

from __future__ import annotations

import re

from django.db.models import QuerySet

from duban.orgs.models import OrgUnit
from duban.plans.models import SourceDocument

_OFFICE_RE = re.compile(r"(?:办公室|办公厅)$")


def live_documents() -> QuerySet[SourceDocument]:
    return SourceDocument.objects.filter(withdrawn_at__isnull=True)


def upper_documents_for(document: SourceDocument) -> QuerySet[SourceDocument]:
    """The documents ``document``'s tasks may implement: for now every other live document
    of the same year (the office picks one).

    When A's model lands this becomes the parent government's documents of the same year::

        live_documents().filter(
            government=document.government.parent, year=document.year
        )  # (none when document.government or its parent is unset)
    """
    qs = live_documents().exclude(pk=document.pk)
    if document.year is not None:
        qs = qs.filter(year=document.year)
    return qs.order_by("-year", "title", "pk")


def government_units(document: SourceDocument) -> QuerySet[OrgUnit]:
    """The directory units that stand for ``document``'s government (郑州市管城回族区人民政府
    for a notice its 办公室 issued): an upper task assigned to one of them is 上级交办.

    When A's model lands: ``OrgUnit.objects.filter(pk=document.government.unit_id)``.
    """
    name = _OFFICE_RE.sub("", document.issuer.strip())
    if not name:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(name=name)


def government_name(document: SourceDocument) -> str:
    """How the pages name the government of ``document`` (郑州市管城回族区人民政府).

    When A's model lands: ``document.government.short_name`` (or ``.name``).
    """
    return _OFFICE_RE.sub("", document.issuer.strip()) or document.title
