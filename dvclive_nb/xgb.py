"""``dvclive.xgb`` with ``dvclive_nb.Live``: ``from dvclive_nb.xgb import DVCLiveCallback``.

XGBoost is imported when ``DVCLiveCallback`` is first looked up (see ``_twins``).
"""

from typing import TYPE_CHECKING, Optional

from ._twins import lazy_classes, live_or_ours

if TYPE_CHECKING:
    from dvclive.xgb import DVCLiveCallback  # noqa: F401

    from .live import Live


def _callback():
    from dvclive import xgb as upstream

    class DVCLiveCallback(upstream.DVCLiveCallback):
        """``dvclive.xgb.DVCLiveCallback`` that builds a ``dvclive_nb.Live``."""

        def __init__(self, metric_data: Optional[str] = None, live: "Optional[Live]" = None,
                     **kwargs):
            super().__init__(metric_data, live=live_or_ours(live, kwargs))

    return DVCLiveCallback


__getattr__, __dir__ = lazy_classes(globals(), {"DVCLiveCallback": _callback})
