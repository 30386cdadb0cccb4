"""``compare()``: several runs on one board, one row per series and one column per
source, over one synced slider; with no sources, a live board of the runs going on now.

Each column is a source (anything ``show()`` takes) with a watcher of its own while it
runs. The board's panels are named ``"<column>:<series>"``; the view knows nothing more.
"""

import logging
import threading
from typing import TYPE_CHECKING, Callable, Optional

from ._axis import axis_options, check_axis, logged_metrics
from ._overlay import overlay_options
from .error import NoSeriesError, UnknownSourceError
from .metrics import ColumnRows, MetricsFeed
from .runs import find_root, running
from .sources import Source, failure_text, open_source

if TYPE_CHECKING:
    from ._present import Presenter

DISCOVER_SECONDS = 1.0  # how often a live board looks for runs that started
logger = logging.getLogger("dvclive_nb")


def compare(*sources, series=None, sort: Optional[str] = None, group: Optional[str] = None,
            follow: bool = True, display: bool = True, browser_cache_mb: int = 256,
            storage_options=None, overlay=None, overlay_labels=None, axis: str = "step",
            stride: int = 1, caption=None):
    """Compare the image series of several runs on one board, on one synced slider.

    Each source is anything ``dvclive_nb.show()`` takes: a run folder, an fsspec URL, the
    name of a DVC experiment (running or finished) or any git revision, ``"workspace"``.
    With no sources, it compares the runs going on now in this repo
    (``dvclive_nb.running()``) and adds a column for each run that starts while the board
    is open: a live board of DVC's queue.

    ``series`` (a name or a list) keeps only those series. Columns are headed by their
    names, the params that differ between them and their metrics at the slider's step.
    Pick two columns to see them as a swipe or as their absolute difference.
    ``display=False`` returns the board instead of showing it.

    ``sort`` orders the columns by a metric or a param (``"val_loss"``; ``"-val_loss"``
    for descending; runs without it last); ``group`` puts the columns that share a
    param's (or metric's) value side by side, in that value's order, and heads each
    column with it (``"lr=0.1"``). Columns of a live board that start later are added
    at the end.

    Errors: ``UnknownSourceError``, ``MissingImagesError`` (a commit with no images) and
    ``NoSeriesError`` (a source with no series) raise from the call. A source whose
    listing is slow (a remote URL, an experiment whose images are only in DVC's cache)
    gets its column at once, headed "reading …", and is read on a background thread;
    what goes wrong there is said in that column's header, not raised (with
    ``display=False`` it is raised).

    ``overlay`` and ``overlay_labels``: as in ``show()``, in every column; so are
    ``axis``, ``stride`` and ``caption`` (an axis that none of the runs on this disk
    logs raises ``AxisError``). The slider moves over the union of the
    columns' steps: a column with no frame at the selected step shows its latest one
    before it, marked (a dashed border; "step 40 (at 45)").

    Examples::

        import dvclive_nb
        dvclive_nb.compare("lr-0.1", "lr-1")         # two experiments
        dvclive_nb.compare("runs/a", "runs/b", series="pred")
        dvclive_nb.compare(*dvclive_nb.experiments()[:6], sort="val_loss", group="lr")
        dvclive_nb.compare()                         # whatever runs now, and what starts
    """
    from ._notebook import ipython_shell
    from ._present import Presenter

    layers = overlay_options(overlay, overlay_labels)
    axes = axis_options(axis, stride, caption)
    wanted = [series] if isinstance(series, str) else list(series) if series else None
    live = not sources
    root: Optional[str] = None
    if live:
        root = find_root()
        if root is None:
            raise UnknownSourceError("(the runs going on now: no DVC repo here)")
        sources = tuple(run.name for run in running(root))
    opened = [open_source(s, storage_options) for s in sources]
    try:
        check_axis(axes["axis"], logged_metrics(opened), ", ".join(map(str, sources)))
    except Exception:
        for source in opened:
            source.close()
        raise
    summaries = [source_summary(s) for s in opened]
    order = ordered(list(range(len(opened))), summaries, sort, group)
    presenter = Presenter(ipython_shell() if display else None)
    board = Board(presenter, wanted, follow, browser_cache_mb)
    board.group = group
    board.view.overlay, board.view.overlay_labels = layers
    board.view.axis, board.view.stride, board.view.caption = axes.values()
    try:
        for i in order:
            board.add(opened[i], strict=not live, what=sources[i], summary=summaries[i],
                      background=display and not opened[i].quick)
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
        self.rows = ColumnRows()  # each column's metrics by step, for its header
        self._rows_feed = MetricsFeed(self.rows, self.view)
        self.group: Optional[str] = None  # the param that groups the columns, if any

    # -- columns --------------------------------------------------------------------
    def add(self, source: Source, strict: bool = True, what=None,
            summary: Optional[tuple] = None, background: bool = False) -> None:
        """A column for ``source``. ``background``: list it on a thread of its own (a
        slow source: a remote, DVC's cache); the column shows "reading …" meanwhile, and
        an error in its header instead of raising."""
        if not background:
            frames = self._frames(source, strict, what)
            self._fill(self._column(source, source.status, summary), source, frames)
            return
        index = self._column(source, f"reading {source.label} …", summary=({}, {}))
        self.view.on_close(source.close)

        def read():
            try:
                frames = self._frames(source, strict, what)
            except Exception as exc:  # noqa: BLE001 - compare() has returned: say it here
                logger.debug("dvclive-nb: could not read %s", source.label, exc_info=True)
                self.status(index, failure_text(source.label, exc))
                return
            if self._stop.is_set():
                return  # the board closed meanwhile
            self.status(index, source.status)
            self._fill(index, source, frames)
            self.changed(index)

        threading.Thread(target=read, daemon=True,
                         name=f"dvclive-nb reading: {source.label}").start()

    def _frames(self, source: Source, strict: bool, what) -> list:
        """The column's series frames; ``NoSeriesError`` when it has none to show."""
        scanned = source.scan()
        frames = [f for f in scanned if f.kind == "series"
                  and (self.series is None or f.panel in self.series)]
        # No series: an error, unless it may still come (a run that has not logged yet).
        singles = sorted({f.panel for f in scanned if f.kind == "single"})
        if strict and not frames and (source.finished or not self.follow or singles):
            raise NoSeriesError(what if what is not None else source.label, singles,
                                source.left_out())
        return frames

    def _column(self, source: Source, status: str,
                summary: Optional[tuple] = None) -> int:
        with self._lock:
            index = len(self.columns)
            params, metrics = summary if summary is not None else source_summary(source)
            self.columns.append({"source": source, "label": source.label,
                                 "params": params, "metrics": metrics, "status": status})
        self._read_rows(index, source)
        return index

    def _fill(self, index: int, source: Source, frames: list) -> None:
        sink = ColumnSink(self, index)
        if self._published:
            sink.push(frames)
        else:
            sink.add(frames)
        if self.follow and not source.finished:
            self.presenter.follow(source, sink, self.view, keep=self._keep)
        else:
            self.view.on_close(source.close)

    def _read_rows(self, index: int, source: Source) -> None:
        """The column's metric rows for its header: read now from local files, in the
        background through git or a network (the board does not wait for its headers)."""
        def read():
            self.rows.update(index, _rows(source))
            self._rows_feed.send_new()

        if source.cheap_reads:
            read()
        else:
            threading.Thread(target=read, daemon=True, name="dvclive-nb board: metrics").start()

    def _keep(self, frame) -> bool:
        return frame.kind == "series" and (self.series is None or frame.panel in self.series)

    def prefill(self) -> bool:
        """Send frames ahead to the page only while every column reads local files."""
        return all(c["source"].cheap_reads for c in self.columns)

    def publish(self) -> None:
        """Send the columns' headers: names, the params that differ, latest metrics."""
        self._published = True
        with self._lock:
            self.view.columns = column_heads(self.columns, self.group)

    def changed(self, index: int) -> None:
        """A column's watcher brought frames: refresh its metrics (a small file read)."""
        column = self.columns[index]
        column["params"], column["metrics"] = source_summary(column["source"])
        self.rows.update(index, _rows(column["source"]))
        self._rows_feed.send_new()
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


