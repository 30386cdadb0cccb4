"""``dvclive.fabric`` with ``dvclive_nb.Live``: ``from dvclive_nb.fabric import DVCLiveLogger``.

Lightning Fabric is imported when ``DVCLiveLogger`` is first looked up (see ``_twins``).
"""

from typing import TYPE_CHECKING

from ._twins import build_experiment, lazy_classes

if TYPE_CHECKING:
    from dvclive.fabric import DVCLiveLogger  # noqa: F401


def _logger():
    from dvclive import fabric as upstream

    class DVCLiveLogger(upstream.DVCLiveLogger):
        """``dvclive.fabric.DVCLiveLogger`` whose experiment is a ``dvclive_nb.Live``."""

        @property
        def experiment(self):
            build_experiment(self, upstream)
            return super().experiment

    return DVCLiveLogger


__getattr__, __dir__ = lazy_classes(globals(), {"DVCLiveLogger": _logger})
