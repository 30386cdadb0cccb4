"""The slider's axis, stride and captions (issue 20): the view's traits, and the check of
``axis=`` against the metrics a run logs.

The mapping itself (axis value -> the last image step that has it) runs in the browser,
``js/src/axis.js``, from the metric rows the strip already has: an axis change repaints
there without asking the kernel. Python only names and checks the choice.
"""

import os
from typing import Iterable, Optional

import traitlets

from .error import AxisError
from .metrics import WALL_TIME

STEP = "step"


class AxisTraits(traitlets.HasTraits):
    """The view's slider axis: synced, so remembered in the widget's state like ``step``.

    ``axis``: ``"step"``, a metric the run logs per step (``"epoch"``), or
    ``"wall_time"`` (seconds since the run's first metric row); the page's menu sets it
    too. ``stride``: the slider shows every k-th of its frames.
    ``caption``: metrics named under each frame, at that frame's step.
    """

    axis = traitlets.Unicode(STEP).tag(sync=True)
    stride = traitlets.Int(1).tag(sync=True)
    caption: traitlets.List = traitlets.List(traitlets.Unicode()).tag(sync=True)

    @traitlets.validate("stride")
    def _stride_at_least_one(self, proposal):
        value = proposal["value"]
        if value < 1:
            raise AxisError(f"stride={value!r}: the stride must be a whole number, 1 or more "
                            "(stride=5 shows every 5th frame).")
        return value


def axis_options(axis: Optional[str], stride, caption) -> dict:
    """``show()``'s and ``compare()``'s options as the view's traits, checked for type."""
    if not isinstance(stride, int) or isinstance(stride, bool) or stride < 1:
        raise AxisError(f"stride={stride!r}: the stride must be a whole number, 1 or more "
                        "(stride=5 shows every 5th frame).")
    if isinstance(caption, str):
        caption = [caption]
    names = list(caption or [])
    if not isinstance(axis or STEP, str) or not all(isinstance(n, str) for n in names):
        raise AxisError(f"axis={axis!r}, caption={caption!r}: name metrics by their names "
                        "(axis=\"epoch\", caption=[\"val_loss\"]).")
    return {"axis": axis or STEP, "stride": stride, "caption": names}


def metric_names(metrics_dir: Optional[str]) -> list:
    """The metrics logged under a run's ``plots/metrics`` folder, as the strip names them,
    and ``wall_time`` when one of them has dvclive's ``timestamp`` column."""
    names: list = []
    timed = False
    if metrics_dir and os.path.isdir(metrics_dir):
        for root, _dirs, files in os.walk(metrics_dir):
            for f in files:
                if f.endswith(".tsv"):
                    path = os.path.join(root, f)
                    rel = os.path.relpath(path, metrics_dir)
                    names.append(rel[: -len(".tsv")].replace(os.sep, "/"))
                    timed = timed or _has_timestamps(path)
    return sorted(names + [WALL_TIME] if timed else names)


def logged_metrics(sources) -> list:
    """The metrics that any of ``sources`` (on this disk) logs: a board's axes."""
    names: set = set()
    for src in sources:
        images = src.local_images_dir()
        if images:
            names.update(metric_names(os.path.join(os.path.dirname(images), "metrics")))
    return sorted(names)


def _has_timestamps(path: str) -> bool:
    try:
        with open(path, "rb") as f:
            return b"timestamp" in f.readline().split(b"\t")
    except OSError:
        return False


def check_axis(axis: str, available: Iterable[str], source) -> None:
    """Refuse an axis the run does not log, once it logs something (a run that has
    logged no metric yet may log this one later: nothing to check against)."""
    names = sorted(set(available))
    if axis == STEP or not names or axis in names:
        return
    raise AxisError(f"axis={axis!r}: '{source}' logs no metric {axis!r} per step. "
                    f"Its axes: {', '.join([STEP, *names])} (log one with "
                    f"live.log_metric({axis!r}, value) at each step).")
