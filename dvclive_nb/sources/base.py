"""What every source of frames gives the view: ``Frame``s, and bytes on request."""

import posixpath
from typing import NamedTuple, Optional

from .. import series as series_mod
from .._params_metrics import metrics_from, params_from

# The last bytes of a complete file, by format: a writer that is not atomic (upstream
# dvclive saves with Pillow in place) leaves a file that is still growing.
_TRAILERS = {"image/png": b"IEND\xaeB`\x82", "image/jpeg": b"\xff\xd9", "image/gif": b";"}


class Frame(NamedTuple):
    panel: str  # a series' folder name, or a single image's name
    kind: str  # "series" | "single"
    step: int
    mime: str
    data: Optional[bytes]  # None: listed only, read when the page asks for it


class SourceUnavailable(Exception):
    """A poll that could not read the source now; the watcher retries with backoff."""


def failure_text(label: str, exc: Exception) -> str:
    """A caption for a source that could not be read: our errors say it all already."""
    from ..error import DvcLiveError

    if isinstance(exc, DvcLiveError):
        return str(exc)
    return f"could not read {label}: {type(exc).__name__}: {exc}"


def complete(mime: str, data: bytes) -> bool:
    """Whether ``data`` is a whole image file, not one still being written."""
    trailer = _TRAILERS.get(mime)
    return bool(data) and (trailer is None or data.rstrip(b"\0")[-len(trailer):] == trailer)


def sidecar_of(image_name: str) -> str:
    """``pred/3.png`` -> ``pred/3.json``: where an image's boxes are."""
    return image_name[:image_name.rfind(".")] + ".json"


def classify(name: str):
    """``"pred/3.png"`` -> ("pred", "series", 3); ``"x.png"`` -> ("x.png", "single", None);
    a file that is no image -> None."""
    suffix = name[name.rfind("."):] if "." in name.rpartition("/")[2] else ""
    if suffix not in series_mod.MIME:
        return None
    parsed = series_mod.parse(name)
    if parsed is None:
        return name, "single", None
    return parsed[0], "series", parsed[1]


class Source:
    """Where frames come from. Subclasses fill in ``scan``, ``poll`` and ``read``.

    ``scan()`` lists what is there now: the newest frame of each panel with its bytes,
    the rest listed only. ``poll()`` returns what appeared since, bytes included, or
    raises ``SourceUnavailable``. ``finished`` turns true once nothing more can come;
    ``status`` is a short text for the view's caption. ``quick``: ``scan()`` answers in
    milliseconds (local files, git's own tree); a slow one (a remote, DVC's cache) is
    scanned on a background thread while its view is already shown.
    """

    label = ""
    key = ""  # the same key means the same source: show() replaces its earlier view
    finished = False
    status = ""
    cheap_reads = True  # local files: worth sending ahead to the page
    quick = True  # scan() takes milliseconds
    restarted = False  # set by a poll that found the source begun anew
    interval = 0.25  # seconds between polls while frames keep coming
    max_interval = 1.0  # ... growing to this while nothing changes

    def scan(self) -> list:
        raise NotImplementedError

    def poll(self) -> list:
        return []

    def read(self, panel: str, step: int) -> Optional[bytes]:
        raise NotImplementedError

    def read_boxes(self, panel: str, step: int) -> Optional[dict]:
        """The boxes logged beside frame ``step`` of ``panel`` (``pred/3.json`` beside
        ``pred/3.png``, see ``boxes``), or None: no such file, or not readable now."""
        try:
            data = self.read_sidecar(panel, step)
        except Exception:  # noqa: BLE001 - boxes are extra: a frame never fails for them
            return None
        from ..boxes import parse_sidecar

        return None if data is None else parse_sidecar(data)

    def read_sidecar(self, panel: str, step: int) -> Optional[bytes]:
        """The bytes of the frame's ``.json`` sidecar; sources that can have one say how."""
        return None

    def summary(self) -> tuple:
        """``(params, metrics)`` of the run, flattened (``{"train.lr": 0.1}``)."""
        return {}, {}

    def local_images_dir(self) -> Optional[str]:
        """The run's ``plots/images`` on this machine's disk, when it is there."""
        return None

    def metric_rows(self) -> dict:
        """``{metric: (steps, values)}`` of the run's ``plots/metrics/**/*.tsv`` so far
        (``array("d")`` each: a board heads its columns with their values at the
        slider's step). Empty when the source cannot say."""
        return {}

    def left_out(self) -> Optional[str]:
        """Why images logged to this run are not in it, when that can be told (a git
        ignore rule over a commit's images folder: ``_ignored``); else None."""
        return None

    def metrics_files(self) -> Optional[dict]:
        """``{metric name: tsv bytes}`` of a run that is not on this machine's disk and
        will log no more (a commit), for the strip; None when there is no such thing."""
        return None

    def close(self) -> None:
        pass


