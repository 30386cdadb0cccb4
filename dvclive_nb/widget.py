"""The image view: one anywidget that shows panels of frames over one synced slider.

It knows panels, steps and frame bytes, not where they live on disk: whoever builds it
passes ``load(name, step) -> bytes`` for frames the browser asks for again, and
registers handlers for the page's actions (Export). The parts: ``FrameLog`` (what it
holds), ``Transport`` (how frames reach the page), ``Page`` (what the page asks), and
mixins: ``RememberedState`` (the synced state a page brings back), ``BoxesToPage``,
``ReadBack`` (frames read through ``load``), ``StaticFallback`` (the HTML fallback).
"""

import logging
import uuid
from pathlib import Path
from typing import Callable, Optional

import anywidget
import traitlets

from ._axis import AxisTraits
from ._boxes_view import BoxesToPage
from ._frame_log import FrameLog
from ._overlay import overlay_options
from ._page import Page
from ._read_back import ReadBack
from ._static_html import StaticFallback
from ._transport import Transport
from ._view_state import RememberedState

logger = logging.getLogger("dvclive_nb")


def _module() -> str:
    """The browser side: one ES module, bundled from js/src/ (`npm run build` in js/)."""
    return Path(__file__).with_name("static").joinpath("view.js").read_text(encoding="utf-8")


