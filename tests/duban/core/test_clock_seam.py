"""Every "now" in duban comes through ``duban.core.clock`` (issue 11, item 7).

A static check over the source: no ``timezone.now()``, ``datetime.now()`` / ``today()`` /
``utcnow()``, ``date.today()``, argument-less ``timezone.localdate()`` / ``localtime()``, and no
``from django.utils.timezone import now``. Only the clock module and migrations may.
"""

from __future__ import annotations

import ast
from pathlib import Path

DUBAN = Path(__file__).resolve().parents[3] / "duban"
ALLOWED = {DUBAN / "core" / "clock.py"}

NOW_ATTRS = {
    "timezone": {"now"},
    "datetime": {"now", "today", "utcnow"},
    "date": {"today"},
}
NO_ARG_ATTRS = {"timezone": {"localdate", "localtime"}}


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            base = node.value
            name = base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", None)
            if name in NOW_ATTRS and node.attr in NOW_ATTRS[name]:
                found.append(f"{path}:{node.lineno}: {name}.{node.attr}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            base = node.func.value
            name = getattr(base, "id", None)
            if (
                name in NO_ARG_ATTRS
                and node.func.attr in NO_ARG_ATTRS[name]
                and not node.args
                and not node.keywords
            ):
                found.append(f"{path}:{node.lineno}: {name}.{node.func.attr}()")
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.timezone":
            for alias in node.names:
                if alias.name in {"now", "localdate", "localtime"}:
                    found.append(f"{path}:{node.lineno}: from django.utils.timezone import now")
    return found


def _sources() -> list[Path]:
    return [
        p for p in sorted(DUBAN.rglob("*.py")) if "migrations" not in p.parts and p not in ALLOWED
    ]


def test_every_now_goes_through_the_clock() -> None:
    sources = _sources()
    assert len(sources) > 50  # the walk really covers duban/
    offences = [o for path in sources for o in _offences(path)]
    assert not offences, "use duban.core.clock.now() / today():\n" + "\n".join(offences)


def test_the_guard_catches_a_direct_call(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from django.utils import timezone\n"
        "import datetime\n"
        "a = timezone.now()\n"
        "b = datetime.date.today()\n"
        "c = timezone.localdate()\n"
        "d = timezone.localdate(a)\n",
        encoding="utf-8",
    )
    offences = _offences(sample)
    assert sorted(o.split(": ", 1)[1] for o in offences) == [
        "date.today",
        "timezone.localdate()",
        "timezone.now",
    ]
