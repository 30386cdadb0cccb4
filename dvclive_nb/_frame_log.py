"""The frames a view holds: a record per frame by sequence number, few bytes.

Memory stays bounded by the panels, not the steps: the log keeps a ``Record`` (panel,
step, mime) per frame and the bytes of each panel's newest frame only (what the page
shows first, and the static fallback). Every other frame's bytes are read back through
the view's ``load`` when a page asks for them, so a finished view costs the kernel its
index and one frame per panel, however long its run was.
"""

import threading
from typing import NamedTuple, Optional


class Record(NamedTuple):
    panel: str
    step: int
    mime: str


class Newest(NamedTuple):
    """A panel's newest frame, bytes included."""

    seq: int
    step: int
    mime: str
    data: bytes


class FrameLog:
    """Frames by seq (their order of arrival), each panel's kind and newest bytes.

    ``first``: seqs before it belong to frames a restart replaced. One re-entrant lock:
    a watcher thread adds frames while the kernel answers the page.
    """

    def __init__(self):
        self.records: list = []  # seq -> Record
        self.kinds: dict = {}  # panel -> "series" | "single"
        self.counts: dict = {}  # panel -> frames logged
        self.newest: dict = {}  # panel -> Newest
        self.first = 0
        self.version = 0  # bumped by every change: what the static fallback caches on
        self.lock = threading.RLock()

    def kind(self, panel: str) -> str:
        return self.kinds.get(panel, "series")

    def add(self, panel: str, step: int, data: Optional[bytes], mime: str) -> int:
        with self.lock:
            seq = len(self.records)
            self.records.append(Record(panel, step, mime))
            self.counts[panel] = self.counts.get(panel, 0) + 1
            self.version += 1
            if data is not None:
                newest = self.newest.get(panel)
                if newest is None or self.kind(panel) == "single" or step >= newest.step:
                    self.newest[panel] = Newest(seq, step, mime, data)
            return seq

    def live(self) -> range:
        """The seqs of the frames shown now."""
        return range(self.first, len(self.records))

    def held(self, seq: int) -> Optional[bytes]:
        """The bytes of ``seq`` when it is its panel's newest frame (kept in memory)."""
        newest = self.newest.get(self.records[seq].panel)
        return newest.data if newest is not None and newest.seq == seq else None

    def steps_of(self, panel: str) -> dict:
        """``{step: seq}`` of the panel's frames shown now (a later write wins)."""
        with self.lock:
            return {r.step: seq for seq, r in enumerate(self.records)
                    if r.panel == panel and seq >= self.first}

    def restart(self, panels: Optional[set] = None) -> list:
        """Forget the frames of ``panels`` (all when None): their source began anew.

        The page forgets frames by seq only (every seq before a point), so the frames
        of the other panels are logged again under new seqs, their newest bytes kept;
        returns those seqs. O(frames), once per restart.
        """
        with self.lock:
            kept = [] if panels is None else [
                (seq, self.records[seq]) for seq in self.live()
                if self.records[seq].panel not in panels
                and (self.kind(self.records[seq].panel) == "series"
                     or self.held(seq) is not None)]
            held = {seq: self.held(seq) for seq, _ in kept}
            self.first = len(self.records)
            self.newest.clear()
            self.counts.clear()
            self.version += 1
            return [self.add(r.panel, r.step, held[seq], r.mime) for seq, r in kept]
