"""The API tests reuse the progress world (one notice, units, users, periods)."""

from tests.duban.progress.conftest import world  # noqa: F401  (a fixture)
