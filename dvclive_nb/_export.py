"""``export()``: one image series of a run, written as an animated GIF, PNG or WebP.

Frames come through the same sources as ``show()`` (a run folder, a URL, an experiment or
a git revision), so the series and its steps are listed the way the view lists them.
Every argument is checked and every frame read and decoded before anything is encoded;
the file is encoded in memory and written atomically, so a mistake or a killed process
never leaves half an animation (or a clobbered old one) behind.
"""

import io
import math
import numbers
import os
from typing import Optional

from ._atomic import output_path, write_bytes
from .error import (
    ExportError,
    ExportFormatError,
    FrameSizeError,
    MissingStepsError,
    UnknownSeriesError,
)
from .sources import open_source

# Suffix -> Pillow format. ".png" is an animated PNG (APNG), read by every browser.
FORMATS = {".gif": "GIF", ".png": "PNG", ".apng": "PNG", ".webp": "WEBP"}
CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")
_ALPHA_MODES = {"RGBA", "RGBa", "LA", "La", "PA"}
_GREY_MODES = {"1", "L"}
_PAD = 2  # pixels between the step label and its box


def export(series, path, run="dvclive", *, fps=10, steps=None, label=False,
           boxes=False, storage_options: Optional[dict] = None) -> str:
    """Write the frames of image series ``series`` as one animated image at ``path``.

    - ``path``: ``.gif``, ``.png`` (an animated PNG; ``.apng`` too) or ``.webp``
      (lossless). Frames in APNG and WebP are the logged pixels exactly (WebP: fully
      transparent pixels read back as transparent black); GIF holds 256
      colours per frame (exact for frames with at most 256 colours, else Pillow's median
      cut) and on/off transparency (alpha below 128 becomes transparent).
    - ``run``: what ``show()`` accepts: a run folder (``Live(dir=...)``, ``"dvclive"`` by
      default) or its ``plots/images``, an fsspec URL (with ``storage_options``), an
      experiment or a git revision.
    - ``fps``: frames a second; each frame lasts ``round(1000 / fps)`` ms (GIF stores
      hundredths of a second, and at least one). Loops forever.
    - ``steps``: ``None`` for every logged step in order, or steps to take, in the order
      given (``range(0, 100, 10)``, ``[3, 7]``); each must be logged.
    - ``label``: ``True`` draws the step number in the top-left corner (white on black,
      Pillow's default font), or name the corner: ``"top-right"``, ``"bottom-left"``,
      ``"bottom-right"``. Off by default, so that frames are exact.
    - ``boxes``: ``True`` burns in the boxes logged beside each frame
      (``log_bounding_boxes``), each label in its colour in the view, 2 pixels wide
      inside the box's edges; a number in 0-1 keeps only the boxes scoring at least that.
      Frames with boxes are drawn in colour (RGB, or RGBA).

    All frames must have the size of the first exported one (else ``FrameSizeError``:
    pick same-sized frames with ``steps``). Frames are converted to one mode: RGBA if any
    has transparency, else greyscale if all are greyscale, else RGB. Pillow may merge
    consecutive identical frames into one longer frame. Returns the path written.

    Examples::

        dvclive_nb.export("pred", "pred.gif")                           # ./dvclive, 10 fps
        dvclive_nb.export("pred", "pred.webp", run="runs/a", fps=4, label=True)
        dvclive_nb.export("pred", "every10.png", steps=range(0, 100, 10))
        dvclive_nb.export("pred", "lr-1.gif", run="lr-1")              # a DVC experiment
    """
    out, fmt = _output(path)
    duration = _duration(fps, fmt)
    corner = _corner(label)
    wanted = _steps(steps)
    name = _series(series)
    threshold = _threshold(boxes)

    src = open_source(run, storage_options)
    try:
        scanned = src.scan()
        logged = sorted(f.step for f in scanned if f.kind == "series" and f.panel == name)
        if not logged:
            raise UnknownSeriesError(
                name, _label(run, src), sorted({f.panel for f in scanned if f.kind == "series"}),
                sorted({f.panel for f in scanned if f.kind == "single"}))
        chosen = logged if wanted is None else wanted
        known = set(logged)
        missing = [s for s in dict.fromkeys(chosen) if s not in known]
        if missing:
            raise MissingStepsError(name, missing, logged)
        blobs = [_read(src, name, step) for step in chosen]
        drawn = None if threshold is None else [src.read_boxes(name, step) for step in chosen]
    finally:
        src.close()

    write_bytes(out, animate(name, chosen, blobs, fmt, duration, corner, drawn, threshold or 0))
    return out


