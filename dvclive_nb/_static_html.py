"""A view's static fallback: each panel's newest frame as HTML, for where widgets do not
render (nbconvert, GitHub, a notebook reopened without its kernel)."""

import base64
import html
import io

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
