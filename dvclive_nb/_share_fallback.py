"""A view's history in its static fallback (``Live(share_steps=N)``): ``N`` evenly spaced
steps (the last always among them), downscaled, and the shared file's viewer, so that a
notebook exported to HTML (``jupyter nbconvert --to html``) scrubs where its output's
JavaScript runs, and shows the still images where it does not (GitHub).

Off by default: a saved notebook then keeps one small image per panel, as before.
"""

from typing import Optional

from ._share import MIN_SIDE, even_steps, shrink
from ._share_page import PageFrame, data_blocks, view_css, view_script
from .error import ShareError

SIDE = 128  # the history's frames at most this many pixels on a side


def share_steps(value) -> Optional[int]:
    """``share_steps`` checked: None (off) or a count of at least 2."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 2:
        raise ShareError(f"share_steps must be None or an int of at least 2 (the steps a "
                         f"saved notebook keeps to scrub), not {value!r}.", "share_steps")
    return value


def history_frames(view, count: int, side: int = SIDE) -> list:
    """``PageFrame``s of ``view``: each series at ``count`` evenly spaced logged steps
    (the first and the last kept) and each single image's newest, at most ``side``
    pixels a side. Frames no longer readable are left out."""
    if side < MIN_SIDE:
        raise ValueError(side)
    log = view.frame_log
    out = []
    for panel in view.panels:
        name = panel["name"]
        if panel["kind"] == "single":
            newest = log.newest.get(name)
            picks = [(newest.step, newest.seq)] if newest is not None else []
        else:
            seqs = log.steps_of(name)
            picks = [(step, seqs[step]) for step in even_steps(sorted(seqs), count)]
        for step, seq in picks:
            data = log.held(seq)
            data = data if data is not None else view.read_frame(name, step)
            if data is None:
                continue
            mime, data = shrink(log.records[seq].mime, data, side)
            out.append(PageFrame(name, panel["kind"], step, mime, data))
    return out


def history_html(view, count: int, side: int = SIDE) -> str:
    """The HTML of the history: the view's CSS, a place for it, its frames and the
    viewer's script (the same bundle as the notebook's, with a stand-in kernel)."""
    frames = history_frames(view, count, side)
    if not frames:
        return ""
    suffix = f"-{view.uid}"
    steps = sorted({f.step for f in frames if f.kind == "series"})
    model = {"uid": f"fallback-{view.uid}", "panels": list(view.panels), "frame": {},
             "cap_mb": 64, "shared": True,
             "status": f"saved with the notebook: {len(steps)} steps, frames at most "
                       f"{side} px a side"}
    return (f"<style>{view_css()}</style>"
            f'<div id="dvnb-view{suffix}" class="dvnb-static-history"></div>'
            f"{data_blocks(frames, model, [], suffix)}"
            f'<script type="module">{view_script(suffix)}</script>')
