"""A run going on now, followed in its live folder; when it ends, read from its commit.

A queued run trains in a temporary workspace that DVC deletes when the run is done, so
the source switches to the experiment's commit then, and lists it once more: frames
written after the last poll are not lost. A script or a ``dvc exp run`` in the workspace
keeps its folder, which stays the source.
"""

import time
from typing import Optional

from ..error import MissingImagesError
from ..runs import CANCELED, FAILED, FINISHED, RUNNING, Run, pid_alive, run_info, run_marker
from .base import Source, SourceUnavailable, classify, listing_frames, local_text, run_summary
from .commit import CommitSource
from .folder import FolderSource

GRACE_SECONDS = 30.0  # a dead run with no commit yet: how long to wait for one


class RunSource(Source):
    def __init__(self, root: str, run: Run):
        self.root = root
        self.run = run
        self.label = run.name
        self.key = f"{root}@{run.name}"
        self._folder = FolderSource(run.images_dir, label=run.name)
        self._commit: Optional[CommitSource] = None
        self._dead_since: Optional[float] = None
        self._shown: set = set()  # (panel, step) of every series frame handed out
        self.status = f"{run.name} · running ({run.kind})"

    def local_images_dir(self) -> Optional[str]:
        return self._folder.images_dir  # while it runs; what was read stays after

    def scan(self) -> list:
        return self._note(self._folder.scan())

    def poll(self) -> list:
        return self._note(self._poll())

    @property
    def cheap_reads(self) -> bool:  # type: ignore[override]
        return self._commit is None  # the commit is read through git and DVC

    @property
    def restarted(self) -> bool:  # type: ignore[override]
        return self._folder.restarted

    @restarted.setter
    def restarted(self, value: bool) -> None:
        self._folder.restarted = value

    def _note(self, frames: list) -> list:
        self._shown.update((f.panel, f.step) for f in frames if f.kind == "series")
        return frames

    def _poll(self) -> list:
        try:
            frames = self._note(self._folder.poll())
        except SourceUnavailable:
            frames = []  # a queued run's workspace goes away as it finishes
        ended, ref = self._ended()
        if not ended:
            return frames
        if self.run.kind != "queue":
            self.finished = True
            self.status = f"{self.run.name} · finished"
            return frames + self._folder.poll()
        if ref is None:
            failed = (run_info(self.run.info) or {}).get("status") in (FAILED, CANCELED)
            if not failed and time.monotonic() - (self._dead_since or 0) < GRACE_SECONDS:
                return frames
            self.finished = True
            self.status = f"{self.run.name} · ended without an experiment commit"
            return frames
        try:
            return frames + self._switch(ref)
        except MissingImagesError as exc:
            self.finished = True
            self.status = str(exc)
            return frames

    def _ended(self):
        """(ended, the experiment's ref once its commit is made)."""
        if self.run.kind == "queue":
            info = run_info(self.run.info) or {}
            if info.get("status") == FINISHED and info.get("result_ref"):
                return True, info["result_ref"]
            if info.get("status") == RUNNING and pid_alive(self.run.pid):
                return False, None
        elif pid_alive(self.run.pid) and self._script_marked():
            return False, None
        self._dead_since = self._dead_since or time.monotonic()
        return True, None

    def _script_marked(self) -> bool:
        """A script run is marked by DVCLIVE_ONLY until its Live ends (its process, a
        notebook kernel perhaps, may live on)."""
        if self.run.kind != "script":
            return True
        marker = run_marker(self.root)
        return isinstance(marker, dict) and marker.get("pid") == self.run.pid

    def _switch(self, ref: str) -> list:
        commit = CommitSource(self.root, ref, label=self.run.name)
        names = commit.listing()
        missing = [n for n in names if not self._folder_has(n)]
        # What the folder had not shown yet: each series' newest frame with its bytes,
        # the others listed, read from the commit when the page asks for them.
        frames = listing_frames(missing, commit.read_name)
        self._commit = commit
        self.finished = True
        self.status = f"{self.run.name} · finished · from its commit"
        return frames

    def _folder_has(self, name: str) -> bool:
        panel, kind, step = classify(name)
        return kind == "series" and (panel, step) in self._shown

    def summary(self) -> tuple:
        if self._commit is not None:
            return self._commit.summary()
        return run_summary(local_text, self.run.folder, root=self.run.root or None)

    def metric_rows(self) -> dict:
        return (self._commit or self._folder).metric_rows()

    def left_out(self) -> Optional[str]:
        return self._commit.left_out() if self._commit is not None else None

    def close(self) -> None:
        if self._commit is not None:
            self._commit.close()

    def read(self, panel: str, step: int) -> Optional[bytes]:
        if self._commit is not None:
            return self._commit.read(panel, step)
        return self._folder.read(panel, step)

    def read_sidecar(self, panel: str, step: int) -> Optional[bytes]:
        if self._commit is not None:
            return self._commit.read_sidecar(panel, step)
        return self._folder.read_sidecar(panel, step)

