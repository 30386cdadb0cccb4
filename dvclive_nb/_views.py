"""Glue between a ``Live`` and its image views: which view a name goes to, and when.

Every series (and single image, as a preview) first logged during one cell execution
joins that cell's view, so input / prediction / target logged in one loop share a
slider. The view is displayed under the cell that logs its first frame, followed by a
static fallback that is refreshed when the cell ends.
"""

import logging
import os
import weakref

from . import series as series_mod
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
        self._shell = shell
        self._previews = previews
        self._cap_mb = cap_mb
        self._resume = resume
        self._series: dict = {}  # series name -> series_mod.Series (file lookup)
        self._view_of: dict = {}  # panel name -> ImageView
        self._cell_view = None
        self.views: list = []
        self._statics: dict = {}  # view uid -> DisplayHandle
        self._dirty: set = set()
        self._closed = False
        shell.events.register("post_run_cell", self._post_run_cell)

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
        if view.uid not in self._statics:
            self._display(view)

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
        return view

    def load(self, name: str, step: int):
        with open(series_mod.file_path(self.images_dir, name, step, self._series), "rb") as f:
            return f.read()

    def _display(self, view: ImageView) -> None:
        from IPython.display import display

        display(view)
        self._statics[view.uid] = display(view.static_bundle(), raw=True, display_id=True)
        self._dirty.discard(view)

    def refresh_static(self) -> None:
        for view in list(self._dirty):
            handle = self._statics.get(view.uid)
            if handle is not None:
                handle.update(view.static_bundle(), raw=True)
        self._dirty.clear()

    def _post_run_cell(self, *_args) -> None:
        try:
            self.refresh_static()
        except Exception:  # noqa: BLE001 - a hook must not break the user's cell
            logger.warning("dvclive-nb could not refresh the static images", exc_info=True)
        self._cell_view = None

    def close(self) -> None:
        """Close every widget; the static fallbacks stay in the notebook."""
        self._closed = True
        try:
            self._shell.events.unregister("post_run_cell", self._post_run_cell)
        except ValueError:
            pass
        for view in self.views:
            view.close()
        self.views.clear()
        self._view_of.clear()
        self._cell_view = None
        self._dirty.clear()
