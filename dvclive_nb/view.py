"""The image view: one anywidget that shows panels of frames over one synced slider.

It knows panels, steps and frame bytes, not where they live on disk: whoever builds it
passes ``load(name, step) -> bytes`` for frames the browser asks for again.
"""

import base64
import html
import io
import logging
import threading
import time
import uuid
from pathlib import Path
from typing import Callable, Optional

import anywidget
import traitlets

logger = logging.getLogger("dvclive_nb")

# Per reply message: small enough that the page paints between two of them.
_REPLY_BYTES = 2 * 1024 * 1024
# Live frames leave at most this often, together in one message: a message per frame
# cost the kernel, the server and the page more than training did (3 series at 100
# steps a second). Up to one frame per panel per message (30 steps a second), every
# frame carries its bytes, so the page can scrub them while the kernel is busy. Faster
# than that, only each panel's newest does; the others are listed, and their bytes reach
# the page with its next sync, once the kernel is idle, or when it shows them.
_SEND_SECONDS = 1 / 30
# The static fallback keeps one image per panel; larger ones are shrunk to this side.
_STATIC_MAX_BYTES = 96 * 1024
_STATIC_SIDE = 320


def _module() -> str:
    """The browser side: one ES module, bundled from js/src/ (`npm run build` in js/)."""
    return Path(__file__).with_name("static").joinpath("view.js").read_text(encoding="utf-8")


