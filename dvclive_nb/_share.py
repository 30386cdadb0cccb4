"""``to_html()``: a run (or several, as a board) as one self-contained HTML file that
holds the whole viewer and its frames, and opens offline with no kernel and no server.

Frames come through the same sources as ``show()``; the page is ``_share_page``'s. What
to keep is decided here: the series (``series=``), the steps (``steps=``), the frames'
size (``max_side=``), and a budget (``max_mb=``) that thins the steps evenly and says
so in the page. Every argument is checked and every frame read before anything is
written, and the file is written atomically: a mistake leaves no partial file behind.
The view's Save HTML action (``answer_save_html``) builds the same page from the frames
the view holds.
"""

import io
import json
import logging
import math
import numbers
import os
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, NamedTuple, Optional

from ._atomic import output_path, write_bytes
from ._share_page import PageFrame, page
from .error import ShareBudgetError, ShareError, UnknownSeriesError

logger = logging.getLogger("dvclive_nb")

MB = 1024 * 1024
SUFFIXES = (".html", ".htm")
MIN_SIDE = 8  # max_side below this leaves nothing to look at


@dataclass(frozen=True)
class Shared:
    """What ``to_html`` wrote: where, which series (and runs), how many steps of how
    many, the file's size, and a sentence saying so (``note``)."""

    path: str
    series: tuple
    runs: tuple  # the board's columns; () for one run
    steps_kept: int
    steps_total: int
    bytes: int
    max_side: Optional[int] = None
    thinned: bool = False  # steps dropped evenly to fit max_mb
    note: str = ""

    def __repr__(self) -> str:
        return f"<dvclive-nb shared file {self.path}: {self.note}, {_size(self.bytes)}>"


class Listed(NamedTuple):
    """A frame to share: its bytes, or None to read them with the content's ``read``."""

    panel: str
    kind: str
    step: int
    mime: str
    data: Optional[bytes]


@dataclass
class Content:
    """What a page shows, before the options cut it: the view's panels (as its model
    lists them), every frame, how to read one, the board's column heads (None for one
    run) and the run's metrics rows ``[(name, steps, values)]``."""

    label: str
    panels: list
    frames: list
    read: Callable[[str, int], Optional[bytes]]
    columns: Optional[list] = None
    metrics: tuple = ()


def to_html(source, path, *, series=None, steps=None, max_side=None, max_mb=None,
            title: Optional[str] = None, storage_options: Optional[dict] = None) -> Shared:
    """Write one self-contained ``.html`` file that holds the whole viewer: every series
    on the slider, Play, step entry and keys, zoom and pan with the pixel readout, tone,
    pin with swipe and difference, the metrics strip, grid and filter, in light or dark
    as the reader's system is. It opens from disk with no kernel, no server and no
    network, and makes no request at all.

    - ``source``: anything ``show()`` takes (a run folder, an fsspec URL, a DVC
      experiment or git revision, ``"workspace"``); a list of them gives the
      ``compare()`` board, one column each, on one synced slider.
    - ``series``: a name or a list of names to keep (series, or single images of one run).
    - ``steps``: an int ``k`` keeps every k-th logged step (the first, the k+1-th...);
      a ``range`` keeps the logged steps in it; a ``slice`` keeps the logged steps from
      its start to before its stop (either may be None), every ``slice.step``-th of them.
    - ``max_side``: frames larger than this many pixels on a side are re-encoded smaller
      (Pillow; PNG stays lossless, JPEG stays JPEG).
    - ``max_mb``: a budget for the whole file, in MB (2**20 bytes). Past it, steps are
      thinned evenly (first and last kept), and the page says so.
    - ``title``: the page's title; the source's name by default.

    Returns a ``Shared`` record (its repr says what was kept). Bad arguments raise a
    ``ShareError`` (a ``DvcLiveError``) before anything is read; nothing is written then.

    Examples::

        import dvclive_nb
        dvclive_nb.to_html("dvclive", "run.html")
        dvclive_nb.to_html("dvclive", "small.html", max_side=128, max_mb=5)
        dvclive_nb.to_html(["lr-0.1", "lr-1"], "compare.html", series="pred")
    """
    out = _output(path)
    options = Options(_series(series), _steps(steps), _side(max_side), _budget(max_mb))
    if title is not None and not isinstance(title, str):
        raise ShareError(f"title must be a str, not {type(title).__name__}.", "title")
    board = isinstance(source, (list, tuple))
    sources = list(source) if board else [source]
    if board and not sources:
        raise ShareError("source is an empty list: pass one run, or a list of runs to "
                         "compare.", "source")
    from .sources import open_source

    opened: list = []
    try:
        for what in sources:
            opened.append(open_source(what, storage_options))
        content = _board(opened) if board else _run(opened[0], source)
        text, kept = build(content, options, title)
    finally:
        for src in opened:
            src.close()
    data = text.encode("utf-8")
    write_bytes(out, data)
    return Shared(out, bytes=len(data), **kept)


