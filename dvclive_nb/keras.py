"""``dvclive.keras`` with ``dvclive_nb.Live``: ``from dvclive_nb.keras import DVCLiveCallback``.

TensorFlow is imported when ``DVCLiveCallback`` is first looked up (see ``_twins``).
"""

from typing import TYPE_CHECKING, Optional

from ._twins import lazy_classes, live_or_ours

if TYPE_CHECKING:
    from dvclive.keras import DVCLiveCallback  # noqa: F401

    from .live import Live


def _callback():
    from dvclive import keras as upstream

    class DVCLiveCallback(upstream.DVCLiveCallback):
        """``dvclive.keras.DVCLiveCallback`` that builds a ``dvclive_nb.Live``."""

        def __init__(self, save_weights_only: bool = False, live: "Optional[Live]" = None,
                     **kwargs):
            super().__init__(save_weights_only, live=live_or_ours(live, kwargs))

    return DVCLiveCallback


__getattr__, __dir__ = lazy_classes(globals(), {"DVCLiveCallback": _callback})
