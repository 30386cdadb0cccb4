"""Bounding boxes: the usual formats, checked and converted to DVC's sidecar (pure).

A box is four numbers, read according to ``format``:

- ``tlbr``: top, left, bottom, right (DVC's order)
- ``xyxy``: left, top, right, bottom (x1, y1, x2, y2: torchvision, Pascal VOC)
- ``xywh``: left, top, width, height (COCO)
- ``cxcywh``: centre x, centre y, width, height (YOLO, DETR)

The sidecar is the format of dvclive PR#776 and dvc PR#10312 (drafts, 2024), which
DVC's reader validates as whole-pixel ``int`` edges and a ``score`` in 0-1::

    {"annotations": {"<label>": [{"box": {"top": 1, "left": 10, "bottom": 30,
                                          "right": 40}, "score": 0.8}, ...], ...}}

written as dvclive writes JSON (``indent=4``, a final newline).
"""

import json
import math
from numbers import Real
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from .error import (
    BoxCoordinateError,
    BoxEdgeError,
    BoxesLengthError,
    BoxFormatError,
    BoxLabelError,
    BoxScoreError,
)

Quad = Tuple[float, float, float, float]

_TO_TLBR: Dict[str, Callable[[float, float, float, float], Quad]] = {
    "tlbr": lambda top, left, bottom, right: (top, left, bottom, right),
    "xyxy": lambda x1, y1, x2, y2: (y1, x1, y2, x2),
    "xywh": lambda x, y, w, h: (y, x, y + h, x + w),
    "cxcywh": lambda cx, cy, w, h: (cy - h / 2, cx - w / 2, cy + h / 2, cx + w / 2),
}
_FROM_TLBR: Dict[str, Callable[[float, float, float, float], Quad]] = {
    "tlbr": lambda top, left, bottom, right: (top, left, bottom, right),
    "xyxy": lambda top, left, bottom, right: (left, top, right, bottom),
    "xywh": lambda top, left, bottom, right: (left, top, right - left, bottom - top),
    "cxcywh": lambda top, left, bottom, right: ((left + right) / 2, (top + bottom) / 2,
                                                right - left, bottom - top),
}
FORMATS = tuple(_TO_TLBR)


def to_tlbr(box: Sequence[float], fmt: str) -> Quad:
    """One box in ``fmt`` as (top, left, bottom, right), unchecked and unrounded."""
    return _TO_TLBR[fmt](*box)


def from_tlbr(tlbr: Sequence[float], fmt: str) -> Quad:
    """The inverse of ``to_tlbr``."""
    return _FROM_TLBR[fmt](*tlbr)


def _listed(val, what: str, name) -> list:
    """``val`` as a list: numpy arrays and tensors through ``tolist()`` (fast)."""
    if isinstance(val, list):
        return val
    if isinstance(val, (str, bytes)):
        raise BoxesLengthError(name, f"{what} must be a sequence with one item per box, "
                                     f"not a {type(val).__name__}")
    tolist = getattr(val, "tolist", None)
    if tolist is not None:
        return tolist()
    try:
        return list(val)
    except TypeError:
        raise BoxesLengthError(name, f"{what} must be a sequence with one item per box, "
                                     f"not {type(val).__name__}") from None


def _number(v) -> bool:
    return (type(v) is int or type(v) is float
            or (isinstance(v, Real) and not isinstance(v, bool)))


def _edges(name, i: int, box, fmt: str, scale: Optional[Tuple[int, int]]) -> Tuple[int, ...]:
    """Box ``i`` as whole-pixel (top, left, bottom, right), or a ``BoxesError``."""
    try:
        a, b, c, d = box
    except (TypeError, ValueError):
        raise BoxCoordinateError(
            name, f"box {i} is {box!r}, not 4 numbers. Give boxes as [[a, b, c, d], ...] "
                  "or an array of shape (N, 4).", i) from None
    if not (_number(a) and _number(b) and _number(c) and _number(d)):
        raise BoxCoordinateError(
            name, f"box {i} is {box!r}: its coordinates must be numbers.", i)
    if not (math.isfinite(a) and math.isfinite(b) and math.isfinite(c) and math.isfinite(d)):
        raise BoxCoordinateError(
            name, f"box {i} is {box!r}: NaN or infinite coordinates cannot be drawn. "
                  "Drop or fix such boxes first.", i)
    if scale is not None and not (0 <= a <= 1 and 0 <= b <= 1 and 0 <= c <= 1 and 0 <= d <= 1):
        raise BoxCoordinateError(
            name, f"box {i} is {box!r}: with normalized=True every number must be within "
                  "0-1. Pass pixels with normalized=False, or clip, e.g. "
                  "np.clip(boxes, 0, 1).", i)
    top, left, bottom, right = _TO_TLBR[fmt](a, b, c, d)
    if right < left or bottom < top:
        edge = (f"right {right} < left {left}" if right < left
                else f"bottom {bottom} < top {top}")
        raise BoxEdgeError(
            name, f"box {i} is {box!r} as {fmt!r}: {edge}. Check the format "
                  f"(one of {', '.join(FORMATS)}) and the order of the numbers.", i)
    if scale is not None:
        width, height = scale
        top, left, bottom, right = top * height, left * width, bottom * height, right * width
    # Whole pixels, as DVC's reader requires; half up, so a box keeps its size.
    return (math.floor(top + 0.5), math.floor(left + 0.5), math.floor(bottom + 0.5),
            math.floor(right + 0.5))