class Options(NamedTuple):
    series: Optional[list]
    steps: Optional[Callable[[list], list]]
    max_side: Optional[int]
    max_mb: Optional[float]


# -- what a source holds -------------------------------------------------------------------
def _run(src, what) -> Content:
    from .metrics import MetricsTail

    frames = src.scan()
    panels: list = []
    for frame in frames:
        if not any(p["name"] == frame.panel for p in panels):
            panels.append({"name": frame.panel, "kind": frame.kind})
    metrics: tuple = ()
    images_dir = src.local_images_dir()
    if images_dir:
        tail = MetricsTail(os.path.join(os.path.dirname(images_dir), "metrics"))
        tail.poll()
        metrics = _rows(tail)
    label = src.label or _text(what)
    return Content(label, panels, [Listed(*f) for f in frames], src.read, None, metrics)


def _board(opened: list) -> Content:
    from .board import column_heads, source_summary

    panels: list = []
    frames: list = []
    heads = []
    for index, src in enumerate(opened):
        params, metrics = source_summary(src)
        heads.append({"label": src.label, "params": params, "metrics": metrics,
                      "status": ""})
        for frame in src.scan():
            if frame.kind != "series":
                continue  # a board compares series
            name = f"{index}:{frame.panel}"
            if not any(p["name"] == name for p in panels):
                panels.append({"name": name, "kind": "series", "column": index,
                               "series": frame.panel})
            frames.append(Listed(name, "series", frame.step, frame.mime, frame.data))

    def read(name: str, step: int):
        index, _, series = name.partition(":")
        return opened[int(index)].read(series, step)

    label = " vs ".join(src.label for src in opened)
    return Content(label, panels, frames, read, column_heads(heads))


def _rows(tail) -> tuple:
    return tuple((name, list(tail.steps[name]), list(tail.values[name]))
                 for name in sorted(tail.steps) if len(tail.steps[name]))


