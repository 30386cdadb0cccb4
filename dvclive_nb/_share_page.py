"""The page of a shared HTML file: the view's own bundle, its CSS, a host that stands in
for the kernel (``js/src/share.js``), and the frames, in one file that makes no request.

Everything a run supplies (labels, series names, params, metric names) is untrusted
text. It reaches the page in two ways only: ``html.escape`` into the title and the note,
and ``script_json`` into a data block that the host parses, after which the view puts it
on the page as text (``textContent``), never as markup.
"""

import base64
import html
import json
import re
from array import array
from pathlib import Path
from typing import NamedTuple

# No request at all: no network, no other file; images are data: URLs of the embedded
# base64 (blob: where the view makes them) and the pixel readout and the pin's
# difference read them back with fetch(data:) or fetch(blob:), which stay in the page.
CSP = ("default-src 'none'; img-src data: blob:; style-src 'unsafe-inline'; "
       "script-src 'unsafe-inline'; connect-src data: blob:; base-uri 'none'; "
       "form-action 'none'")

_HERE = Path(__file__).parent
# The bundle ends by exporting the view (tests/test_bundle.py checks this shape); in the
# page its module is inlined, so its export becomes a name the host is given.
_EXPORT = re.compile(r"export\s*\{\s*(\w+)\s+as\s+default\s*\};?\s*$")


class PageFrame(NamedTuple):
    panel: str
    kind: str  # "series" | "single"
    step: int
    mime: str
    data: bytes


def script_json(value) -> str:
    """JSON that stays inside its <script> block whatever strings it holds: ``<``, ``>``
    and ``&`` are written as \\u escapes (no ``</script>``, no ``<!--``), and so are
    U+2028/2029, which old JavaScript parsers end lines at."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def _inline_js(text: str) -> str:
    # Our own code, but a string in it must not end the <script> it is inlined in.
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE).replace("<!--", "<\\!--")


def view_module() -> str:
    """The view's bundle with its default export bound to ``__dvnb_view``."""
    text = (_HERE / "static" / "view.js").read_text(encoding="utf-8")
    bound, count = _EXPORT.subn(r"const __dvnb_view = \1;\n", text)
    if count != 1:
        raise RuntimeError("dvclive_nb/static/view.js does not end by exporting its view: "
                           "rebuild it with `npm run build` in js/")
    return bound


def floats(values) -> str:
    """float64 values as base64 of their bytes (NaN and infinities kept, as the strip
    takes them from the kernel)."""
    return base64.b64encode(array("d", values).tobytes()).decode("ascii")


def data_blocks(frames: list, model: dict, metrics: list, suffix: str = "") -> str:
    """The two data blocks the host reads (``dvnb-state`` and ``dvnb-frames``, each id
    ending in ``suffix``): the model's traits, each frame's place, the metrics rows, and
    every frame's bytes in base64."""
    runs = []
    metas = []
    at = 0
    for seq, frame in enumerate(frames):
        text = base64.b64encode(frame.data).decode("ascii")
        runs.append(text)
        metas.append({"seq": seq, "name": frame.panel, "kind": frame.kind, "step": frame.step,
                      "mime": frame.mime, "at": at, "len": len(text)})
        at += len(text)
    state = {"model": model, "frames": metas,
             "metrics": [{"name": name, "steps": floats(steps), "values": floats(values)}
                         for name, steps, values in metrics]}
    return (f'<script type="application/json" id="dvnb-state{suffix}">{script_json(state)}'
            f'</script>\n<script type="application/octet-stream" id="dvnb-frames{suffix}">'
            f'{"".join(runs)}</script>\n')


def view_script(suffix: str = "") -> str:
    """The view's bundle and the host, started on the blocks whose ids end in ``suffix``
    (the body of a ``<script type="module">``)."""
    host = (_HERE / "static" / "share.js").read_text(encoding="utf-8")
    start = f"dvclive_nb_share.start(__dvnb_view, {script_json(suffix)});" if suffix else \
        "dvclive_nb_share.start(__dvnb_view);"
    return _inline_js(f"{view_module()}\n{host}\n{start}\n")


def view_css() -> str:
    """``view.css``, safe to inline in a ``<style>``."""
    css = (_HERE / "view.css").read_text(encoding="utf-8")
    # Our own CSS, but nothing in it may end the <style> it is inlined in.
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)


def page(frames: list, model: dict, metrics: list, title: str, note: str) -> str:
    """The page's HTML. ``frames``: ``PageFrame``s in the order the view gets them;
    ``model``: the widget's traits (panels, columns, status...); ``metrics``:
    ``[(name, steps, values)]``."""
    css = re.sub(r"</(style)", r"<\\/\1", (_HERE / "share.css").read_text(encoding="utf-8"),
                 flags=re.IGNORECASE) + view_css()
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="dvclive-nb to_html">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>{css}</style>\n"
        "</head><body>\n"
        '<header class="dvnb-share-head">'
        f'<p class="dvnb-share-title">{html.escape(title)}</p>'
        f'<p class="dvnb-share-note">{html.escape(note)}</p></header>\n'
        '<div id="dvnb-view"></div>\n'
        '<noscript><p class="dvnb-share-nojs">This file draws its images with JavaScript, '
        "which is off here.</p></noscript>\n"
        f"{data_blocks(frames, model, metrics)}"
        f'<script type="module">{view_script()}</script>\n'
        "</body></html>\n"
    )