def _image_size(name, normalized: bool, image_size) -> Optional[Tuple[int, int]]:
    if not normalized:
        if image_size is not None:
            raise BoxFormatError(name, "image_size is used only with normalized=True "
                                       "(pixel coordinates need no size).")
        return None
    try:
        width, height = image_size
        ok = all(type(v) is int or (isinstance(v, Real) and not isinstance(v, bool)
                                    and float(v).is_integer()) for v in (width, height))
        ok = ok and width > 0 and height > 0
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise BoxFormatError(
            name, f"normalized=True needs image_size=(width, height) in whole pixels > 0, "
                  f"not {image_size!r}, e.g. image_size=(img.shape[1], img.shape[0]).")
    return int(width), int(height)


def annotations(name, boxes, labels, scores=None, fmt: str = "tlbr",
                normalized: bool = False, image_size=None) -> Dict[str, List[tuple]]:
    """label -> [(top, left, bottom, right, score), ...], in the order given.

    Raises a ``BoxesError`` subclass for the first thing wrong. ``name`` is only quoted.
    """
    if not isinstance(fmt, str) or fmt not in _TO_TLBR:
        raise BoxFormatError(name, f"format={fmt!r} is not one of {', '.join(FORMATS)}.")
    scale = _image_size(name, normalized, image_size)
    boxes = _listed(boxes, "boxes", name)
    labels = _listed(labels, "labels", name)
    scores = None if scores is None else _listed(scores, "scores", name)
    if len(labels) != len(boxes) or (scores is not None and len(scores) != len(boxes)):
        got = f"{len(boxes)} boxes, {len(labels)} labels" + (
            "" if scores is None else f", {len(scores)} scores")
        raise BoxesLengthError(name, f"{got}: give one label (and one score) per box.")
    out: Dict[str, List[tuple]] = {}
    for i, box in enumerate(boxes):
        edges = _edges(name, i, box, fmt, scale)
        label = labels[i]
        if not isinstance(label, str):
            raise BoxLabelError(
                name, f"label {i} is {label!r}: labels must be str. Map class ids to "
                      "names first, e.g. [names[c] for c in classes].", i)
        if scores is None:
            score = 1.0  # DVC's reader needs a score; boxes without one are certain
        else:
            score = scores[i]
            if not (_number(score) and 0 <= score <= 1):  # NaN fails the range too
                raise BoxScoreError(
                    name, f"score {i} is {score!r}: scores must be numbers within 0-1 "
                          "(probabilities), or scores=None.", i)
            score = float(score)
        group = out.get(label)
        if group is None:
            group = out[label] = []
        group.append((*edges, score))
    return out


# dvclive's dump_json (json.dump, indent=4, then "\n"), written out by hand: the
# standard encoder runs in pure Python when indented, 5-10x slower for 100 boxes.
# tests/test_boxes.py checks the bytes against json.dumps.
_BOX = ('            {\n                "box": {\n                    "top": %d,\n'
        '                    "left": %d,\n                    "bottom": %d,\n'
        '                    "right": %d\n                },\n'
        '                "score": %s\n            }')


def sidecar_bytes(groups: Dict[str, List[tuple]]) -> bytes:
    """The sidecar file for ``annotations(...)``'s result."""
    if not groups:
        return b'{\n    "annotations": {}\n}\n'
    parts = [
        f"        {json.dumps(label)}: [\n"
        + ",\n".join([_BOX % (*item[:4], float.__repr__(item[4])) for item in items])
        + "\n        ]"
        for label, items in groups.items()
    ]
    return ('{\n    "annotations": {\n' + ",\n".join(parts) + "\n    }\n}\n").encode()


def parse_sidecar(data: bytes) -> Optional[Dict[str, list]]:
    """A sidecar's ``annotations`` (label -> [{"box": {...}, "score"}]), for the view.

    Lenient, as a reader of files written by others must be: entries that are not a box
    of four numbers are dropped, a missing score reads as 1.0; a file that is no JSON
    object with ``annotations`` (half-written, or something else) gives None.
    """
    try:
        doc = json.loads(data)
    except ValueError:
        return None
    groups = doc.get("annotations") if isinstance(doc, dict) else None
    if not isinstance(groups, dict):
        return None
    out: Dict[str, list] = {}
    for label, entries in groups.items():
        kept = []
        for entry in entries if isinstance(entries, list) else []:
            box = entry.get("box") if isinstance(entry, dict) else None
            if not isinstance(box, dict):
                continue
            edges = [box.get(k) for k in ("top", "left", "bottom", "right")]
            if not all(_number(v) and math.isfinite(v) for v in edges):  # type: ignore[arg-type]
                continue
            score = entry.get("score", 1.0)
            kept.append({"box": dict(zip(("top", "left", "bottom", "right"), edges)),
                         "score": float(score) if _number(score) and math.isfinite(score)
                         else 1.0})
        out[str(label)] = kept
    return out


# The page's colours (js/src/colours.js, PALETTE and labelColour): a label is drawn in
# the same colour in the view and in an exported animation.
PALETTE = [(230, 25, 75), (60, 180, 75), (0, 130, 200), (245, 130, 48), (145, 30, 180),
           (70, 200, 200), (240, 50, 230), (210, 190, 0), (0, 128, 128), (170, 110, 40),
           (128, 128, 0), (100, 100, 255)]


def label_colour(label: str) -> Tuple[int, int, int]:
    """A label's colour: FNV-1a of its UTF-16 code units into ``PALETTE``."""
    h = 0x811C9DC5
    units = label.encode("utf-16-le")
    for i in range(0, len(units), 2):
        h ^= units[i] | units[i + 1] << 8
        h = (h * 0x01000193) & 0xFFFFFFFF
    return PALETTE[h % len(PALETTE)]
