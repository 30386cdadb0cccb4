"""A thread that follows a source and hands what is new to its view.

One watcher per view, owned by it: it stops when the view closes, or by itself once the
source says nothing more can come. Polls are quick while frames keep arriving and slow
down while nothing changes; a poll that fails (a deleted folder, an unreachable remote)
is shown in the view's caption and retried with backoff, never raised.
"""

import logging
import threading
import time
from typing import Callable, Optional, Protocol, runtime_checkable

from .sources import Frame, Source, SourceUnavailable, failure_text

logger = logging.getLogger("dvclive_nb")

MAX_BACKOFF = 30.0


@runtime_checkable
class FrameSink(Protocol):
    """What a watcher hands frames to: a view (``widget.ImageView``), or one column of a
    board (``board.ColumnSink``). Called from the watcher's thread."""

    status: str  # a short line for the caption: following, finished, an error

    def push(self, frames: list[Frame]) -> None:
        """Add the frames a poll found and send them to the page."""

    def reset(self) -> None:
        """The source began anew (a new run in the same folder): forget its frames."""

    def backlog(self) -> None:
        """Send the frames listed so far to the page, without waiting for it to ask."""

    def on_close(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` when the sink's view closes: the watcher stops then."""


class Watcher:
    def __init__(self, source: Source, view: FrameSink,
                 keep: Optional[Callable[[Frame], bool]] = None,
                 on_change: Optional[Callable[[], None]] = None,
                 metrics: Optional[Callable[[], bool]] = None):
        self.source = source
        self.view = view
        self._keep = keep  # which frames to show (previews=False: series only)
        self._on_change = on_change
        self._metrics = metrics  # () -> bool: send new metrics rows, True if any
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name=f"dvclive-nb watcher: {source.label}")
        view.on_close(self.stop)
        self._thread.start()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout)
        self.source.close()

    def _run(self) -> None:
        source, view = self.source, self.view
        delay, failures = source.interval, 0
        self._set_status()
        backlog = [0.5, 2.0]  # seconds after the start: send what show() listed
        started = time.monotonic()
        while not self._stop.wait(delay):
            if backlog and time.monotonic() - started >= backlog[0]:
                backlog.pop(0)
                try:
                    view.backlog()
                except Exception:  # noqa: BLE001 - a closed comm: the view is gone
                    logger.debug("dvclive-nb: could not send the backlog", exc_info=True)
            try:
                frames = source.poll()
            except SourceUnavailable as exc:
                failures += 1
                delay = min(source.interval * 2 ** failures, MAX_BACKOFF)
                view.status = f"{exc} · trying again in {delay:.0f} s"
                continue
            except Exception as exc:  # noqa: BLE001 - the thread must not die with a traceback
                failures += 1
                delay = min(source.interval * 2 ** failures, MAX_BACKOFF)
                logger.warning("dvclive-nb: could not read %s", source.label, exc_info=True)
                view.status = f"{failure_text(source.label, exc)} · trying again in {delay:.0f} s"
                continue
            failures = 0
            if source.restarted:  # a new run in the same folder
                source.restarted = False
                view.reset()
            if self._keep is not None:
                frames = [f for f in frames if self._keep(f)]
            # New metrics rows count as activity: the run is moving, keep polling quickly.
            moved = self._metrics is not None and not self._stop.is_set() and self._metrics()
            if frames and not self._stop.is_set():
                try:
                    view.push(frames)
                except Exception:  # noqa: BLE001 - a closed comm: the view is gone
                    logger.debug("dvclive-nb: could not send frames", exc_info=True)
                    return
                if self._on_change is not None:
                    self._on_change()
                delay = source.interval
            elif moved:
                delay = source.interval
            else:
                delay = min(delay * 1.5, source.max_interval)
            self._set_status()
            if source.finished:
                return

    def _set_status(self) -> None:
        source = self.source
        text = source.status or ("" if source.finished else f"● following {source.label}")
        if self.view.status != text:
            self.view.status = text