class ImageView(
    AxisTraits,  # axis, stride, caption
    RememberedState,  # step, view_state, overlay, overlay_labels
    BoxesToPage,  # add_boxes, boxes_of
    ReadBack,  # frames_of, read_frame
    StaticFallback,  # static_bundle
    anywidget.AnyWidget,
):
    """Panels of images (series or single previews) over one slider of steps.

    A ``watch.FrameSink``: a watcher pushes frames, resets and sends the backlog.
    """

    _esm = _module()
    _css = Path(__file__).with_name("view.css")

    uid = traitlets.Unicode().tag(sync=True)
    # [{"name", "kind"}]; kind: series | single
    panels: traitlets.List = traitlets.List().tag(sync=True)
    # The newest frame, bytes included: set when a cell ends, so a saved notebook has it.
    frame = traitlets.Dict().tag(sync=True)
    cap_mb = traitlets.Int(256).tag(sync=True)  # browser memory for frames, per view
    status = traitlets.Unicode("").tag(sync=True)  # a line about the source: following, errors

    def __init__(self, load: Optional[Callable[[str, int], Optional[bytes]]] = None,
                 cap_mb: int = 256, prefill=True,
                 load_boxes: Optional[Callable[[str, int], Optional[dict]]] = None,
                 overlay=None, overlay_labels=None, share_steps: Optional[int] = None,
                 **kwargs):
        """``prefill``: when the page asks for its frames, send their bytes (up to half
        of ``cap_mb``) so that it can scrub while the kernel is busy. Off for sources
        whose reads are slow (a git commit, a remote): the page then gets each panel's
        newest frame and a list of the others, and fetches those it shows. A callable is
        asked at each request (a running experiment's reads get slow once it is read from
        its commit). ``share_steps``: the fallback also holds that many steps to scrub
        (``_share_fallback``). ``load_boxes(name, step)`` gives the boxes logged beside a frame
        (``Source.read_boxes``), sent with the frame's bytes. ``overlay`` and
        ``overlay_labels``: see ``overlay_options``."""
        overlay, overlay_labels = overlay_options(overlay, overlay_labels)
        super().__init__(uid=uuid.uuid4().hex[:12], cap_mb=cap_mb, overlay=overlay,
                         overlay_labels=overlay_labels, **kwargs)
        self._load = load
        self._load_boxes = load_boxes
        self._share_steps = share_steps
        self._history: tuple = (None, "")  # (log version, history_html())
        self._prefill = prefill
        self.frame_log = FrameLog()
        self._log = self.frame_log.records  # seq -> Record
        self._latest = self.frame_log.newest  # panel -> Newest
        self._transport = Transport(self, self.frame_log, self._read)
        self._page = Page(self, self._transport, self._prefill_budget)
        self._on_msg = self._page.on_msg
        self._on_close: list = []  # callables run at close(): the watcher's stop
        self.on_msg(self._on_msg)
        # The page asks again for a frame's boxes it has not got (a watcher read the image
        # before its sidecar was written): answered when there are some.
        self.handle("boxes", lambda view, msg: view._resend_boxes(msg))

    # -- frames in -----------------------------------------------------------------
    def add_panel(self, name: str, kind: str = "series", **extra) -> None:
        with self.frame_log.lock:
            if name not in self.frame_log.kinds:
                self.frame_log.kinds[name] = kind
                self.panels = [*self.panels, {"name": name, "kind": kind, **extra}]

    def add_frame(self, name: str, step: int, data: Optional[bytes], mime: str,
                  send: bool = True) -> int:
        """Record a frame; with ``send``, push it to the page (O(1), throttled).
        Returns its seq, for ``send_frame`` later."""
        seq = self.frame_log.add(name, step, data, mime)
        if send and data is not None:
            self._transport.queue(seq, data)
        return seq

    def send_frame(self, seq: int, data: bytes) -> None:
        """Push a frame recorded with ``send=False`` (held for its boxes, ``_route``)."""
        self._transport.queue(seq, data)

    def add(self, frames) -> None:
        """Record ``Frame``s without sending them: the page asks when it connects."""
        for frame in frames:
            self.add_panel(frame.panel, frame.kind)
            self.frame_log.add(frame.panel, frame.step, frame.data, frame.mime)

    def push(self, frames) -> None:
        """Add ``Frame``s (a watcher's batch) and send them in one message."""
        with self.frame_log.lock:
            seqs = []
            for frame in frames:
                self.add_panel(frame.panel, frame.kind)
                seqs.append(self.frame_log.add(frame.panel, frame.step, frame.data, frame.mime))
            data = {seq: f.data for seq, f in zip(seqs, frames) if f.data is not None}
            self._transport.send(seqs, data.get, budget=None)

    def reset(self, panels: Optional[set] = None) -> None:
        """Forget the frames of ``panels`` (every panel when None): their source started
        over (a new run in the same folder). The page drops them too; panels stay."""
        with self.frame_log.lock:
            again = self.frame_log.restart(panels)
            self.send({"type": "reset", "before": self.frame_log.first})
            if again:  # the other panels' frames, under their new seqs
                self._transport.send(again, self.frame_log.held, budget=None)

    # -- frames out ------------------------------------------------------------------
    def flush(self) -> None:
        self._transport.flush()

    def keep_newest(self) -> None:
        """Put the newest frame in the synced state, which a saved notebook keeps (called
        when a cell ends: one message, not one per frame)."""
        with self.frame_log.lock:
            self.flush()
            if not self._latest or self.comm is None:
                return
            newest = max(self._latest.values(), key=lambda n: n.seq)
            if self.frame.get("seq") != newest.seq:
                name = self._log[newest.seq].panel
                self.frame = {"seq": newest.seq, "name": name,
                              "kind": self.frame_log.kind(name), "step": newest.step,
                              "mime": newest.mime, "data": newest.data}

    def _prefill_budget(self) -> int:
        """Bytes of frames to send ahead of the page's requests: half its cap, or none
        for sources whose reads are slow (asked each time: a run's reads can turn slow)."""
        prefill = self._prefill() if callable(self._prefill) else self._prefill
        return self.cap_mb * 1024 * 1024 // 2 if prefill else 0

    def backlog(self, panels: Optional[set] = None, share: int = 1) -> None:
        """Send the frames held so far (of ``panels``; all when None) whose bytes the page
        has not had, newest first, up to ``1/share`` of the prefill budget, without waiting
        for the page to ask: the page's own request is answered only once the kernel is
        idle, and by then a new run in the same folder may have deleted the files."""
        budget = self._prefill_budget() // share
        if budget and self.comm is not None:
            with self.frame_log.lock:
                sent = self._transport.delivered
                wanted = [seq for seq in self.frame_log.live() if seq not in sent
                          and (panels is None or self._log[seq].panel in panels)]
            self._transport.reply(wanted, budget=budget)

    # -- the page and lifetime -----------------------------------------------------
    def handle(self, kind: str, handler: Callable) -> None:
        """Answer the page's ``{"type": kind}`` messages with ``handler(view, content)``."""
        self._page.handlers[kind] = handler

    def on_sync(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` whenever a page (re)connects and asks for the frames."""
        self._page.on_sync.append(callback)

    def on_close(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` when this view closes (a watcher stops with its view)."""
        self._on_close.append(callback)

    def _label(self, name: str) -> str:
        """A panel's name as a reader knows it (a board says which run it is)."""
        return name

    def __repr__(self) -> str:
        names = ", ".join(p["name"] for p in self.panels) or "no images yet"
        return f"<dvclive-nb image view: {names}>"

    def close(self) -> None:
        if not hasattr(self, "_transport"):  # refused options: never fully built
            return
        self._transport.cancel()
        for callback in self._on_close:
            try:
                callback()
            except Exception:  # noqa: BLE001 - closing must not fail halfway
                logger.warning("dvclive-nb: could not stop a watcher", exc_info=True)
        self._on_close.clear()
        self._page.on_sync.clear()
        # A DOMWidget owns a Layout widget; close it too, or it stays in Widget.widgets.
        layout = self.layout
        super().close()
        if layout is not None:
            layout.close()


class CompareView(ImageView):
    """Several sources' series on one board: rows of series, columns of sources.

    Panels are named ``"<column>:<series>"`` and carry ``column`` and ``series``;
    ``columns`` heads each column (name, the params that differ, latest metrics, status);
    each column's metric rows come as ``"<column>:<metric>"`` in "metrics" messages.
    """

    columns: traitlets.List = traitlets.List().tag(sync=True)
    board = traitlets.Bool(True).tag(sync=True)

    def _label(self, name: str) -> str:
        column, _, series = name.partition(":")
        try:
            return f"{self.columns[int(column)]['name']} · {series}"
        except (ValueError, IndexError):
            return name

    def __repr__(self) -> str:
        names = ", ".join(c["name"] for c in self.columns) or "no runs yet"
        return f"<dvclive-nb comparison: {names}>"
