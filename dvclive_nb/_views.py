"""Glue between a ``Live`` and its image views: which view a name goes to, and when.

Every series (and single image, as a preview) first logged during one cell execution
joins that cell's view, so input / prediction / target logged in one loop share a
slider. A view is displayed, followed by its static fallback, under every cell that logs
a frame of it: the cell that starts it, and each later cell that goes on training (as
tqdm shows a bar in every cell that iterates). Each display is another view of the same
widget model, so it holds the whole history, and the earlier ones stay live. After a
``clear_output`` in that cell, the views are displayed again at the next frame or when
the cell ends, whichever comes first. The fallbacks share one display id per view and
are refreshed when a cell ends.
"""

import logging
import os
import weakref
from typing import Optional

from . import series as series_mod
from ._cells import CellWatch
from .metrics import POLL_SECONDS, MetricsFeed, MetricsTail
from .view import ImageView

logger = logging.getLogger("dvclive_nb")

# The views of the most recent Live in this kernel; a new Live closes them.
_LAST = None


class LiveViews:
    def __init__(self, images_dir: str, shell, previews: bool = True,
                 cap_mb: int = 256, resume: bool = False):
        global _LAST  # noqa: PLW0603 - a weak reference, see module docstring
        previous = _LAST() if _LAST is not None else None
        if previous is not None:
            previous.close()
        _LAST = weakref.ref(self)

        self.images_dir = images_dir
        self._previews = previews
        self._cap_mb = cap_mb
        self._resume = resume
        self._series: dict = {}  # series name -> series_mod.Series (file lookup)
        self._view_of: dict = {}  # panel name -> ImageView
        self._cell_view: Optional[ImageView] = None
        self.views: list = []
        self._statics: dict = {}  # view uid -> DisplayHandle (one display id per view)
        self._shown_in: dict = {}  # view uid -> number of the cell it was last shown in
        self._dirty: set = set()
        self._closed = False
        self._cells = CellWatch(shell, self._cell_end)
        # The run's metrics, for the strip under each view's slider.
        self._metrics = MetricsTail(os.path.join(os.path.dirname(images_dir), "metrics"))
        self._feeds: list = []

    def frame(self, name: str, step: int, data: bytes) -> None:
        """A frame was written as ``name`` at ``step``: show it. O(1)."""
        if self._closed:  # a newer Live took over this kernel's views
            return
        parsed = series_mod.parse(name)
        if parsed is None:
            if not self._previews:
                return
            panel, kind = name, "single"
        else:
            (panel, step), kind = parsed, "series"
        view = self._view_of.get(panel)
        if view is None:
            view = self._join(panel, kind, step)
        if kind == "series":
            self._series[panel].add(step, name.rpartition("/")[2])
        view.add_frame(panel, step, data, series_mod.mime(name))
        self._dirty.add(view)
        if self._cells.cleared:
            self._show_again()
        if self._shown_in.get(view.uid) != self._cells.number:
            self._display(view)
        self.metrics(POLL_SECONDS)

    def metrics(self, at_most_every: float = 0.0) -> None:
        """Send the views the metrics logged since (read at most so often)."""
        if self._feeds and self._metrics.poll(at_most_every):
            for feed in self._feeds:
                feed.send_new()

    def _join(self, panel: str, kind: str, step: int) -> ImageView:
        view = self._cell_view
        if view is None:
            view = self._cell_view = self.new_view()
        view.add_panel(panel, kind)
        self._view_of[panel] = view
        if kind == "series":
            found = series_mod.Series(panel)
            self._series[panel] = found
            if self._resume:
                self._preload(view, found, skip=step)
        return view

    def _preload(self, view: ImageView, found, skip: int) -> None:
        """``resume=True``: list the series' earlier frames on disk (sent on request).

        ``skip`` is the step being logged now: its file is already written.
        """
        folder = os.path.join(self.images_dir, *found.name.split("/"))
        if not os.path.isdir(folder):
            return
        for base in os.listdir(folder):
            parsed = series_mod.parse(f"{found.name}/{base}")
            if parsed is not None and parsed[1] != skip:
                found.add(parsed[1], base)
        for step in found.steps:
            view.add_frame(found.name, step, None, series_mod.mime(found.files[step]))

    def new_view(self) -> ImageView:
        view = ImageView(load=self.load, cap_mb=self._cap_mb)
        self.views.append(view)
        self._feeds.append(MetricsFeed(self._metrics, view))
        return view

    def load(self, name: str, step: int):
        with open(series_mod.file_path(self.images_dir, name, step, self._series), "rb") as f:
            return f.read()

    def _display(self, view: ImageView) -> None:
        """Show ``view`` and its static fallback in the running cell."""
        from IPython.display import display

        display(view)
        handle = self._statics.get(view.uid)
        if handle is None:
            self._statics[view.uid] = display(view.static_bundle(), raw=True, display_id=True)
        else:  # the same display id: one update refreshes every cell's fallback
            handle.display(view.static_bundle(), raw=True)
        # Still dirty: fallbacks shown in earlier cells catch up when this cell ends.
        self._shown_in[view.uid] = self._cells.number

    def _show_again(self) -> None:
        """The running cell's output was cleared: show its views once more. O(views)."""
        self._cells.cleared = False
        for view in self.views:
            if self._shown_in.get(view.uid) == self._cells.number:
                self._display(view)

    def refresh_static(self) -> None:
        for view in list(self._dirty):
            handle = self._statics.get(view.uid)
            if handle is not None:
                handle.update(view.static_bundle(), raw=True)
        self._dirty.clear()

    def _cell_end(self) -> None:
        if self._cells.cleared:  # cleared after the last frame: the cell ends with them
            self._show_again()
        self.metrics()
        for view in self._dirty:
            view.keep_newest()
        self.refresh_static()
        self._cell_view = None

    def close(self) -> None:
        """Close every widget; the static fallbacks stay in the notebook."""
        self._closed = True
        self._cells.close()
        for view in self.views:
            view.close()
        self.views.clear()
        self._feeds.clear()
        self._view_of.clear()
        self._cell_view = None
        self._dirty.clear()
