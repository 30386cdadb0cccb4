"""Showing views in a notebook, one way for whoever asks: a ``Live`` (``_route``),
``show()`` and ``compare()``.

A ``Presenter`` owns, for its views:

- display: the widget, then its static fallback, under one display id per view (one
  update refreshes the fallback in every cell that shows it);
- the cell watch (``_cells``): a view shown in a cell whose output is cleared is shown
  again, at its next frame or when the cell ends; when a cell ends, changed fallbacks
  are refreshed (display updates go out from the kernel's main thread, never from a
  watcher's) and, for a ``Live``, the newest frame goes into the saved state;
- the metrics strip: one ``MetricsTail`` of the run (its files on this disk, or a
  commit's read once), a ``MetricsFeed`` per view;
- the page's Export and Save HTML actions (``_export.answer_export``,
  ``_share.answer_save_html``);
- watchers: started here, stopped when their view closes.

``SHOWN`` is the one registry: a presenter opened under a key (``show()``'s source)
replaces the earlier one under that key and closes its views; a ``Live``'s (keyed by
``("Live", its images folder)``, which no ``show()`` key equals) leaves the earlier
views open and marks them ``superseded``: their files on disk now belong to a new run.

Views outlive whoever made them: a ``Live`` that ends, or a new one, takes no view
away. A finished view costs the kernel its frame index and each panel's newest bytes
(``_frame_log``); the page holds the rest, and reads back from disk what it evicted.
"""

import logging
import threading
import weakref
from typing import TYPE_CHECKING, Callable, Hashable, Optional

from ._cells import CellWatch
from .metrics import MetricsFeed, MetricsTail

if TYPE_CHECKING:
    from .sources import Frame, Source
    from .watch import FrameSink
    from .widget import ImageView

logger = logging.getLogger("dvclive_nb")

# Seconds a page-set step stays still before the fallback follows it.
QUIET = 0.5

# key -> Presenter; weak: a presenter lives as long as its views (their on_close holds it).
SHOWN: "weakref.WeakValueDictionary" = weakref.WeakValueDictionary()