def animate(name: str, steps: list, blobs: list, fmt: str, duration: int,
            corner: Optional[str], boxes: Optional[list] = None, threshold: float = 0) -> bytes:
    """The animation of frames ``blobs`` (image file bytes) of series ``name``;
    ``boxes``: each frame's boxes (``Source.read_boxes``), burnt in."""
    from PIL import Image  # imported on use: keeps `import dvclive_nb` light

    images = [_decode(Image, name, step, blob) for step, blob in zip(steps, blobs)]
    for step, image in zip(steps, images):
        if image.size != images[0].size:
            raise FrameSizeError(name, step, image.size, steps[0], images[0].size)
    mode = _mode(images)
    if boxes is not None and any(boxes):
        mode = "RGBA" if mode in ("RGBA", "LA") else "RGB"  # coloured boxes
    frames = []
    for i, (step, image) in enumerate(zip(steps, images)):
        frame = _convert(image, mode, name, step)
        if boxes is not None and boxes[i]:
            _draw_boxes(frame, boxes[i], threshold)
        if corner is not None:
            _draw_label(frame, str(step), corner)
        frames.append(frame)
    return _encode(Image, frames, fmt, duration, mode)


def answer_export(view, content: dict) -> None:
    """The view's "Export" action: each series it asks for, as an animated GIF of every
    frame the view holds (answered once the kernel is idle; errors go in the reply)."""
    fps = content.get("fps", 10)
    for name in content.get("names", []):
        reply = {"type": "exported", "name": name, "id": content.get("id"),
                 "filename": f"{name.replace('/', '_')}.gif"}
        try:
            steps, blobs = view.frames_of(name)
            if not steps:
                raise UnknownSeriesError(name, "this view", [], [])
            data = animate(name, steps, blobs, "GIF", _duration(fps, "GIF"), "top-left")
        except Exception as exc:  # noqa: BLE001 - the page shows why, the kernel goes on
            view.send({**reply, "error": f"{type(exc).__name__}: {exc}"})
            continue
        view.send(reply, [data])


# -- arguments (checked before any source is opened) -----------------------------------
def _output(path) -> tuple:
    out = output_path(path, ExportError, "Cannot export to", _check_suffix)
    return out, FORMATS[os.path.splitext(out)[1].lower()]


def _check_suffix(out: str) -> None:
    if os.path.splitext(out)[1].lower() not in FORMATS:
        raise ExportFormatError(out, FORMATS)


def _duration(fps, fmt: str) -> int:
    number = isinstance(fps, numbers.Real) and not isinstance(fps, bool)
    if not number or not math.isfinite(fps) or fps <= 0:
        raise ExportError(f"fps must be a positive number of frames a second, not {fps!r}.",
                          "fps")
    # GIF counts in hundredths of a second and a delay of 0 means "as the viewer likes"
    # (browsers: 100 ms), so its shortest frame is 10 ms.
    return max(10 if fmt == "GIF" else 1, round(1000 / fps))


def _corner(label) -> Optional[str]:
    if label is None or label is False:
        return None
    if label is True:
        return CORNERS[0]
    if isinstance(label, str) and label in CORNERS:
        return label
    raise ExportError(f"label must be True, False or a corner ({', '.join(CORNERS)}), "
                      f"not {label!r}.", "label")


def _threshold(boxes) -> Optional[float]:
    """None (no boxes), or the least score drawn."""
    if boxes is False or boxes is None:
        return None
    if boxes is True:
        return 0.0
    if isinstance(boxes, (int, float)) and not isinstance(boxes, bool) and 0 <= boxes <= 1:
        return float(boxes)
    raise ExportError(f"boxes={boxes!r}: use True (every box), False, or a score "
                      "threshold within 0-1 (boxes=0.5).", "boxes")


def _steps(steps) -> Optional[list]:
    if steps is None:
        return None
    if isinstance(steps, (str, bytes)) or not hasattr(steps, "__iter__"):
        raise ExportError(f"steps must be None or steps to export (a range or a list of "
                          f"ints), not {steps!r}.", "steps")
    chosen = list(steps)
    bad = [s for s in chosen if not isinstance(s, numbers.Integral) or isinstance(s, bool)]
    if bad:
        raise ExportError(f"steps must be ints; got {bad[0]!r}.", "steps")
    if not chosen:
        raise ExportError("steps is empty: an animation needs at least one frame. Pass "
                          "steps=None for every logged step.", "steps")
    return [int(s) for s in chosen]


