"""The metrics a run logs, for the strip of sparklines under a view's slider.

``MetricsTail`` reads ``<run>/plots/metrics/**/*.tsv`` (upstream's metric history
files) incrementally: each poll reads only the bytes appended since the last one, so a
poll costs a ``stat`` per metric while nothing changes. ``MetricsFeed`` sends one view
the rows it has not had yet, as two float64 buffers per metric in a custom message
(never in the synced state, so a saved notebook stays small), and all of them again when
a page (re)connects.
"""

import os
import threading
import time
from array import array
from typing import Optional

# Metrics are polled at most this often from the logging path (a frame, a step).
POLL_SECONDS = 0.25
# Wall time as a row of its own, for the slider's axis (issue 20): seconds since the
# run's first row, from the `timestamp` column of one metric's file (the first read
# that has one: `log_metric(name, value, timestamp=True)`).
WALL_TIME = "wall_time"


class _File:
    __slots__ = ("offset", "inode", "columns", "partial")

    def __init__(self):
        self.offset = 0
        self.inode = None
        self.columns: Optional[list] = None  # header; ["timestamp", "step", name]
        self.partial = b""


class MetricsTail:
    """Every metric's (step, value) rows under ``metrics_dir``, read as they are written;
    or (``metrics_dir=None``) the rows handed to ``load`` once."""

    def __init__(self, metrics_dir: Optional[str] = None):
        self.metrics_dir = os.path.abspath(metrics_dir) if metrics_dir else None
        self.steps: dict = {}  # metric name -> array("d") of steps
        self.values: dict = {}  # metric name -> array("d") of values
        self.generation = 0  # bumped when a file starts over: feeds resend everything
        self._files: dict = {}  # path -> _File
        self._lock = threading.Lock()
        self._polled = 0.0
        self._clock: Optional[str] = None  # the metric whose timestamps give WALL_TIME
        self._t0: Optional[float] = None

    def poll(self, at_most_every: float = 0.0) -> bool:
        """Read what was appended; True when there are new rows."""
        now = time.monotonic()
        if at_most_every and now - self._polled < at_most_every:
            return False
        self._polled = now
        if self.metrics_dir is None:
            return False
        with self._lock:
            changed = False
            for path in self._tsv_files():
                changed |= self._read(path)
            return changed

    def _tsv_files(self):
        stack = [self.metrics_dir or ""]
        while stack:
            try:
                entries = list(os.scandir(stack.pop()))
            except OSError:
                continue
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.name.endswith(".tsv"):
                    yield entry.path

    def _read(self, path: str) -> bool:
        state = self._files.setdefault(path, _File())
        try:
            st = os.stat(path)
        except OSError:
            return False
        name = os.path.relpath(path, self.metrics_dir or "")[: -len(".tsv")].replace(os.sep, "/")
        if st.st_ino != state.inode or st.st_size < state.offset:  # new or rewritten
            if state.inode is not None:
                for gone in (name, WALL_TIME) if name == self._clock else (name,):
                    self.steps.pop(gone, None)
                    self.values.pop(gone, None)
                if name == self._clock:
                    self._t0 = None
                self.generation += 1
            state.__init__()
            state.inode = st.st_ino
        if st.st_size == state.offset:
            return False
        with open(path, "rb") as f:
            f.seek(state.offset)
            chunk = f.read(st.st_size - state.offset)
        state.offset += len(chunk)
        return self._parse(name, state, chunk)

    def load(self, files: dict) -> bool:
        """Take the rows of whole files read elsewhere (``{name: tsv bytes}``: a
        commit's, which will not grow); True when there were any."""
        with self._lock:
            changed = False
            for name, data in files.items():
                changed |= self._parse(name, _File(), data if data.endswith(b"\n")
                                       else data + b"\n")
            return changed

    def _parse(self, name: str, state: _File, chunk: bytes) -> bool:
        lines = (state.partial + chunk).split(b"\n")
        state.partial = lines.pop()  # an unfinished last line waits for the next poll
        steps = self.steps.setdefault(name, array("d"))
        values = self.values.setdefault(name, array("d"))
        before = len(steps)
        for raw in lines:
            cells = raw.rstrip(b"\r").decode("utf-8", "replace").split("\t")
            if state.columns is None:
                state.columns = cells
                # dvclive writes a timestamp column only when asked for one
                # (log_metric(..., timestamp=True)): the first such file is the clock.
                if self._clock is None and "timestamp" in cells and name != WALL_TIME:
                    self._clock = name
                continue
            row = dict(zip(state.columns, cells))
            try:
                step, value = float(row["step"]), float(row[state.columns[-1]])
            except (KeyError, ValueError):
                continue  # a value dvclive logged as text: not drawable
            steps.append(step)
            values.append(value)
            if self._clock == name:
                self._tick(step, row.get("timestamp"))
        return len(steps) > before

    def _tick(self, step: float, timestamp: Optional[str]) -> None:
        try:
            ms = float(timestamp or "")
        except ValueError:
            return
        if self._t0 is None:
            self._t0 = ms
        self.steps.setdefault(WALL_TIME, array("d")).append(step)
        self.values.setdefault(WALL_TIME, array("d")).append((ms - self._t0) / 1000)


