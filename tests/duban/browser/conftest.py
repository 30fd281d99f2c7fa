"""The browser tests reuse the progress world (one notice, units, users, periods) and the
messaging tests' real receivers (an SMTP server, a group-robot endpoint)."""

from tests.duban.messaging.conftest import robots, smtp  # noqa: F401  (fixtures)
from tests.duban.progress.conftest import world  # noqa: F401  (a fixture)