def _series(series) -> str:
    if not isinstance(series, str) or not series.strip("/"):
        raise ExportError(f"series must be the name of an image series (the folder in "
                          f"live.log_image(f\"<series>/{{live.step}}.png\", ...)), not "
                          f"{series!r}.", "series")
    return series.strip("/")


def _label(run, src) -> str:
    try:
        return os.fspath(run)
    except TypeError:
        return src.label


# -- frames ------------------------------------------------------------------------------
def _read(src, name: str, step: int) -> bytes:
    data = src.read(name, step)
    if data is None:
        raise ExportError(f"Frame {step} of series {name!r} could not be read from "
                          f"{src.label}.", None)
    return data


def _decode(Image, name: str, step: int, blob: bytes):
    try:
        with Image.open(io.BytesIO(blob)) as image:
            image.load()
            return image.copy()  # closing the file makes the opened image unusable
    except (OSError, SyntaxError, ValueError) as exc:  # Pillow's ways to say "broken"
        raise ExportError(f"Frame {step} of series {name!r} is not a readable image: "
                          f"{exc}", None) from exc


def _has_alpha(image) -> bool:
    return image.mode in _ALPHA_MODES or "transparency" in image.info


def _mode(images) -> str:
    if any(_has_alpha(image) for image in images):
        return "RGBA"
    if all(image.mode in _GREY_MODES for image in images):
        return "L"
    return "RGB"


def _convert(image, mode: str, name: str, step: int):
    if image.mode == mode and "transparency" not in image.info:
        return image
    try:
        return image.convert(mode)
    except ValueError as exc:  # a mode Pillow cannot convert (say 16-bit to RGB)
        raise ExportError(f"Frame {step} of series {name!r} (mode {image.mode}) cannot be "
                          f"converted to {mode}: {exc}", None) from exc


def _draw_boxes(frame, groups: dict, threshold: float) -> None:
    from PIL import ImageDraw

    from .boxes import label_colour

    draw = ImageDraw.Draw(frame)
    for label, entries in groups.items():
        colour = label_colour(label)
        for entry in entries:
            if entry["score"] < threshold:
                continue
            b = entry["box"]
            # Pillow's rectangle includes its far corner: the box's pixels are
            # left..right-1, top..bottom-1, and the outline goes inside them.
            draw.rectangle((b["left"], b["top"], b["right"] - 1, b["bottom"] - 1),
                           outline=colour if frame.mode == "RGB" else (*colour, 255), width=2)


def _draw_label(frame, text: str, corner: str) -> None:
    from PIL import ImageDraw, ImageFont

    draw = ImageDraw.Draw(frame)
    draw.fontmode = "1"  # no anti-aliasing: two colours more, not dozens (GIF palettes)
    font = ImageFont.load_default()
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    width, height = right + 2 * _PAD, bottom + 2 * _PAD
    x = 0 if corner.endswith("left") else max(0, frame.width - width)
    y = 0 if corner.startswith("top") else max(0, frame.height - height)
    draw.rectangle((x, y, x + width - 1, y + height - 1), fill="black")
    draw.text((x + _PAD, y + _PAD), text, fill="white", font=font)


# -- encoding ----------------------------------------------------------------------------
def _encode(Image, frames: list, fmt: str, duration: int, mode: str) -> bytes:
    out = io.BytesIO()
    options: dict = {"save_all": True, "duration": duration, "loop": 0}
    if fmt == "GIF":
        frames = [_gif_frame(Image, frame) for frame in frames]
        if mode == "RGBA":
            options["disposal"] = 2  # clear to transparent: no frame shows through the next
    elif fmt == "WEBP":
        options["lossless"] = True
    frames[0].save(out, format=fmt, append_images=frames[1:], **options)
    return out.getvalue()


def _gif_frame(Image, frame):
    """A palette frame for GIF: exact when the frame has at most 256 colours (255 and a
    transparent index with alpha), else Pillow's median cut; alpha becomes on/off."""
    if frame.mode == "L":
        return frame  # GIF writes greyscale as is
    if frame.mode == "RGB":
        return frame.quantize(256)
    import numpy as np

    pixels = np.asarray(frame)
    opaque = pixels[..., 3] >= 128
    rgb = pixels[..., :3].copy()
    if opaque.any():
        rgb[~opaque] = rgb[opaque][0]  # an existing colour: no palette entry wasted
    indexed = Image.fromarray(rgb, "RGB").quantize(255)
    index = np.asarray(indexed).copy()
    index[~opaque] = 255
    palette = (indexed.getpalette() or [])[:765]
    result = Image.fromarray(index, "P")
    result.putpalette(palette + [0] * (765 - len(palette)) + [0, 0, 0])
    result.info["transparency"] = 255
    return result