def tsv_rows(data: bytes) -> tuple:
    """``(steps, values)`` of one whole metric history file (dvclive's TSV)."""
    steps, values = array("d"), array("d")
    lines = data.decode("utf-8", "replace").splitlines()
    if not lines:
        return steps, values
    columns = lines[0].split("\t")
    for line in lines[1:]:
        row = dict(zip(columns, line.split("\t")))
        try:
            step, value = float(row["step"]), float(row[columns[-1]])
        except (KeyError, ValueError):
            continue  # a value dvclive logged as text: not drawable
        steps.append(step)
        values.append(value)
    return steps, values


class MetricsFeed:
    """Sends one view the rows of a ``MetricsTail`` it has not had yet."""

    def __init__(self, tail: "MetricsTail | ColumnRows", view):
        self.tail = tail
        self.view = view
        self._sent: dict = {}  # metric name -> rows sent
        self._generation = tail.generation
        self._lock = threading.Lock()
        view.on_sync(self.resend)

    def send_new(self) -> None:
        with self._lock:
            if self._generation != self.tail.generation:
                self._generation = self.tail.generation
                self._sent.clear()
                self._send({}, reset=True)
            self._send(self._sent)

    def resend(self) -> None:
        """A page (re)connected: everything, from the first row."""
        with self._lock:
            self._sent.clear()
            self._send(self._sent, reset=True)

    def _send(self, sent: dict, reset: bool = False) -> None:
        metas: list = []
        buffers: list = []
        for name in sorted(self.tail.steps):
            steps, values = self.tail.steps[name], self.tail.values[name]
            n = min(len(steps), len(values))
            start = sent.get(name, 0)
            if n <= start:
                continue
            metas.append({"name": name, "start": start, "buf": len(buffers)})
            buffers += [steps[start:n].tobytes(), values[start:n].tobytes()]
            sent[name] = n
        if (metas or reset) and self.view.comm is not None:
            self.view.send({"type": "metrics", "metrics": metas, "reset": reset}, buffers)


class ColumnRows:
    """A board's columns' metric rows as one table a ``MetricsFeed`` sends: metric ``m``
    of column ``i`` is named ``"i:m"``, and the page heads each column with its values at
    the slider's step."""

    def __init__(self):
        self.steps: dict = {}  # "i:m" -> array("d"), as the column's source gave it
        self.values: dict = {}
        self.generation = 0

    def update(self, index: int, rows: dict) -> None:
        steps, values = dict(self.steps), dict(self.values)
        for name, (s, v) in rows.items():
            key = f"{index}:{name}"
            if key in steps and steps[key] is not s:
                self.generation += 1  # the source read its file anew: resend it whole
            steps[key], values[key] = s, v
        # New dicts swapped in, values first: a feed sending from another thread sees
        # every name it finds in ``steps`` in ``values`` too.
        self.values = values
        self.steps = steps

