"""How a view's frames reach its page: custom messages, throttled and sized.

Frames travel in ``{"type": "frames"}`` messages (never in the synced state, so a saved
notebook keeps none of their bytes), at most ``REPLY_BYTES`` each. A frame sent with its
bytes carries the boxes logged beside it (``meta["boxes"]``), read when it is sent.
"""

import logging
import threading
import time
from typing import Callable, Optional

from ._frame_log import FrameLog

logger = logging.getLogger("dvclive_nb")

# Per message: small enough that the page paints between two of them.
REPLY_BYTES = 2 * 1024 * 1024
# Live frames leave at most this often, together in one message: a message per frame
# cost the kernel, the server and the page more than training did (3 series at 100
# steps a second). Up to one frame per panel per message (30 steps a second), every
# frame carries its bytes, so the page can scrub them while the kernel is busy. Faster
# than that, only each panel's newest does; the others are listed, and their bytes reach
# the page with its next sync, once the kernel is idle, or when it shows them.
SEND_SECONDS = 1 / 30


class Transport:
    """Sends one widget's frames: live ones throttled, replies newest first.

    ``read(panel, step)`` gives a frame's bytes that the log does not hold, or None
    when it is gone for good; other errors mean "not now".
    """

    def __init__(self, widget, log: FrameLog, read: Callable[[str, int], Optional[bytes]]):
        self.widget = widget
        self.log = log
        self.read = read
        self._outbox: list = []  # (seq, bytes) logged since the last live message
        self._sent_at = 0.0  # time.monotonic() of the last live message
        self._timer: Optional[threading.Timer] = None
        # Seqs whose bytes went to the page: what a backlog need not send again. O(frames)
        # small ints, as the log's records are.
        self.delivered: set = set()

    def queue(self, seq: int, data: bytes) -> None:
        """Send frame ``seq`` at once, or within ``SEND_SECONDS`` with those logged
        meanwhile. O(1)."""
        with self.log.lock:
            self._outbox.append((seq, data))
            wait = self._sent_at + SEND_SECONDS - time.monotonic()
            if wait <= 0:
                self.flush()
            elif self._timer is None:
                self._timer = threading.Timer(wait, self._flush_later)
                self._timer.daemon = True
                self._timer.start()

    def _flush_later(self) -> None:
        try:
            self.flush()
        except Exception:  # noqa: BLE001 - a closed comm: the view is gone
            logger.debug("dvclive-nb: could not send frames", exc_info=True)

    def flush(self) -> None:
        """Send what was queued, bytes included, in one message (more only past
        ``REPLY_BYTES``); faster than a screen, only each panel's newest carries bytes."""
        with self.log.lock:
            self.cancel()
            out, self._outbox = dict(self._outbox), []
            self._sent_at = time.monotonic()
            if not out or self.widget.comm is None:
                return
            seqs = list(out)
            newest = {self.log.records[seq].panel: seq for seq in seqs}
            if len(seqs) > len(newest):
                keep = set(newest.values())
                out = {seq: data for seq, data in out.items() if seq in keep}
            self.send(seqs, out.get, budget=None)

    def boxes(self, panel: str, step: int):
        """The boxes logged beside a frame (they travel with its bytes), or None."""
        boxes_of = getattr(self.widget, "boxes_of", None)
        return boxes_of(panel, step) if boxes_of is not None else None

    def cancel(self) -> None:
        with self.log.lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

    def reply(self, seqs, budget: Optional[int]) -> None:
        """Send frames by seq, newest first; past ``budget`` bytes send only their step."""
        log = self.log
        with log.lock:
            seqs = sorted({s for s in seqs if log.first <= s < len(log.records)}, reverse=True)
            # What the page shows first (each panel's newest frame) goes in a message of
            # its own, so that it paints before the page works through the rest.
            shown = {newest.seq for newest in log.newest.values()}
            first = [s for s in seqs if s in shown]
            if first and len(first) < len(seqs):
                self.send(first, None, None)
                seqs = [s for s in seqs if s not in shown]
            self.send(seqs, None, budget)

    def send(self, seqs, given, budget: Optional[int]) -> None:
        """Send the frames ``seqs`` in messages of at most ``REPLY_BYTES``; bytes from
        ``given(seq)`` where it has them, else the newest in memory, else ``read``."""
        metas: list = []
        buffers: list = []
        size = spent = 0
        for seq in seqs:
            record = self.log.records[seq]
            kind = self.log.kind(record.panel)
            held = self.log.held(seq)
            if kind == "single" and held is None:
                continue  # overwritten since: only the newest of a single exists
            meta = {"seq": seq, "name": record.panel, "kind": kind, "step": record.step,
                    "mime": record.mime, "buf": -1}
            data = given(seq) if given is not None else None
            if data is None and given is None and (budget is None or spent < budget):
                try:
                    data = held if held is not None else self.read(record.panel, record.step)
                    if data is None:
                        meta["gone"] = True  # the page stops asking for it
                except Exception as exc:  # noqa: BLE001 - one frame's failure, not the reply's
                    logger.info("dvclive-nb: could not read %s at step %s: %s",
                                record.panel, record.step, exc)
                    meta["retry"] = True  # the page may ask again later
            if data is not None:
                boxes = self.boxes(record.panel, record.step)
                if boxes:
                    meta["boxes"] = boxes
                meta["buf"] = len(buffers)
                buffers.append(data)
                self.delivered.add(seq)
                size += len(data)
                spent += len(data)
            metas.append(meta)
            if size >= REPLY_BYTES:
                self.widget.send({"type": "frames", "frames": metas}, buffers)
                metas, buffers, size = [], [], 0
        if metas:
            self.widget.send({"type": "frames", "frames": metas}, buffers)
