"""``compare()``: several runs on one board, one row per series and one column per
source, over one synced slider; with no sources, a live board of the runs going on now.

Each column is a source (anything ``show()`` takes) with a watcher of its own while it
runs. The board's panels are named ``"<column>:<series>"``; the view knows nothing more.
"""

import logging
import threading
from typing import TYPE_CHECKING, Callable, Optional

from ._overlay import overlay_options
from .error import NoSeriesError, UnknownSourceError
from .runs import find_root, running
from .sources import Source, open_source

if TYPE_CHECKING:
    from ._present import Presenter

DISCOVER_SECONDS = 1.0  # how often a live board looks for runs that started
logger = logging.getLogger("dvclive_nb")


def compare(*sources, series=None, follow: bool = True, display: bool = True,
            browser_cache_mb: int = 256, storage_options=None, overlay=None,
            overlay_labels=None):
    """Compare the image series of several runs on one board, on one synced slider.

    Each source is anything ``dvclive_nb.show()`` takes: a run folder, an fsspec URL, the
    name of a DVC experiment (running or finished) or any git revision, ``"workspace"``.
    With no sources, it compares the runs going on now in this repo
    (``dvclive_nb.running()``) and adds a column for each run that starts while the board
    is open: a live board of DVC's queue.

    ``series`` (a name or a list) keeps only those series. Columns are headed by their
    names, the params that differ between them and their latest metrics. Pick two columns
    to see them as a swipe or as their absolute difference. ``display=False`` returns the
    board instead of showing it. ``overlay`` and ``overlay_labels``: as in ``show()``,
    in every column.

    Examples::

        import dvclive_nb
        dvclive_nb.compare("lr-0.1", "lr-1")         # two experiments
        dvclive_nb.compare("runs/a", "runs/b", series="pred")
        dvclive_nb.compare()                         # whatever runs now, and what starts
    """
    from ._notebook import ipython_shell
    from ._present import Presenter

    layers = overlay_options(overlay, overlay_labels)
    wanted = [series] if isinstance(series, str) else list(series) if series else None
    live = not sources
    root: Optional[str] = None
    if live:
        root = find_root()
        if root is None:
            raise UnknownSourceError("(the runs going on now: no DVC repo here)")
        sources = tuple(run.name for run in running(root))
    opened = [open_source(s, storage_options) for s in sources]
    presenter = Presenter(ipython_shell() if display else None)
    board = Board(presenter, wanted, follow, browser_cache_mb)
    board.view.overlay, board.view.overlay_labels = layers
    try:
        for source, what in zip(opened, sources):
            board.add(source, strict=not live, what=what)
    except Exception:
        board.view.close()  # stops the watchers of the columns added so far
        for source in opened:
            source.close()
        raise
    board.publish()
    if root is not None and follow:
        board.discover(root)
    if display:
        presenter.show(board.view)
        return None
    return board.view


