"""``dvclive.lgbm`` with ``dvclive_nb.Live``: ``from dvclive_nb.lgbm import DVCLiveCallback``.

Like upstream's, it imports no LightGBM: LightGBM calls it with its ``env``.
"""

from typing import TYPE_CHECKING, Optional

from ._twins import lazy_classes, live_or_ours

if TYPE_CHECKING:
    from dvclive.lgbm import DVCLiveCallback  # noqa: F401

    from .live import Live


def _callback():
    from dvclive import lgbm as upstream

    class DVCLiveCallback(upstream.DVCLiveCallback):
        """``dvclive.lgbm.DVCLiveCallback`` that builds a ``dvclive_nb.Live``."""

        def __init__(self, live: "Optional[Live]" = None, **kwargs):
            super().__init__(live=live_or_ours(live, kwargs))

    return DVCLiveCallback


__getattr__, __dir__ = lazy_classes(globals(), {"DVCLiveCallback": _callback})
