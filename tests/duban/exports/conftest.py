"""The fixture year (see ``tests/duban/outputs_year.py``), built once per test."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from taskdoc.model import ParseResult
from tests.duban.outputs_year import Year, build_year


@pytest.fixture
def year(
    db: None, fake_parse: Callable[[ParseResult], None], monkeypatch: pytest.MonkeyPatch
) -> Year:
    return build_year(fake_parse, monkeypatch)
