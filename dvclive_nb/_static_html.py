"""A view's static fallback: each panel's newest frame as HTML, for where widgets do not
render (nbconvert, GitHub, a notebook reopened without its kernel).

``static_bundle`` builds it (pure); ``StaticFallback``, a mixin for ``widget.ImageView``,
picks the frames and keeps the bundle until the view changes.
"""

import base64
import html
import io
from typing import Callable, Optional

from ._frame_log import FrameLog, Newest

# The fallback keeps one image per panel; larger ones are shrunk to this side.
STATIC_MAX_BYTES = 96 * 1024
STATIC_SIDE = 320


def static_bundle(uid: str, newest: list, counts: dict, label, history: str = "") -> dict:
    """A ``text/html`` + ``text/plain`` bundle from ``[(panel, Newest)]``.

    ``label(panel)`` names a panel as a reader knows it. ``history``: a scrubbable view
    of some steps (``_share_fallback``) that takes the images' place where JS runs.
    Its CSS hides it next to a live view of widget ``uid``, and hides a dead view's
    "model not found" output next to it.
    """
    figures, lines = [], []
    for name, (_, step, full_mime, full) in newest:
        mime, data = _small(full_mime, full)
        src = f"data:{mime};base64,{base64.b64encode(data).decode()}"
        text = html.escape(f"{label(name)} · step {step}")
        figures.append(
            f'<figure style="margin:0 8px 8px 0;display:inline-block;vertical-align:top">'
            f'<img src="{src}" alt="{text}" style="max-width:320px;min-width:96px;'
            f'image-rendering:pixelated"><figcaption>{text}</figcaption></figure>'
        )
        lines.append(f"{label(name)}: step {step} ({counts.get(name, 0)} frames)")
    style = (
        "<style>"
        f".jp-OutputArea-child:has(.dvnb-live-{uid})+.jp-OutputArea-child:has(.dvnb-static-{uid}),"
        f".jp-OutputArea-child:has(+.jp-OutputArea-child .dvnb-static-{uid})"
        f":not(:has(.dvnb-live-{uid}))"
        "{display:none}</style>"
    )
    body = (
        f'{style}<div class="dvnb-static dvnb-static-{uid}">'
        f'<div class="dvnb-static-figs">{"".join(figures)}'
        '<div style="font-size:11px;opacity:.7">dvclive-nb: latest frames. Run '
        "<code>dvclive_nb.show()</code> to scrub through every step.</div></div>"
        f"{history}</div>"
    )
    plain = "dvclive-nb images — " + "; ".join(lines)
    return {"text/html": body, "text/plain": plain}


def _small(mime: str, data: bytes) -> tuple:
    if len(data) <= STATIC_MAX_BYTES:
        return mime, data
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        img.thumbnail((STATIC_SIDE, STATIC_SIDE))
        buf = io.BytesIO()
        if img.mode in ("RGBA", "LA", "P"):
            img.save(buf, format="PNG")
            return "image/png", buf.getvalue()
        img.convert("RGB").save(buf, format="JPEG", quality=85)
        return "image/jpeg", buf.getvalue()


class StaticFallback:
    uid: str  # these come from widget.ImageView and its other mixins
    frame_log: FrameLog
    _read: Callable[[str, int], Optional[bytes]]
    _label: Callable[[str], str]
    shown_step: Callable[[], Optional[int]]
    _bundle: tuple = (None, None)  # ((log version, step), static_bundle())
    _share_steps: Optional[int] = None  # steps the fallback holds to scrub, if any
    _history: tuple = (None, "")  # (log version, _share_fallback.history_html())

    def static_bundle(self) -> dict:
        """The static fallback, built again only after a change: each panel's newest
        frame, or its frame at the step the page was left at (``step``, unless
        following), so a notebook reopened without a kernel shows that step."""
        at = self.shown_step()
        with self.frame_log.lock:  # a watcher may add panels meanwhile
            key = (self.frame_log.version, at)
            if self._bundle[0] != key:
                frames = [(name, self._frame_at(name, newest, at))
                          for name, newest in self.frame_log.newest.items()]
                bundle = static_bundle(self.uid, frames, dict(self.frame_log.counts),
                                       self._label, self._history_html())
                self._bundle = (key, bundle)
            return self._bundle[1]

    def _history_html(self) -> str:
        # Read again only when frames came: not when the page moves the step.
        if not self._share_steps:
            return ""
        if self._history[0] != self.frame_log.version:
            from ._share_fallback import history_html

            self._history = (self.frame_log.version, history_html(self, self._share_steps))
        return self._history[1]

    def _frame_at(self, name: str, newest: Newest, step: Optional[int]) -> Newest:
        """A series' frame at or before ``step``; ``newest`` when there is none, when
        ``step`` is None, or when its bytes cannot be read back."""
        if step is None or self.frame_log.kind(name) != "series" or newest.step <= step:
            return newest
        seqs = self.frame_log.steps_of(name)
        before = [s for s in seqs if s <= step]
        if not before:
            return newest
        seq = seqs[max(before)]
        data = self.frame_log.held(seq)
        try:
            data = data if data is not None else self._read(name, max(before))
        except Exception:  # noqa: BLE001 - the fallback is extra: the newest frame will do
            data = None
        if data is None:
            return newest
        return Newest(seq, max(before), self.frame_log.records[seq].mime, data)
