"""``show()``: one view of a source (a run folder, a URL, a running run, an experiment),
following it while it is written."""

import os
import weakref

from .error import NoImagesError
from .sources import open_source

# Shown views by source, so that showing the same source again replaces the earlier
# view and stops its watcher.
_SHOWN: "weakref.WeakValueDictionary" = weakref.WeakValueDictionary()


def show(source="dvclive", *, follow: bool = True, previews: bool = True,
         display: bool = True, browser_cache_mb: int = 256, storage_options=None):
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
    instead of showing it.

    Examples::

        import dvclive_nb
        dvclive_nb.show()                        # ./dvclive, followed while it is written
        dvclive_nb.show("runs/exp-3")            # another run folder
        dvclive_nb.show("s3://bucket/runs/a")    # pip install "dvclive-nb[s3]"
        dvclive_nb.show("bumpy-lamb")            # an experiment, running or finished
    """
    from .view import ImageView
    from .watch import Watcher

    src = open_source(source, storage_options)
    frames = [f for f in src.scan() if previews or f.kind == "series"]
    if not frames and (src.finished or not follow):
        raise NoImagesError(source)
    key = src.key or src.label
    previous = _SHOWN.get(key)
    if previous is not None:
        previous.close()
    view = ImageView(load=src.read, cap_mb=browser_cache_mb,
                     prefill=lambda: src.cheap_reads)
    _SHOWN[key] = view
    for frame in frames:
        view.add_panel(frame.panel, frame.kind)
        view.add_frame(frame.panel, frame.step, frame.data, frame.mime, send=False)
    fallback = _Fallback(view) if display else None
    metrics = _metrics_for(src, view)
    if follow and not src.finished:
        Watcher(src, view, keep=None if previews else _series_only,
                on_change=fallback.changed if fallback else None, metrics=metrics)
    else:
        view.status = src.status
        view.on_close(src.close)
    if fallback is not None:
        fallback.show()
        return None
    return view


def _metrics_for(src, view):
    """The strip's metrics for a source on this machine's disk: a callable that sends
    the rows written since its last call (True if any), or None."""
    from .metrics import MetricsFeed, MetricsTail

    images_dir = src.local_images_dir()
    if images_dir is None:
        return None
    tail = MetricsTail(os.path.join(os.path.dirname(images_dir), "metrics"))
    feed = MetricsFeed(tail, view)
    tail.poll()

    def poll() -> bool:
        if tail.poll():
            feed.send_new()
            return True
        return False

    return poll


def _series_only(frame) -> bool:
    return frame.kind == "series"


class _Fallback:
    """The view's static fallback, shown below it and refreshed when a cell ends after
    the watcher added frames (display updates go out from the kernel's main thread)."""

    def __init__(self, view):
        self.view = view
        self.handle = None
        self.dirty = False
        self.cells = None

    def show(self) -> None:
        from IPython import get_ipython
        from IPython.display import display

        display(self.view)
        self.handle = display(self.view.static_bundle(), raw=True, display_id=True)
        shell = get_ipython()
        if shell is not None and hasattr(shell, "events"):
            from ._cells import CellWatch

            self.cells = CellWatch(shell, self.refresh)
            self.view.on_close(self.cells.close)

    def changed(self) -> None:
        self.dirty = True

    def refresh(self) -> None:
        if self.dirty and self.handle is not None:
            self.dirty = False
            self.handle.update(self.view.static_bundle(), raw=True)