class ImageView(anywidget.AnyWidget):
    """Panels of images (series or single previews) over one slider of steps."""

    _esm = _module()
    _css = Path(__file__).with_name("view.css")

    uid = traitlets.Unicode().tag(sync=True)
    # [{"name", "kind"}]; kind: series | single
    panels: traitlets.List = traitlets.List().tag(sync=True)
    # The newest frame, bytes included. Sent once per log; the browser keeps the history.
    frame = traitlets.Dict().tag(sync=True)
    cap_mb = traitlets.Int(256).tag(sync=True)  # browser memory for frames, per view
    status = traitlets.Unicode("").tag(sync=True)  # a line about the source: following, errors

    def __init__(self, load: Optional[Callable[[str, int], Optional[bytes]]] = None,
                 cap_mb: int = 256, prefill=True, **kwargs):
        """``prefill``: when the page asks for its frames, send their bytes (up to half
        of ``cap_mb``) so that it can scrub while the kernel is busy. Off for sources
        whose reads are slow (a git commit, a remote): the page then gets each panel's
        newest frame and a list of the others, and fetches those it shows. A callable is
        asked at each request (a running experiment's reads get slow once it is read from
        its commit)."""
        super().__init__(uid=uuid.uuid4().hex[:12], cap_mb=cap_mb, **kwargs)
        self._load = load
        self._prefill = prefill
        self._log: list = []  # seq -> (panel name, step, mime)
        self._kinds: dict = {}  # panel name -> kind (the `panels` trait, as a lookup)
        self._counts: dict = {}  # panel name -> frames logged
        self._latest: dict = {}  # panel name -> (seq, step, mime, bytes): the fallback
        self._bundle: tuple = (-1, None)  # (frames logged, static_bundle()) while current
        # A watcher thread adds frames while the kernel answers the page: one lock.
        self._lock = threading.RLock()
        self._on_close: list = []  # callables run at close(): the watcher's stop
        self._on_sync: list = []  # callables run when a page (re)connects: metrics
        self._first = 0  # seqs before this belong to a run the source has replaced
        self._outbox: list = []  # seqs logged since the last live message
        self._sent_at = 0.0  # time.monotonic() of the last live message
        self._timer: Optional[threading.Timer] = None
        self.on_msg(self._on_msg)

    # -- kernel side -------------------------------------------------------------
    def add_panel(self, name: str, kind: str = "series", **extra) -> None:
        with self._lock:
            if name not in self._kinds:
                self._kinds[name] = kind
                self.panels = [*self.panels, {"name": name, "kind": kind, **extra}]

    def add_frame(self, name: str, step: int, data: Optional[bytes], mime: str,
                  send: bool = True) -> None:
        """Record a frame; with ``send``, push it to the browser (O(1)): at once, or
        within ``_SEND_SECONDS`` together with the frames logged meanwhile."""
        with self._lock:
            seq = self._add_frame(name, step, data, mime, send=False)
            if not send or data is None:
                return
            self._outbox.append((seq, data))
            wait = self._sent_at + _SEND_SECONDS - time.monotonic()
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
        """Send what was logged since the last live message, bytes included, in one
        message (more only past ``_REPLY_BYTES``)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            out, self._outbox = dict(self._outbox), []
            self._sent_at = time.monotonic()
            if not out or self.comm is None:
                return
            seqs = list(out)
            newest = {self._log[seq][0]: seq for seq in seqs}  # panel -> its newest here
            if len(seqs) > len(newest):  # faster than a screen: thin the bytes out
                keep = set(newest.values())
                out = {seq: data for seq, data in out.items() if seq in keep}
            self._send_frames(seqs, out.get, budget=None)

    def keep_newest(self) -> None:
        """Put the newest frame in the synced state, which a saved notebook keeps (called
        when a cell ends: one message, not one per frame)."""
        with self._lock:
            self.flush()
            if not self._latest or self.comm is None:
                return
            seq, step, mime, data = max(self._latest.values(), key=lambda x: x[0])
            name = self._log[seq][0]
            if self.frame.get("seq") != seq:
                self.frame = {"seq": seq, "name": name, "kind": self._kinds.get(name, "series"),
                              "step": step, "mime": mime, "data": data}

    def _add_frame(self, name, step, data, mime, send) -> int:
        seq = len(self._log)
        self._log.append((name, step, mime))
        self._counts[name] = self._counts.get(name, 0) + 1
        kind = self._kinds.get(name, "series")
        if data is not None:
            latest = self._latest.get(name)
            if latest is None or kind == "single" or step >= latest[1]:
                self._latest[name] = (seq, step, mime, data)
        if send and data is not None:
            self.frame = {"seq": seq, "name": name, "kind": kind, "step": step,
                          "mime": mime, "data": data}
        return seq

    def _prefill_budget(self) -> int:
        """Bytes of frames to send ahead of the page's requests: half its cap, or none
        for sources whose reads are slow (asked each time: a run's reads can turn slow)."""
        prefill = self._prefill() if callable(self._prefill) else self._prefill
        return self.cap_mb * 1024 * 1024 // 2 if prefill else 0

    def send_backlog(self) -> None:
        """Send the frames held so far, bytes included (newest first, up to half the
        page's cap; none for slow sources), without waiting for the page to ask.

        A watcher calls it from its own thread, so that a page opened while another cell
        keeps the kernel busy can still scrub back: the page's own request is answered
        only once the kernel is idle. A page not listening yet asks again then."""
        budget = self._prefill_budget()
        if budget and self.comm is not None:
            with self._lock:
                wanted = list(range(self._first, len(self._log)))
            self._reply(wanted, budget=budget)

    def push(self, frames) -> None:
        """Add ``Frame``s (a watcher's batch) and send them in one message, not as state:
        the saved notebook keeps none of their bytes."""
        with self._lock:
            seqs = []
            for frame in frames:
                self.add_panel(frame.panel, frame.kind)
                seqs.append(self._add_frame(frame.panel, frame.step, frame.data, frame.mime,
                                            send=False))
            data = {seq: f.data for seq, f in zip(seqs, frames) if f.data is not None}
            self._send_frames(seqs, data.get, budget=None)

    def reset(self) -> None:
        """Forget every frame so far: the source started over (a new run in the same
        folder). The page drops them too; the panels stay."""
        with self._lock:
            self._first = len(self._log)
            self._latest.clear()
            self._counts.clear()
            self._bundle = (-1, None)
            self.send({"type": "reset", "before": self._first})

    def on_sync(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` whenever a page (re)connects and asks for the frames."""
        self._on_sync.append(callback)

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
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
        for callback in self._on_close:
            try:
                callback()
            except Exception:  # noqa: BLE001 - closing must not fail halfway
                logger.warning("dvclive-nb: could not stop a watcher", exc_info=True)
        self._on_close.clear()
        self._on_sync.clear()
        # A DOMWidget owns a Layout widget; close it too, or it stays in Widget.widgets.
        layout = self.layout
        super().close()
        if layout is not None:
            layout.close()

    def _on_msg(self, _widget, content, _buffers) -> None:
        # Errors here would surface as tracebacks under the widget; log them instead.
        try:
            if content.get("type") == "sync":
                after = int(content.get("after", -1))
                wanted = [int(s) for s in content.get("missing", [])]
                wanted += range(max(after + 1, 0), len(self._log))
                budget = self._prefill_budget()
                self._reply(wanted, budget=budget)
                for callback in self._on_sync:
                    callback()
            elif content.get("type") == "export":
                from ._export import answer_export

                answer_export(self, content)
            elif content.get("type") == "fetch":
                self._reply([int(s) for s in content.get("seqs", [])], budget=None)
        except Exception:  # noqa: BLE001 - never raise into the comm handler
            logger.warning("dvclive-nb view could not answer %r", content, exc_info=True)

    def _reply(self, seqs, budget: Optional[int]) -> None:
        """Send frames by seq, newest first; past ``budget`` bytes send only their step."""
        with self._lock:
            seqs = sorted({s for s in seqs if self._first <= s < len(self._log)}, reverse=True)
            # What the page shows first (each panel's newest frame) goes in a message of
            # its own, so that it paints before the page works through the rest.
            shown = {latest[0] for latest in self._latest.values()}
            first = [s for s in seqs if s in shown]
            if first and len(first) < len(seqs):
                self._send_frames(first, None, None)
                seqs = [s for s in seqs if s not in shown]
            self._send_frames(seqs, None, budget)

    def _send_frames(self, seqs, given, budget: Optional[int]) -> None:
        """Send the frames ``seqs`` in messages of at most ``_REPLY_BYTES``; bytes from
        ``given(seq)`` where it has them, else the newest in memory, else ``load``."""
        metas: list = []
        buffers: list = []
        size = spent = 0
        for seq in seqs:
            name, step, mime = self._log[seq]
            kind = self._kinds.get(name, "series")
            latest = self._latest.get(name)
            if kind == "single" and (latest is None or latest[0] != seq):
                continue  # overwritten since: only the newest of a single exists
            meta = {"seq": seq, "name": name, "kind": kind, "step": step, "mime": mime,
                    "buf": -1}
            data = given(seq) if given is not None else None
            if data is None and given is None and (budget is None or spent < budget):
                try:
                    data = latest[3] if latest and latest[0] == seq else self._read(name, step)
                    if data is None:
                        meta["gone"] = True  # the page stops asking for it
                except Exception as exc:  # noqa: BLE001 - one frame's failure, not the reply's
                    logger.info("dvclive-nb: could not read %s at step %s: %s", name, step, exc)
                    meta["retry"] = True  # the page may ask again later
            if data is not None:
                meta["buf"] = len(buffers)
                buffers.append(data)
                size += len(data)
                spent += len(data)
            metas.append(meta)
            if size >= _REPLY_BYTES:
                self.send({"type": "frames", "frames": metas}, buffers)
                metas, buffers, size = [], [], 0
        if metas:
            self.send({"type": "frames", "frames": metas}, buffers)

    def frames_of(self, name: str) -> tuple:
        """``(steps, file bytes)`` of every frame of series ``name``, in step order."""
        with self._lock:
            seqs = {step: seq for seq, (panel, step, _) in enumerate(self._log)
                    if panel == name and seq >= self._first}
            latest = self._latest.get(name)
        steps, blobs = [], []
        for step in sorted(seqs):
            data = latest[3] if latest and latest[0] == seqs[step] else self._read(name, step)
            if data is not None:
                steps.append(step)
                blobs.append(data)
        return steps, blobs

    def _read(self, name: str, step: int) -> Optional[bytes]:
        """The frame's bytes; None when it is gone for good (deleted or replaced on disk
        since: leave the gap). Other errors (a network's, a missing DVC cache) raise."""
        if self._load is None:
            return None
        try:
            return self._load(name, step)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None

    # -- static fallback ------------------------------------------------------------
    def static_bundle(self) -> dict:
        """A ``text/html`` + ``text/plain`` bundle: each panel's newest frame and step.

        Shown where widgets do not render (nbconvert, GitHub, a notebook reopened without
        its kernel). Its CSS hides it next to a live view, and hides a dead view's
        "model not found" output next to it.
        """
        with self._lock:  # a watcher may add panels meanwhile
            if self._bundle[0] == len(self._log):  # shown again after a clear: nothing new
                return self._bundle[1]
            latest = list(self._latest.items())
            counts = dict(self._counts)
            logged = len(self._log)
        uid = self.uid
        figures, lines = [], []
        for name, (_, step, full_mime, full) in latest:
            mime, data = _small(full_mime, full)
            src = f"data:{mime};base64,{base64.b64encode(data).decode()}"
            label = html.escape(f"{self._label(name)} · step {step}")
            figures.append(
                f'<figure style="margin:0 8px 8px 0;display:inline-block;vertical-align:top">'
                f'<img src="{src}" alt="{label}" style="max-width:320px;min-width:96px;'
                f'image-rendering:pixelated"><figcaption>{label}</figcaption></figure>'
            )
            lines.append(f"{self._label(name)}: step {step} ({counts.get(name, 0)} frames)")
        style = (
            "<style>"
            f".jp-OutputArea-child:has(.dvnb-live-{uid})+.jp-OutputArea-child:has(.dvnb-static-{uid}),"
            f".jp-OutputArea-child:has(+.jp-OutputArea-child .dvnb-static-{uid})"
            f":not(:has(.dvnb-live-{uid}))"
            "{display:none}</style>"
        )
        body = (
            f'{style}<div class="dvnb-static dvnb-static-{uid}">{"".join(figures)}'
            '<div style="font-size:11px;opacity:.7">dvclive-nb: latest frames. Run '
            "<code>dvclive_nb.show()</code> to scrub through every step.</div></div>"
        )
        plain = "dvclive-nb images — " + "; ".join(lines)
        bundle = {"text/html": body, "text/plain": plain}
        self._bundle = (logged, bundle)
        return bundle


class CompareView(ImageView):
    """Several sources' series on one board: rows of series, columns of sources.

    Panels are named ``"<column>:<series>"`` and carry ``column`` and ``series``;
    ``columns`` heads each column (name, the params that differ, latest metrics, status).
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


def _small(mime: str, data: bytes) -> tuple:
    if len(data) <= _STATIC_MAX_BYTES:
        return mime, data
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        img.thumbnail((_STATIC_SIDE, _STATIC_SIDE))
        buf = io.BytesIO()
        if img.mode in ("RGBA", "LA", "P"):
            img.save(buf, format="PNG")
            return "image/png", buf.getvalue()
        img.convert("RGB").save(buf, format="JPEG", quality=85)
        return "image/jpeg", buf.getvalue()
