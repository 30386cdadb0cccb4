"""``dvclive.fabric`` with ``dvclive_nb.Live``: ``from dvclive_nb.fabric import DVCLiveLogger``.

Lightning Fabric is imported when ``DVCLiveLogger`` is first looked up (see ``_twins``).
"""

from typing import TYPE_CHECKING

from ._twins import lazy_classes, logger_twin

if TYPE_CHECKING:
    from dvclive.fabric import DVCLiveLogger  # noqa: F401


__getattr__, __dir__ = lazy_classes(globals(), {"DVCLiveLogger": logger_twin("fabric")})
