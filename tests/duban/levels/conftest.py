"""The two samples of one installation: 000 (管城回族区 2024, a notice) and 001 (郑州市 2024,
a work report made into the city's tasks through its draft), imported as the demo does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.duban.conftest import CORPUS


@dataclass
class Pair:
    city: Any
    district: Any
    office: Any


def _user(role: Any, name: str, **kw: Any) -> Any:
    from duban.accounts.services import user_create

    return user_create(username=name, password="pw-123456", role=role, **kw)


@pytest.fixture
def office(django_user_model: Any) -> Any:
    from duban.accounts.models import Role

    return _user(Role.OFFICE, "office")


@pytest.fixture
def pair(office: Any) -> Pair:
    from duban.cli.demo_levels import city_document
    from duban.plans.services import import_batch_create
    from duban.workflows import import_confirm

    path = next(CORPUS.glob("000_*.txt"))
    batch = import_batch_create(data=path.read_bytes(), filename=path.name, actor=office)
    district = import_confirm(batch=batch, actor=office)
    city = city_document(next(CORPUS.glob("001_*.txt")))
    return Pair(city=city, district=district, office=office)


@pytest.fixture
def users(pair: Pair) -> dict[str, Any]:
    from duban.accounts.models import Role
    from duban.orgs.models import Leader, OrgUnit

    unit = OrgUnit.objects.filter(name="区发展和改革委员会").first()
    leader = Leader.objects.first()
    return {
        "office": pair.office,
        "auditor": _user(Role.AUDITOR, "auditor"),
        "leader": _user(Role.LEADER, "leader", leader=leader),
        "reporter": _user(Role.REPORTER, "reporter", units=[unit] if unit else []),
    }
