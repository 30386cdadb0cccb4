"""``show()``: one view of a source (a run folder, a URL, a running run, an experiment),
following it while it is written."""

import os

from .error import NoImagesError
from .sources import open_source


def show(source="dvclive", *, follow: bool = True, previews: bool = True,
         display: bool = True, browser_cache_mb: int = 256, storage_options=None,
         overlay=None, overlay_labels=None):
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
    view is closed or the same source is shown again. ``display=False`` returns the view
    instead of showing it. Boxes logged beside the frames (``log_bounding_boxes``) are
    drawn over them; ``overlay={"mask": "input"}`` draws series ``mask`` over series
    ``input``, and ``overlay_labels={1: "cat"}`` names a label mask's classes.

    Examples::

        import dvclive_nb
        dvclive_nb.show()                        # ./dvclive, followed while it is written
        dvclive_nb.show("runs/exp-3")            # another run folder
        dvclive_nb.show("s3://bucket/runs/a")    # pip install "dvclive-nb[s3]"
        dvclive_nb.show("bumpy-lamb")            # an experiment, running or finished
    """
    from ._notebook import ipython_shell
    from ._present import Presenter
    from .widget import ImageView

    src = open_source(source, storage_options)
    frames = [f for f in src.scan() if previews or f.kind == "series"]
    if not frames and (src.finished or not follow):
        raise NoImagesError(source)
    images_dir = src.local_images_dir()
    presenter = Presenter(
        ipython_shell() if display else None, key=src.key or src.label,
        metrics_dir=os.path.join(os.path.dirname(images_dir), "metrics") if images_dir else None)
    view = ImageView(load=src.read, cap_mb=browser_cache_mb,
                     prefill=lambda: src.cheap_reads, load_boxes=src.read_boxes,
                     overlay=overlay, overlay_labels=overlay_labels)
    presenter.adopt(view, owns=True)
    view.add(frames)
    if follow and not src.finished:
        presenter.follow(src, view, view, keep=None if previews else _series_only)
    else:
        view.status = src.status
        view.on_close(src.close)
    if display:
        presenter.show(view)
        return None
    return view


def _series_only(frame) -> bool:
    return frame.kind == "series"