class Presenter:
    def __init__(self, shell=None, metrics_dir: Optional[str] = None,
                 key: Optional[Hashable] = None, keep_newest: bool = False,
                 replaces: bool = True):
        """``shell``: the IPython shell whose cells show the views (None: never shown,
        as ``display=False``). ``metrics_dir``: the run's ``plots/metrics`` on this
        machine, for the strip. ``keep_newest``: at each cell's end put the newest
        frame of each changed view in the saved state (views fed from the kernel).
        ``replaces``: close the views of an earlier presenter under ``key``; else they
        stay, marked ``superseded``."""
        self.superseded = False
        # What the user left the replaced view at (step, zoom, tone...): the new view of
        # the same source starts there (issue 20: a re-run cell comes back as it was).
        self._remembered: list = []
        if key is not None:
            previous = SHOWN.get(key)
            if previous is not None and replaces:
                self._remembered = [(_kind(v), v.step, dict(v.view_state),
                                     (v.axis, v.stride)) for v in previous.views]
                previous.close()
            elif previous is not None:
                previous.superseded = True
            SHOWN[key] = self
        self.views: list = []
        self.handles: dict = {}  # view uid -> DisplayHandle of its static fallback
        self.closed = False
        self._shown_in: dict = {}  # view uid -> number of the cell it was last shown in
        self._dirty: set = set()
        self._timers: dict = {}  # view uid -> threading.Timer of a pending refresh
        self._keep_newest = keep_newest
        self._on_cell_end: list = []
        self._cells = (CellWatch(shell, self._cell_end)
                       if shell is not None and hasattr(shell, "events") else None)
        self._tail = MetricsTail(metrics_dir) if metrics_dir is not None else None
        if self._tail is not None:
            self._tail.poll()
        self._feeds: list = []

    def adopt(self, view, owns: bool = False) -> None:
        """Take ``view`` in: its Export and Save HTML actions and its metrics strip.
        ``owns``: the presenter closes (its cell watch, its watchers) when this view closes."""
        from ._export import answer_export
        from ._share import answer_save_html

        view.handle("export", answer_export)
        tail = self._tail
        view.handle("save_html", lambda v, content: answer_save_html(v, content, tail))
        if self._remembered:
            kind, step, state, axis = self._remembered.pop(0)
            if kind == _kind(view):
                view.step, view.view_state = step, state
                # The axis picked in the menu, unless this call names one (issue 20).
                if (view.axis, view.stride) == ("step", 1):
                    view.axis, view.stride = axis
        # The page moved the step (throttled, once the kernel is idle): the fallback a
        # saved notebook keeps shows that step too, once the user stops scrubbing.
        view.observe(lambda _: self._refresh_soon(view), names=["step", "view_state"])
        self.views.append(view)
        if self._tail is not None:
            self._feeds.append(MetricsFeed(self._tail, view))
        if owns:
            view.on_close(self.close)

    def follow(self, source: "Source", sink: "FrameSink", view: "ImageView",
               keep: "Optional[Callable[[Frame], bool]]" = None) -> None:
        """Follow ``source`` into ``sink`` (``view`` or a part of it) on a watcher thread,
        which stops when ``view`` closes or the source ends."""
        from .watch import Watcher

        Watcher(source, sink, keep=keep, on_change=lambda: self.changed(view),
                metrics=self.metrics if self._tail is not None else None)

    # -- display ----------------------------------------------------------------------
    def show(self, view) -> None:
        """Show ``view`` and its static fallback in the running cell."""
        from IPython.display import display

        display(view)
        handle = self.handles.get(view.uid)
        if handle is None:
            self.handles[view.uid] = display(view.static_bundle(), raw=True, display_id=True)
        else:  # the same display id: one update refreshes every cell's fallback
            handle.display(view.static_bundle(), raw=True)
        # Still dirty: fallbacks shown in earlier cells catch up when this cell ends.
        self._shown_in[view.uid] = self._cell()

    def _refresh_soon(self, view) -> None:
        """Refresh ``view``'s fallback once its step has been still for ``QUIET``
        seconds. The page writes its state every 250 ms while scrubbing; a fallback per
        write (64 panels re-encoded, their HTML replaced in the page) made the page's
        slowest step switches twice as slow (issue 20's index sliders)."""
        timer = self._timers.pop(view.uid, None)
        if timer is not None:
            timer.cancel()
        if self.closed:
            return
        timer = self._timers[view.uid] = threading.Timer(QUIET, self._refresh, (view,))
        timer.daemon = True
        timer.start()

    def _refresh(self, view) -> None:
        self._timers.pop(view.uid, None)
        handle = self.handles.get(view.uid)
        if handle is not None and not self.closed:
            try:
                handle.update(view.static_bundle(), raw=True)
            except Exception:  # noqa: BLE001 - the fallback is extra; the view is there
                logger.debug("dvclive-nb: could not refresh a fallback", exc_info=True)

    def changed(self, view) -> None:
        """``view`` has new frames: refresh its fallback when the cell ends (any thread)."""
        self._dirty.add(view)

    def logged(self, view) -> None:
        """The running cell logged a frame to ``view``: show it here, once. O(1)."""
        self.changed(view)
        if self._cells is not None and self._cells.cleared:
            self._show_again()
        if self._shown_in.get(view.uid) != self._cell():
            self.show(view)

    def on_cell_end(self, callback: Callable[[], None]) -> None:
        self._on_cell_end.append(callback)

    def _cell(self) -> int:
        return self._cells.number if self._cells is not None else 0

    def _show_again(self) -> None:
        """The running cell's output was cleared: show its views once more. O(views)."""
        self._cells.cleared = False  # type: ignore[union-attr]
        for view in self.views:
            if self._shown_in.get(view.uid) == self._cell():
                self.show(view)

    def _cell_end(self) -> None:
        if self._cells is not None and self._cells.cleared:  # after the last frame
            self._show_again()
        self.metrics()
        dirty, self._dirty = self._dirty, set()
        for view in dirty:
            if self._keep_newest:
                view.keep_newest()
            handle = self.handles.get(view.uid)
            if handle is not None:
                handle.update(view.static_bundle(), raw=True)
        for callback in self._on_cell_end:
            callback()

    # -- metrics and lifetime ----------------------------------------------------------
    def retire(self) -> None:
        """Nothing more will be logged: stop watching cells once the running one ends
        (its fallbacks refreshed). The views stay, and keep answering their pages."""
        self.on_cell_end(self._stop_watching_cells)

    def _stop_watching_cells(self) -> None:
        if self._cells is not None:
            self._cells.close()
            self._cells = None

    def add_metrics(self, files: dict) -> None:
        """Draw the rows of whole metrics files read elsewhere (``{name: tsv bytes}``, a
        commit's) on the views' strips, once: such a run logs nothing more."""
        if self._tail is None:
            self._tail = MetricsTail()
            self._feeds += [MetricsFeed(self._tail, view) for view in self.views]
        if self._tail.load(files):
            for feed in list(self._feeds):
                feed.send_new()

    def metrics(self, at_most_every: float = 0.0) -> bool:
        """Send the views the metrics rows logged since (read at most so often); True
        when there were any."""
        if not self._feeds or not self._tail.poll(at_most_every):  # type: ignore[union-attr]
            return False
        for feed in list(self._feeds):
            feed.send_new()
        return True

    def close(self) -> None:
        """Close the cell watch and every view (which stops their watchers); the static
        fallbacks stay in the notebook."""
        if self.closed:
            return
        self.closed = True
        if self._cells is not None:
            self._cells.close()
        views, self.views = self.views, []
        for view in views:
            view.close()
        self._feeds.clear()
        self._dirty = set()
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()


def _kind(view) -> str:
    # Not type(view): anywidget may hand out a fresh subclass per instance.
    return "board" if getattr(view, "board", False) else "run"