class Board:
    """The columns of one ``CompareView`` and what keeps them current."""

    def __init__(self, presenter: "Presenter", series: Optional[list], follow: bool,
                 cap_mb: int = 256):
        from .widget import CompareView

        self.presenter = presenter
        self.view = CompareView(load=self.load, cap_mb=cap_mb, prefill=self.prefill,
                                load_boxes=self.load_boxes)
        self.series = series
        self.follow = follow
        self.columns: list = []  # [{"source", "label", "params", "metrics", "status"}]
        self._lock = threading.Lock()
        presenter.adopt(self.view, owns=True)
        self.view.on_close(self.close)
        self._stop = threading.Event()
        self._published = False  # once the page may exist, new frames are sent to it

    # -- columns --------------------------------------------------------------------
    def add(self, source: Source, strict: bool = True, what=None) -> None:
        scanned = source.scan()
        frames = [f for f in scanned if f.kind == "series"
                  and (self.series is None or f.panel in self.series)]
        # No series: an error, unless it may still come (a run that has not logged yet).
        singles = sorted({f.panel for f in scanned if f.kind == "single"})
        if strict and not frames and (source.finished or not self.follow or singles):
            raise NoSeriesError(what if what is not None else source.label, singles)
        with self._lock:
            index = len(self.columns)
            params, metrics = _summary(source)
            self.columns.append({"source": source, "label": source.label,
                                 "params": params, "metrics": metrics,
                                 "status": source.status})
        sink = ColumnSink(self, index)
        if self._published:
            sink.push(frames)
        else:
            sink.add(frames)
        if self.follow and not source.finished:
            self.presenter.follow(source, sink, self.view, keep=self._keep)
        else:
            self.view.on_close(source.close)

    def _keep(self, frame) -> bool:
        return frame.kind == "series" and (self.series is None or frame.panel in self.series)

    def prefill(self) -> bool:
        """Send frames ahead to the page only while every column reads local files."""
        return all(c["source"].cheap_reads for c in self.columns)

    def publish(self) -> None:
        """Send the columns' headers: names, the params that differ, latest metrics."""
        self._published = True
        with self._lock:
            keys = sorted({k for c in self.columns for k in c["params"]})
            differ = [k for k in keys
                      if len({repr(c["params"].get(k)) for c in self.columns}) > 1]
            self.view.columns = [
                {"name": c["label"], "params": {k: _text(c["params"].get(k)) for k in differ},
                 "metrics": {k: _text(v) for k, v in c["metrics"].items()},
                 "status": c["status"]}
                for c in self.columns]

    def changed(self, index: int) -> None:
        """A column's watcher brought frames: refresh its metrics (a small file read)."""
        column = self.columns[index]
        column["params"], column["metrics"] = _summary(column["source"])
        self.publish()
        self.presenter.changed(self.view)

    def status(self, index: int, text: str) -> None:
        if self.columns[index]["status"] != text:
            self.columns[index]["status"] = text
            self.publish()

    def load(self, name: str, step: int):
        index, _, series = name.partition(":")
        return self.columns[int(index)]["source"].read(series, step)

    # -- a live board -------------------------------------------------------------------
    def load_boxes(self, name: str, step: int):
        index, _, series = name.partition(":")
        return self.columns[int(index)]["source"].read_boxes(series, step)

    def discover(self, root: str) -> None:
        """Add a column for each run that starts while the board is open."""
        known = {c["label"] for c in self.columns}
        self.view.status = "● watching for new runs"

        from .sources.experiment import RunSource

        def loop():
            while not self._stop.wait(DISCOVER_SECONDS):
                try:
                    for run in running(root):
                        if run.name not in known:
                            self.add(RunSource(root, run), strict=False)
                            known.add(run.name)
                            self.publish()
                except Exception:  # noqa: BLE001 - a run that ended meanwhile: next round
                    logger.debug("dvclive-nb: live board", exc_info=True)

        threading.Thread(target=loop, daemon=True, name="dvclive-nb board: new runs").start()

    def close(self) -> None:
        self._stop.set()


class ColumnSink:
    """A ``watch.FrameSink`` for one column: frames go to its panels, status to its
    header, and a restart of its run resets that column alone."""

    def __init__(self, board: Board, index: int):
        self.board = board
        self.index = index

    @property
    def status(self) -> str:
        return self.board.columns[self.index]["status"]

    @status.setter
    def status(self, text: str) -> None:
        self.board.status(self.index, text)

    def on_close(self, callback: Callable[[], None]) -> None:
        self.board.view.on_close(callback)

    def _renamed(self, frames) -> list:
        view = self.board.view
        renamed = [f._replace(panel=f"{self.index}:{f.panel}") for f in frames]
        for frame in renamed:
            view.add_panel(frame.panel, "series", column=self.index,
                           series=frame.panel.partition(":")[2])
        return renamed

    def add(self, frames) -> None:
        """The column's first listing, before the page exists: recorded, not sent."""
        self.board.view.add(self._renamed(frames))

    def push(self, frames: list) -> None:
        self.board.view.push(self._renamed(frames))
        self.board.changed(self.index)

    def _panels(self) -> set:
        prefix = f"{self.index}:"
        return {p["name"] for p in self.board.view.panels if p["name"].startswith(prefix)}

    def reset(self) -> None:
        self.board.view.reset(self._panels())
        self.board.changed(self.index)

    def backlog(self) -> None:
        """This column's frames, with its share of the page's prefill budget."""
        self.board.view.backlog(self._panels(), share=max(1, len(self.board.columns)))


def _summary(source) -> tuple:
    try:
        return source.summary()
    except Exception:  # noqa: BLE001 - headers are extra; never fail a board for them
        return {}, {}


def _text(value) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)
