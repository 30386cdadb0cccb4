"""``dvclive.lightning`` with ``dvclive_nb.Live``:
``from dvclive_nb.lightning import DVCLiveLogger``.

Lightning is imported when ``DVCLiveLogger`` is first looked up (see ``_twins``). Frames
that ``validation_step`` logs during Lightning's sanity check are replaced by the first
real validation's (see ``_sanity``): that holds for ``dvclive_nb.Live`` itself, so with
upstream's logger and ``experiment=dvclive_nb.Live()`` too.
"""

from typing import TYPE_CHECKING

from ._twins import build_experiment, lazy_classes

if TYPE_CHECKING:
    from dvclive.lightning import DVCLiveLogger  # noqa: F401


def _logger():
    from dvclive import lightning as upstream

    class DVCLiveLogger(upstream.DVCLiveLogger):
        """``dvclive.lightning.DVCLiveLogger`` whose experiment is a ``dvclive_nb.Live``."""

        @property
        def experiment(self):
            build_experiment(self, upstream)
            return super().experiment

    return DVCLiveLogger


__getattr__, __dir__ = lazy_classes(globals(), {"DVCLiveLogger": _logger})
