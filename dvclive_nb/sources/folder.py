"""A run folder on this machine (or a network file system), followed while it is written.

Polling, not inotify: inotify sees nothing on NFS, where cluster runs write. A poll stats
each known folder and single image, O(folders + singles). Only a folder whose mtime
moved is looked into, and a long series folder is not listed again: the next files are
probed by name (``<last step + stride>.png``), O(new files). Since a probe cannot see a
file off the stride (step 97 of a run logging every 10th step), a moved folder is also
listed in full when the probe finds nothing, and at most every ``RELIST_SECONDS``.
"""

import os
import time
from typing import Any, Optional

from .. import series as series_mod
from ..runs import last_step
from .base import (
    Frame,
    Source,
    SourceUnavailable,
    classify,
    complete,
    listing_frames,
    local_text,
    run_summary,
    sidecar_of,
)

PROBE_FROM = 64  # folders with fewer files than this are simply listed again
RELIST_SECONDS = 5.0


class FolderSource(Source):
    def __init__(self, images_dir: str, label: Optional[str] = None):
        self.images_dir = os.path.abspath(images_dir)
        self.label = label or images_dir
        self.key = self.images_dir
        self.status = f"waiting for the first image in {self.label}"
        self._metrics: Any = None  # a MetricsTail, once a board asks for the rows
        self._reset()

    def _reset(self) -> None:
        self._dirs: dict = {}  # relative folder ("" is the images folder) -> (inode, mtime_ns)
        self._listed: dict = {}  # relative folder -> when it was last listed in full
        self._files: dict = {}  # relative folder -> set of file names in it
        self._series: dict = {}  # panel -> series_mod.Series
        self._singles: dict = {}  # name -> (mtime_ns, size) last delivered
        self._pending: set = set()  # names seen while still being written
        self._seen_root = False
        self._shrunk = False  # a listing found frames gone that had been shown
        # Set when the folder was made anew (a new run in the same folder: dvclive deletes
        # plots/images at the start): what was shown before is not this run's.
        self.restarted = False

    # -- Source ------------------------------------------------------------------------
    def local_images_dir(self) -> Optional[str]:
        return self.images_dir

    def scan(self) -> list:
        names = self._walk("") if os.path.isdir(self.images_dir) else []
        return self._deliver(names, listing=True)

    def poll(self) -> list:
        try:
            root = os.stat(self.images_dir)
        except FileNotFoundError:
            if self._seen_root:
                self._reset()
                self._seen_root = True  # stays "deleted" until it comes back
                raise SourceUnavailable(f"{self.label} was deleted") from None
            return []  # not there yet: a run that has not logged an image
        known = self._dirs.get("")
        if self._seen_root and (not self._dirs or (known and known[0] != root.st_ino)):
            self._reset()  # made anew, perhaps between two polls
            self.restarted = True
        if not self._dirs:
            self._dirs[""] = None  # listed in full below
        new = []
        for rel, seen in list(self._dirs.items()):
            try:
                stat = root if rel == "" else os.stat(self._abs(rel))
            except FileNotFoundError:
                self._forget(rel)
                continue
            if seen is not None and seen[0] != stat.st_ino:  # a folder made anew
                self._forget(rel)
                new += self._list(rel)
            elif seen is None or stat.st_mtime_ns != seen[1]:
                self._dirs[rel] = (stat.st_ino, stat.st_mtime_ns)
                new += self._changed(rel)
        for name, seen in list(self._singles.items()):
            try:
                stat = os.stat(self._abs(name))
            except FileNotFoundError:
                continue
            if (stat.st_mtime_ns, stat.st_size) != seen:
                new.append(name)
        new += [n for n in self._pending if n not in new]
        self._seen_root = True
        if self._shrunk:  # frames we showed are gone: a new run began in this folder
            self._reset()
            self.restarted = True
            return self._deliver(self._walk(""), listing=True)
        return self._deliver(new, listing=False)

    def note(self, name: str) -> None:
        """A frame written as ``name`` (relative to the images folder) by this process:
        ``read`` finds it from now on, before any poll has seen it."""
        kind = classify(name)
        if kind is not None and kind[1] == "series":
            self._series.setdefault(kind[0], series_mod.Series(kind[0])).add(
                kind[2], name.rpartition("/")[2])

    def read(self, panel: str, step: int) -> Optional[bytes]:
        with open(series_mod.file_path(self.images_dir, panel, step, self._series), "rb") as f:
            return f.read()

    def read_sidecar(self, panel: str, step: int) -> Optional[bytes]:
        path = sidecar_of(series_mod.file_path(self.images_dir, panel, step, self._series))
        try:
            with open(path, "rb") as f:
                return f.read()
        except FileNotFoundError:
            return None

    def summary(self) -> tuple:
        run = os.path.dirname(os.path.dirname(self.images_dir))
        return run_summary(local_text, run, root=None)

    def metric_rows(self) -> dict:
        # Read as they are appended: a poll costs a stat per metric while nothing changes.
        if self._metrics is None:
            from ..metrics import MetricsTail

            self._metrics = MetricsTail(os.path.join(os.path.dirname(self.images_dir), "metrics"))
        self._metrics.poll()
        return {name: (self._metrics.steps[name], self._metrics.values[name])
                for name in list(self._metrics.steps)}

    # -- walking -----------------------------------------------------------------------
    def _abs(self, rel: str) -> str:
        return os.path.join(self.images_dir, *rel.split("/")) if rel else self.images_dir

    def _list(self, rel: str) -> list:
        """List folder ``rel`` in full: new files' names; new subfolders are walked."""
        path = self._abs(rel)
        try:
            stat = os.stat(path)
            entries = list(os.scandir(path))
        except (FileNotFoundError, NotADirectoryError):
            self._forget(rel)
            return []
        self._dirs[rel] = (stat.st_ino, stat.st_mtime_ns)  # before listing: nothing slips by
        self._listed[rel] = time.monotonic()
        files = self._files.setdefault(rel, set())
        new, present = [], set()
        for entry in entries:
            if entry.name.startswith("."):
                continue  # dvclive-nb's and editors' temporary files
            name = f"{rel}/{entry.name}" if rel else entry.name
            if entry.is_dir():
                if name not in self._dirs:
                    new += self._walk(name)
                continue
            present.add(entry.name)
            if entry.name not in files:
                files.add(entry.name)
                new.append(name)
        gone = files - present
        if gone:
            files -= gone
            # dvclive deletes plots/images when a run starts again in the same folder;
            # the steps that come back are not the frames we showed.
            self._shrunk = self._shrunk or any(
                classify(f"{rel}/{g}" if rel else g) for g in gone)
        return new

    def _walk(self, rel: str) -> list:
        new = self._list(rel)
        self._seen_root = True
        return new

    def _forget(self, rel: str) -> None:
        """Folder ``rel`` is gone or was made anew. Frames it held that were shown are
        gone too: a new run (caught between dvclive making ``plots/images`` again and
        making its subfolders, the inode numbers reused, a poll saw no change at the
        root, and the series kept the old run's steps)."""
        for known in [d for d in self._dirs if d == rel or d.startswith(rel + "/")]:
            self._shrunk = self._shrunk or any(
                classify(f"{known}/{name}" if known else name)
                for name in self._files.get(known, ()))
            self._dirs.pop(known, None)
            self._files.pop(known, None)
            self._listed.pop(known, None)

    def _changed(self, rel: str) -> list:
        found = self._series.get(rel)
        files = self._files.get(rel, ())
        stale = time.monotonic() - self._listed.get(rel, 0) > RELIST_SECONDS
        if found is None or len(files) < PROBE_FROM or stale:
            return self._list(rel)
        new = self._probe(rel, found)
        return new or self._list(rel)

    def _probe(self, rel: str, found) -> list:
        steps = found.steps
        stride = max(1, steps[-1] - steps[-2]) if len(steps) > 1 else 1
        suffix = os.path.splitext(found.files[steps[-1]])[1]
        files = self._files[rel]
        new: list = []
        step = steps[-1]
        while True:
            step += stride
            base = f"{step}{suffix}"
            if base in files:
                continue  # known already (a file that was still being written)
            if not os.path.exists(os.path.join(self._abs(rel), base)):
                return new
            files.add(base)
            new.append(f"{rel}/{base}")

    # -- frames ------------------------------------------------------------------------
    def _read_complete(self, name: str) -> Optional[bytes]:
        """The file's bytes once it is whole; None (and pending) while it is written."""
        path = self._abs(name)
        try:
            stat = os.stat(path)
            with open(path, "rb") as f:
                data = f.read()
        except (FileNotFoundError, IsADirectoryError):
            self._pending.discard(name)
            return None
        if not complete(series_mod.mime(name), data):
            self._pending.add(name)
            return None
        self._pending.discard(name)
        if classify(name)[1] == "single":
            self._singles[name] = (stat.st_mtime_ns, stat.st_size)
        return data

    def _deliver(self, names, listing: bool) -> list:
        """Turn ``names`` (relative file names) into frames; register what was delivered
        (a file still being written stays pending, and is tried again next poll)."""
        # Each name classified once: a first scan meets every file of the run (3 x 1,000
        # frames: a fifth of a cold show()'s call went to classifying each one four times).
        kinds = {name: kind for name in names if (kind := classify(name)) is not None}
        wanted = list(kinds)
        singles = any(kind[1] == "single" for kind in kinds.values())
        # Singles are overwritten every step: show the run's step, if it logs metrics.
        single_step = (last_step(os.path.dirname(os.path.dirname(self.images_dir))) or 0
                       if singles else 0)
        if listing:
            frames = listing_frames(wanted, self._read_complete, single_step, kinds)
        else:
            frames = []
            for name in sorted(wanted, key=_step_order):
                data = self._read_complete(name)
                if data is None:
                    continue
                panel, kind, step = kinds[name]
                frames.append(Frame(panel, kind, single_step if step is None else step,
                                    series_mod.mime(name), data))
        for name, (panel, kind, step) in kinds.items():
            if kind == "series" and name not in self._pending:
                self._series.setdefault(panel, series_mod.Series(panel)).add(
                    step, name.rpartition("/")[2])
        if self._series or self._singles:
            self.status = ""
        return frames


def _step_order(name: str):
    kind = classify(name)
    return (kind[0], kind[2] if kind[2] is not None else -1)
