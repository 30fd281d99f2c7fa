"""Which government is above which: the one place the levels app reads ``orgs.Government``.

A document belongs to a government (``SourceDocument.government``); a district's government
has the city as ``parent`` and stands in the city's directory as ``unit``. An installation of
one government (no parent) keeps the older rule: the office picks the upper document among
the other documents of the year, and the issuer names the government.
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
    """The documents ``document``'s tasks may implement: the parent government's documents
    of the same year; for a government without a parent, every other live document of the
    year (one-government installations, where the office picks)."""
    parent_id = document.government.parent_id if document.government_id else None
    qs = live_documents().exclude(pk=document.pk)
    if parent_id is not None:
        qs = qs.filter(government_id=parent_id)
    if document.year is not None:
        qs = qs.filter(year=document.year)
    return qs.order_by("-year", "title", "pk")


def government_units(document: SourceDocument) -> QuerySet[OrgUnit]:
    """The directory units that stand for ``document``'s government (郑州市管城回族区人民政府
    for a notice its 办公室 issued): an upper task assigned to one of them is 上级交办.
    The government's own unit when it has one, else the unit its issuer names."""
    unit_id = document.government.unit_id if document.government_id else None
    if unit_id is not None:
        return OrgUnit.objects.filter(pk=unit_id)
    name = _OFFICE_RE.sub("", document.issuer.strip())
    if not name:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(name=name)


def government_name(document: SourceDocument) -> str:
    """How the pages name the government of ``document`` (管城回族区人民政府)."""
    if document.government_id:
        return document.government.name
    return _OFFICE_RE.sub("", document.issuer.strip()) or document.title
