"""``show()``: one view of a source (a run folder, a URL, a running run, an experiment),
following it while it is written."""

import logging
import os
import threading

from ._axis import axis_options, check_axis, logged_metrics
from .error import NoImagesError
from .sources import failure_text, open_source

logger = logging.getLogger("dvclive_nb")


def show(source="dvclive", *, follow: bool = True, previews: bool = True,
         display: bool = True, browser_cache_mb: int = 256, storage_options=None,
         overlay=None, overlay_labels=None, share_steps=None, axis: str = "step",
         stride: int = 1, caption=None):
    """Show every image series of a DVCLive run on one slider, following it while it runs.

    ``source`` is any of:

    - a run folder (``Live(dir=...)``, ``"dvclive"`` by default) or its ``plots/images``;
    - an fsspec URL of a run folder elsewhere (``s3://bucket/runs/a/dvclive``), with
      ``storage_options`` passed to fsspec;
    - ``"workspace"``: this repo's own dvclive folder;
    - the name of a DVC experiment, running or finished (``dvclive_nb.running()`` lists
      the running ones), or any git revision.

    Frames are read only when the page asks for them. With ``follow`` (the default), a
    watcher thread adds new frames as they are written, while the kernel is idle or busy
    with another cell; it stops when the run ends (a running experiment), else when the
    view is closed or the same source is shown again. A finished experiment's (or any
    commit's) metrics are drawn on the strip too. ``display=False`` returns the view,
    holding what the source holds now, instead of showing it.

    Errors: a source that is nothing known raises ``UnknownSourceError``; one with no
    images (and nothing more to come) ``NoImagesError``; a commit that holds no images
    ``MissingImagesError``. A source whose listing is slow (a remote URL, an experiment
    whose images are in DVC's cache rather than git) is shown at once with a "reading …"
    caption and read on a background thread: what goes wrong there (its cache lacks the
    images, it holds none) is said in that caption, not raised (with ``display=False``
    it is raised).
    Boxes logged beside the frames (``log_bounding_boxes``) are drawn over them;
    ``overlay={"mask": "input"}`` draws series ``mask`` over series ``input``, and
    ``overlay_labels={1: "cat"}`` names a label mask's classes. ``share_steps=N``: the
    saved notebook's fallback holds N evenly spaced steps to scrub (as ``Live``'s).
    ``axis="epoch"``: the slider moves over the values of a metric the run logs per step
    (several steps with one value: the last of them; steps without one: skipped), which
    the view's menu also picks; a metric the run does not log raises ``AxisError``, once
    it logs some. ``stride=k`` shows every k-th frame; ``caption=["val_loss"]`` names
    those metrics' values under each frame.

    Examples::

        import dvclive_nb
        dvclive_nb.show()                        # ./dvclive, followed while it is written
        dvclive_nb.show("runs/exp-3")            # another run folder
        dvclive_nb.show("s3://bucket/runs/a")    # pip install "dvclive-nb[s3]"
        dvclive_nb.show("bumpy-lamb")            # an experiment, running or finished
    """
    from ._notebook import ipython_shell
    from ._present import Presenter
    from ._share_fallback import share_steps as checked
    from .widget import ImageView

    share_steps = checked(share_steps)
    options = axis_options(axis, stride, caption)
    src = open_source(source, storage_options)
    keep = None if previews else _series_only
    background = display and not src.quick
    frames = None if background else _frames(src, source, follow, keep)
    images_dir = src.local_images_dir()
    metrics_dir = os.path.join(os.path.dirname(images_dir), "metrics") if images_dir else None
    try:
        check_axis(options["axis"], logged_metrics([src]), source)
    except Exception:
        src.close()
        raise
    presenter = Presenter(
        ipython_shell() if display else None, key=src.key or src.label,
        metrics_dir=metrics_dir)
    view = ImageView(load=src.read, cap_mb=browser_cache_mb,
                     prefill=lambda: src.cheap_reads, load_boxes=src.read_boxes,
                     overlay=overlay, overlay_labels=overlay_labels, share_steps=share_steps,
                     **options)
    presenter.adopt(view, owns=True)
    if frames is None:
        view.status = f"reading {src.label} …"
        view.on_close(src.close)
        threading.Thread(target=_fill_later, args=(src, source, view, presenter, follow, keep),
                         daemon=True, name=f"dvclive-nb reading: {src.label}").start()
    else:
        view.add(frames)
        _start(src, view, presenter, follow, keep)
    if display:
        presenter.show(view)
        return None
    return view


def _frames(src, source, follow: bool, keep) -> list:
    """What ``src`` holds now; ``NoImagesError`` when that is nothing and nothing comes."""
    frames = [f for f in src.scan() if keep is None or keep(f)]
    if not frames and (src.finished or not follow):
        raise NoImagesError(source)
    return frames


def _start(src, view, presenter, follow: bool, keep) -> None:
    """After the first listing: follow the source, or say what it is."""
    files = src.metrics_files()
    if files:
        presenter.add_metrics(files)
    if follow and not src.finished:
        presenter.follow(src, view, view, keep=keep)
    else:
        view.status = src.status
        view.on_close(src.close)


def _fill_later(src, source, view, presenter, follow: bool, keep) -> None:
    """A slow source's first listing, on a thread of its own: the view is shown already
    and fills in here; an error goes to its caption."""
    try:
        frames = _frames(src, source, follow, keep)
    except Exception as exc:  # noqa: BLE001 - the caller has returned: say it in the view
        logger.debug("dvclive-nb: could not read %s", src.label, exc_info=True)
        view.status = failure_text(src.label, exc)
        return
    if presenter.closed:  # shown again, or closed, meanwhile
        return
    try:
        view.push(frames)
        presenter.changed(view)
        _start(src, view, presenter, follow, keep)
    except Exception:  # noqa: BLE001 - closed meanwhile: its comm is gone
        logger.debug("dvclive-nb: the view of %s closed while read", src.label, exc_info=True)


def _series_only(frame) -> bool:
    return frame.kind == "series"