def run_summary(read_text, dvclive_dir: str, root: Optional[str] = "") -> tuple:
    """``(params, metrics)`` from a run's files: the pipeline's ``params.yaml`` at
    ``root`` (``dvc exp run -S``), dvclive's own ``params.yaml`` and ``metrics.json``.
    ``read_text(path)`` gives a file's text, or None."""
    params: dict = {}
    for path in (_join(root, "params.yaml") if root is not None else None,
                 _join(dvclive_dir, "params.yaml")):
        params.update(params_from(read_text(path) if path else None))
    return params, metrics_from(read_text(_join(dvclive_dir, "metrics.json")))


def fs_metric_rows(fs, metrics_dir: str) -> dict:
    """``Source.metric_rows`` of a run's ``metrics_dir`` over an fsspec filesystem."""
    from ..metrics import tsv_rows

    try:
        paths = [p for p in fs.find(metrics_dir, detail=False) if p.endswith(".tsv")]
    except Exception:  # noqa: BLE001 - no metrics in that commit or on that remote
        return {}
    rows = {}
    for path in sorted(paths):
        name = posixpath.relpath(path.lstrip("/"), metrics_dir.lstrip("/"))[: -len(".tsv")]
        try:
            rows[name] = tsv_rows(fs.cat_file(path))
        except Exception:  # noqa: BLE001 - headers are extra: skip a file we cannot read
            continue
    return rows


def fs_text(fs):
    """``read_text`` for ``run_summary`` over an fsspec filesystem: a file's text, or
    None when it is not there (or not readable)."""
    def read_text(path):
        try:
            return fs.cat_file(path).decode("utf-8", "replace")
        except Exception:  # noqa: BLE001 - not in that commit, or not on that remote
            return None

    return read_text


def local_text(path: str) -> Optional[str]:
    """``read_text`` for ``run_summary`` on this machine's disk."""
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return None


def _join(folder: str, name: str) -> str:
    return f"{folder.rstrip('/')}/{name}" if folder else name


def listing_frames(names, read, single_step=0, kinds=None) -> list:
    """``Frame``s for relative image names: each series' newest frame and every single
    image read with ``read(name)``, the other frames listed only. Sorted by panel name.
    A frame whose ``read`` gives None (still being written) is left out: the caller
    delivers it later. ``kinds``: ``classify`` of each name, if the caller has it.
    """
    series: dict = {}
    singles: list = []
    for name in names:
        kind = kinds[name] if kinds is not None else classify(name)
        if kind is None:
            continue
        panel, kind, step = kind
        if kind == "series":
            series.setdefault(panel, {})[step] = name
        else:
            singles.append(name)
    frames = []
    for panel in sorted(series):
        steps = sorted(series[panel])
        for step in steps[:-1]:
            frames.append(Frame(panel, "series", step, series_mod.mime(series[panel][step]), None))
        last = series[panel][steps[-1]]
        data = read(last)
        if data is not None:
            frames.append(Frame(panel, "series", steps[-1], series_mod.mime(last), data))
    for name in sorted(singles):
        data = read(name)
        if data is not None:
            frames.append(Frame(name, "single", single_step, series_mod.mime(name), data))
    return frames
