"""Rebuild an image view from a run folder on disk: after a kernel restart, for a
finished run, or for someone else's run."""

import os
import weakref

from . import series as series_mod
from .error import NoImagesError

# show() views by images folder, so showing the same run again replaces its widget.
_SHOWN: "weakref.WeakValueDictionary" = weakref.WeakValueDictionary()


def images_dir_of(path) -> str:
    path = os.fspath(path)
    nested = os.path.join(path, "plots", "images")
    return nested if os.path.isdir(nested) else path


def show(path="dvclive", *, previews: bool = True, display: bool = True,
         browser_cache_mb: int = 256):
    """Show every image series of a DVCLive run with one slider, from the files on disk.

    ``path`` is the run folder (``Live(dir=...)``, ``"dvclive"`` by default) or its
    ``plots/images`` folder. Frames are read from disk only when the browser asks for
    them. The view is displayed (with its static fallback) and None is returned, so the
    cell does not show it twice; with ``display=False`` it is returned, not shown.

    Examples::

        import dvclive_nb
        dvclive_nb.show()                 # the run in ./dvclive
        dvclive_nb.show("runs/exp-3")     # another run folder
    """
    from .view import ImageView

    images_dir = os.path.abspath(images_dir_of(path))
    found, singles = series_mod.scan(images_dir) if os.path.isdir(images_dir) else ({}, [])
    if not previews:
        singles = []
    if not found and not singles:
        raise NoImagesError(path)

    def load(name, step):
        with open(series_mod.file_path(images_dir, name, step, found), "rb") as fobj:
            return fobj.read()

    previous = _SHOWN.get(images_dir)
    if previous is not None:
        previous.close()
    view = ImageView(load=load, cap_mb=browser_cache_mb)
    _SHOWN[images_dir] = view
    for name, target in found.items():
        view.add_panel(name, "series")
        for step in target.steps[:-1]:
            view.add_frame(name, step, None, series_mod.mime(target.files[step]), send=False)
        last = target.steps[-1]
        view.add_frame(name, last, load(name, last), series_mod.mime(target.files[last]),
                       send=False)
    for name in singles:
        view.add_panel(name, "single")
        view.add_frame(name, 0, load(name, 0), series_mod.mime(name), send=False)
    if display:
        from IPython.display import display as show_output

        show_output(view)
        show_output(view.static_bundle(), raw=True)
        return None
    return view