# -- the page ---------------------------------------------------------------------------------
def build(content: Content, options: Options, title: Optional[str] = None) -> tuple:
    """``(html, kept)``: the page of ``content`` cut by ``options``; ``kept`` holds the
    ``Shared`` fields but the path and size."""
    panels = _keep_series(content, options.series)
    names = {p["name"] for p in panels}
    listed = [f for f in content.frames if f.panel in names]
    logged = sorted({f.step for f in listed if f.kind == "series"})
    chosen = options.steps(logged) if options.steps is not None else logged
    if logged and not chosen:
        raise ShareError(f"steps keeps none of the logged steps ({_span(logged)}).", "steps")
    wanted = set(chosen)
    listed = [f for f in listed if f.kind == "single" or f.step in wanted]
    frames = _read_all(content, listed, options.max_side)
    steps = sorted({f.step for f in frames if f.kind == "series"})

    series_names = _series_names(panels)
    title = title if title is not None else f"dvclive-nb · {content.label}"
    thinned = False

    def render(keep: list, status: str) -> str:
        kept = set(keep)
        shown = [f for f in frames if f.kind == "single" or f.step in kept]
        model = {"uid": f"share-{uuid.uuid4().hex[:8]}", "panels": panels, "frame": {},
                 "cap_mb": 256, "status": status, "shared": True}
        if content.columns is not None:
            model.update(columns=content.columns, board=True)
        note = _note(content, series_names, len(keep), len(logged), options, thinned)
        return page(shown, model, list(content.metrics), title, note)

    keep = steps
    if options.max_mb is not None:
        keep = _thin(steps, frames, options.max_mb, render)
        thinned = len(keep) < len(steps)
    status = (f"Steps thinned evenly to fit max_mb={options.max_mb:g}: {len(keep)} of "
              f"{len(steps)} kept." if thinned else "")
    text = render(keep, status)
    if options.max_mb is not None and len(text.encode("utf-8")) > options.max_mb * MB:
        # The estimate was short by a few metadata bytes: one step fewer, at a time.
        while keep and len(text.encode("utf-8")) > options.max_mb * MB:
            keep = even_steps(steps, len(keep) - 1)
            thinned = True
            status = (f"Steps thinned evenly to fit max_mb={options.max_mb:g}: {len(keep)} "
                      f"of {len(steps)} kept.")
            text = render(keep, status)
        if not keep:
            raise ShareBudgetError(options.max_mb, len(render(steps[-1:], "").encode()))
    kept = {"series": tuple(series_names),
            "runs": tuple(c["name"] for c in content.columns or ()),
            "steps_kept": len(keep), "steps_total": len(logged),
            "max_side": options.max_side, "thinned": thinned,
            "note": _note(content, series_names, len(keep), len(logged), options, thinned)}
    return text, kept


def _keep_series(content: Content, wanted: Optional[list]) -> list:
    if wanted is None:
        return list(content.panels)
    held = {_series_of(p) for p in content.panels}
    for name in wanted:
        if name not in held:
            raise UnknownSeriesError(
                name, content.label,
                sorted({_series_of(p) for p in content.panels if p["kind"] == "series"}),
                sorted({_series_of(p) for p in content.panels if p["kind"] == "single"}))
    return [p for p in content.panels if _series_of(p) in wanted]


def _series_of(panel: dict) -> str:
    return panel.get("series", panel["name"])


def _series_names(panels: list) -> list:
    return list(dict.fromkeys(_series_of(p) for p in panels if p["kind"] == "series"))


def _read_all(content: Content, listed: list, side: Optional[int]) -> list:
    """Every listed frame with its bytes (shrunk to ``side``), in the listed order; a
    frame gone from its source meanwhile is left out."""
    def one(frame: Listed) -> Optional[PageFrame]:
        data = frame.data
        if data is None:
            try:
                data = content.read(frame.panel, frame.step)
            except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
                data = None
        if data is None:
            return None
        mime = frame.mime
        if side is not None:
            mime, data = shrink(mime, data, side)
        return PageFrame(frame.panel, frame.kind, frame.step, mime, data)

    # Reads wait on disks or networks and Pillow lets go of the GIL while it codes.
    with ThreadPoolExecutor(max_workers=min(8, (os.cpu_count() or 1) * 2)) as pool:
        return [f for f in pool.map(one, listed) if f is not None]


