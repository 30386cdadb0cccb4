"""``dvclive.optuna`` with ``dvclive_nb.Live``: ``from dvclive_nb.optuna import DVCLiveCallback``.

Like upstream's, it imports no Optuna: Optuna calls it with ``(study, trial)``.
"""

from typing import TYPE_CHECKING

from ._twins import lazy_classes, new_live

if TYPE_CHECKING:
    from dvclive.optuna import DVCLiveCallback  # noqa: F401


def _callback():
    from dvclive import optuna as upstream

    class DVCLiveCallback(upstream.DVCLiveCallback):
        """``dvclive.optuna.DVCLiveCallback`` that logs each trial to a ``dvclive_nb.Live``."""

        def __call__(self, study, trial) -> None:  # noqa: ARG002 - upstream's signature
            # Upstream's __call__, word for word, but for the Live it builds.
            with new_live(**self.live_kwargs) as live:
                self._log_metrics(trial.values, live)
                live.log_params(trial.params)

    return DVCLiveCallback


__getattr__, __dir__ = lazy_classes(globals(), {"DVCLiveCallback": _callback})
