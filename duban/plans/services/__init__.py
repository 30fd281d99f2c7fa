"""Plan writes: the two-phase import (preview, then confirm) and the name mapping in between."""

from duban.plans.services.confirm import import_batch_confirm
from duban.plans.services.preview import (
    import_batch_create,
    import_batch_discard,
    import_name_update,
)

__all__ = [
    "import_batch_confirm",
    "import_batch_create",
    "import_batch_discard",
    "import_name_update",
]