def shrink(mime: str, data: bytes, side: int) -> tuple:
    """``(mime, bytes)`` of the image at most ``side`` pixels on a side: PNG (lossless)
    unless it was JPEG. An image Pillow cannot read is kept as it is."""
    from PIL import Image  # imported on use: keeps `import dvclive_nb` light

    try:
        with Image.open(io.BytesIO(data)) as image:
            if max(image.size) <= side:
                return mime, data
            image.thumbnail((side, side))
            out = io.BytesIO()
            if mime == "image/jpeg":
                image.convert("RGB").save(out, format="JPEG", quality=90)
                return "image/jpeg", out.getvalue()
            png = image if image.mode in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16") \
                else image.convert("RGBA")
            png.save(out, format="PNG")
            return "image/png", out.getvalue()
    except (OSError, SyntaxError, ValueError) as exc:  # Pillow's ways to say "broken"
        logger.info("dvclive-nb: kept a frame as it is (not readable by Pillow: %s)", exc)
        return mime, data


def even_steps(steps: list, count: int) -> list:
    """``count`` of ``steps``, evenly spaced, the first and the last kept."""
    n = len(steps)
    if count >= n:
        return list(steps)
    if count <= 0:
        return []
    if count == 1:
        return [steps[-1]]
    return [steps[round(i * (n - 1) / (count - 1))] for i in range(count)]


def _thin(steps: list, frames: list, max_mb: float, render) -> list:
    """The most steps, evenly spaced, whose page fits ``max_mb``. The page's size
    is the viewer's (fixed) plus each frame's base64 and metadata: summed, not rendered,
    for each count tried."""
    fixed = len(render([], "Steps thinned evenly to fit max_mb: 00000 of 00000 kept.")
                .encode("utf-8"))
    cost: dict = {}
    for f in frames:
        if f.kind == "series":
            meta = {"seq": 0, "name": f.panel, "kind": f.kind, "step": f.step,
                    "mime": f.mime, "at": 10 ** 9, "len": 10 ** 9}
            cost[f.step] = cost.get(f.step, 0) + 4 * math.ceil(len(f.data) / 3) + len(
                json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode()) + 1
    total = lambda keep: fixed + sum(cost[s] for s in keep)  # noqa: E731
    budget = int(max_mb * MB)
    if total(steps) <= budget:
        return steps
    if not steps or total(steps[-1:]) > budget:
        raise ShareBudgetError(max_mb, total(steps[-1:]))
    count = max(1, min(len(steps), int(len(steps) * (budget - fixed) / (total(steps) - fixed))))
    while count > 1 and total(even_steps(steps, count)) > budget:
        count -= 1
    while count < len(steps) and total(even_steps(steps, count + 1)) <= budget:
        count += 1
    return even_steps(steps, count)


def _note(content: Content, series: list, kept: int, total: int, options: Options,
          thinned: bool) -> str:
    parts = []
    if content.columns is not None:
        parts.append(f"{len(content.columns)} runs")
    parts.append(f"{len(series)} series" if series else "single images")
    if total:
        parts.append(f"{kept} of {total} steps")
    if thinned:
        parts.append(f"thinned evenly to fit max_mb={options.max_mb:g}")
    if options.max_side is not None:
        parts.append(f"frames at most {options.max_side} px a side")
    return " · ".join(parts)


# -- the view's Save HTML action ---------------------------------------------------------
def view_content(view, tail=None) -> Content:
    """What ``view`` holds (every frame it lists, read back from its source), and the
    metrics rows of ``tail``: the Save HTML action's content."""
    frames: list = []
    log = view.frame_log
    for panel in view.panels:
        name = panel["name"]
        if panel["kind"] == "single":
            newest = log.newest.get(name)
            if newest is not None:
                frames.append(Listed(name, "single", newest.step, newest.mime, newest.data))
            continue
        for step, seq in sorted(log.steps_of(name).items()):
            frames.append(Listed(name, "series", step, log.records[seq].mime, log.held(seq)))
    columns = getattr(view, "columns", None)
    if tail is not None:
        tail.poll()
    label = " vs ".join(c["name"] for c in columns) if columns else "dvclive-nb view"
    return Content(label, list(view.panels), frames, view.read_frame, columns or None,
                   _rows(tail) if tail is not None else ())


