"""The progress tests' small world (a notice, units, users, periods) for the admin audit tests."""

from tests.duban.progress.conftest import world  # noqa: F401  (a fixture)
