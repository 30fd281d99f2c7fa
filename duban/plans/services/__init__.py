"""Plan writes: the two-phase import (preview, then confirm) and the name mapping in between;
collective re-expansion for units that join a group later."""

from duban.plans.services.choose import Choice, task_collective_choose
from duban.plans.services.collectives import collective_tasks_expand
from duban.plans.services.confirm import import_batch_confirm
from duban.plans.services.names import import_name_update
from duban.plans.services.preview import import_batch_create, import_batch_discard

__all__ = [
    "Choice",
    "collective_tasks_expand",
    "import_batch_confirm",
    "import_batch_create",
    "import_batch_discard",
    "import_name_update",
    "task_collective_choose",
]