def answer_save_html(view, content: dict, tail=None) -> None:
    """The view's Save HTML action: this page as one file, sent back to the page to
    download (answered once the kernel is idle; errors go in the reply)."""
    reply = {"type": "saved_html", "id": content.get("id"),
             "filename": str(content.get("filename") or "dvclive-nb.html")}
    try:
        options = Options(None, None, _side(content.get("max_side")),
                          _budget(content.get("max_mb")))
        text, kept = build(view_content(view, tail), options)
    except Exception as exc:  # noqa: BLE001 - the page shows why, the kernel goes on
        view.send({**reply, "error": f"{type(exc).__name__}: {exc}"})
        return
    view.send({**reply, "note": kept["note"]}, [text.encode("utf-8")])


# -- arguments (checked before any source is opened) -------------------------------------
def _output(path) -> str:
    return output_path(path, ShareError, "Cannot write", _check_suffix)


def _check_suffix(out: str) -> None:
    if os.path.splitext(out)[1].lower() not in SUFFIXES:
        raise ShareError(f"Cannot write '{out}': a shared file's name ends in .html "
                         "(or .htm).", "path")


def _series(series) -> Optional[list]:
    if series is None:
        return None
    names = [series] if isinstance(series, str) else series
    if isinstance(names, (bytes, dict)) or not hasattr(names, "__iter__"):
        raise ShareError(f"series must be a series name or a list of them, not "
                         f"{series!r}.", "series")
    names = list(names)
    bad = [n for n in names if not isinstance(n, str) or not n.strip("/")]
    if bad or not names:
        raise ShareError(f"series must be names of image series (the folder in "
                         f"live.log_image(f\"<series>/{{live.step}}.png\", ...)); got "
                         f"{(bad or [names])[0]!r}.", "series")
    return [n.strip("/") for n in names]


def _int(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _steps(steps) -> Optional[Callable[[list], list]]:
    if steps is None:
        return None
    if _int(steps):
        if steps < 1:
            raise ShareError(f"steps={steps}: an int keeps every k-th step and must be 1 or "
                             "more.", "steps")
        return lambda logged: logged[::int(steps)]
    if isinstance(steps, range):
        return lambda logged: [s for s in logged if s in steps]
    if isinstance(steps, slice):
        parts = (steps.start, steps.stop, steps.step)
        if any(p is not None and not _int(p) for p in parts) or (
                steps.step is not None and steps.step < 1):
            raise ShareError(f"steps={steps!r}: a slice's start and stop are steps (ints "
                             "or None), its step a positive int.", "steps")
        lo, hi, every = steps.start, steps.stop, steps.step or 1
        return lambda logged: [s for s in logged if (lo is None or s >= lo)
                               and (hi is None or s < hi)][::every]
    raise ShareError(f"steps must be None, an int k (every k-th step), a range or a slice "
                     f"of steps, not {steps!r}.", "steps")


def _side(max_side) -> Optional[int]:
    if max_side is None:
        return None
    if not _int(max_side) or max_side < MIN_SIDE:
        raise ShareError(f"max_side must be an int of at least {MIN_SIDE} pixels, not "
                         f"{max_side!r}.", "max_side")
    return int(max_side)


def _budget(max_mb) -> Optional[float]:
    if max_mb is None:
        return None
    number = isinstance(max_mb, numbers.Real) and not isinstance(max_mb, bool)
    if not number or not math.isfinite(max_mb) or max_mb <= 0:
        raise ShareError(f"max_mb must be a positive number of megabytes, not {max_mb!r}.",
                         "max_mb")
    return float(max_mb)


def _span(steps: list) -> str:
    return f"{steps[0]} to {steps[-1]}, {len(steps)} steps" if steps else "none"


def _size(n: int) -> str:
    return f"{n / MB:.2f} MB" if n >= MB / 10 else f"{n / 1024:.1f} KB"


def _text(what) -> str:
    try:
        return os.fspath(what)
    except TypeError:
        return str(what)