def column_heads(columns: list, group: Optional[str] = None) -> list:
    """The board's column headers from ``[{"label", "params", "metrics", "status"}]``:
    each column's name, the params that differ between the columns (``params``, and
    their names in ``differ``, which the page marks as such), its metrics (as text) and,
    grouped by a param, ``group`` (``"lr=0.1"``; else ""). ``to_html`` heads a shared
    board with them too."""
    keys = sorted({k for c in columns for k in c["params"]})
    differ = [k for k in keys if len({repr(c["params"].get(k)) for c in columns}) > 1]
    heads = []
    for c in columns:
        value = run_value(c["params"], c["metrics"], group) if group else None
        heads.append({"name": c["label"], "params": {k: _text(c["params"].get(k)) for k in differ},
                      "differ": differ,
                      "metrics": {k: _text(v) for k, v in c["metrics"].items()},
                      "group": f"{group}={_text(value)}" if group else "",
                      "status": c["status"]})
    return heads


def run_value(params: dict, metrics: dict, key: str):
    """A run's metric or param ``key`` (metrics first); ``eval/loss`` finds dvclive's
    nested ``eval.loss`` too. None when it has neither."""
    for name in (key, key.replace("/", ".")):
        if name in metrics:
            return metrics[name]
        if name in params:
            return params[name]
    return None


def ordered(items: list, summaries: list, sort: Optional[str], group: Optional[str]) -> list:
    """``items`` (indexes into ``summaries``, ``(params, metrics)`` each) ordered by
    ``sort``, then stably by ``group``: columns of one group stay side by side, sorted
    within it."""
    from .exp_table import order_by

    def value(i, key):
        return run_value(*summaries[i], key)

    if sort:
        items = order_by(items, sort, value)
    if group:
        items = order_by(items, group, value)
    return items


def source_summary(source) -> tuple:
    """``(params, metrics)`` of a source's run; empty when they cannot be read."""
    try:
        return source.summary()
    except Exception:  # noqa: BLE001 - headers are extra; never fail a board for them
        return {}, {}


def _rows(source) -> dict:
    try:
        return source.metric_rows()
    except Exception:  # noqa: BLE001 - headers are extra; never fail a board for them
        return {}


def _text(value) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)
