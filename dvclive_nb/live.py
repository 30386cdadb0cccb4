"""``dvclive_nb.Live``: dvclive's ``Live`` with a spec-exact, safe ``log_image``."""

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Union

import dvclive
from dvclive.plots import Image

from . import _current, _sanity
from ._async import AsyncImages
from ._boxes import BoundingBoxes
from ._encode import image_name, prepare
from ._ignored import IgnoredImages
from ._names import normalize
from ._notebook import ipython_shell, widget_shell
from ._overlay import overlay_options
from ._skip_writes import SkipUnchangedWrites
from .error import DataAlreadyLoggedError, ImageNameError

if TYPE_CHECKING:
    import matplotlib as mpl
    import numpy as np
    import PIL.Image
    from dvclive.utils import StrPath

logger = logging.getLogger("dvclive_nb")


class Live(IgnoredImages, BoundingBoxes, AsyncImages, SkipUnchangedWrites, dvclive.Live):
    """A drop-in ``dvclive.Live``; see ``log_image`` for what differs.

    ``next_step()`` skips the writes whose bytes would not change (see ``_skip_writes``).

    In a Jupyter kernel, every image series ``<folder>/<step>.png`` gets an inline
    slider under the cell that logs its first frame. Extra keyword arguments:

    - ``slider`` (bool, default True): show image views in notebooks at all.
    - ``previews`` (bool, default True): also show images that are not series
      (``numpy.png``, overwritten each step) as small previews that update.
    - ``browser_cache_mb`` (int, default 256): frame bytes each view keeps in the
      browser; older frames past it are dropped there and fetched again on demand.
    - ``overlay`` (dict): series drawn over others, ``{"mask": "input"}``; and
      ``overlay_labels`` (dict): class names of a label mask, ``{1: "cat"}``.
    - ``share_steps`` (int, default None): the saved notebook's fallback also holds that
      many evenly spaced steps, downscaled, to scrub in an HTML export (``nbconvert``).

    Outside a notebook these do nothing and nothing extra is imported. In any mode:

    - ``async_images`` (bool, default False): encode and write images on worker
      threads; ``log_image`` still raises every error about its input (see ``_async``).
      ``wait_for_images()`` waits for them; ``end()`` and whatever reads the images
      (reports, DVC, Studio) wait too.
    - ``async_workers`` (int, default 2): worker threads.
    - ``async_queue_mb`` (float, default 256): bytes queued at most; past it,
      ``log_image`` waits for room.
    """

    def __init__(self, *args, slider: bool = True, previews: bool = True,
                 browser_cache_mb: int = 256, overlay=None, overlay_labels=None,
                 share_steps=None, **kwargs):
        overlay_opts = overlay_options(overlay, overlay_labels)  # bad values fail in scripts too
        if share_steps is not None:  # checked in scripts too; imported only when asked for
            from ._share_fallback import share_steps as checked
            share_steps = checked(share_steps)
        self._ended = False
        self._views = None
        super().__init__(*args, **kwargs)
        _current.register(self)
        shell = ipython_shell()
        if shell is not None:
            # Make %dvclive_image available without %load_ext; never fail a Live for it.
            try:
                shell.extension_manager.load_extension("dvclive_nb")
            except Exception:  # noqa: BLE001
                logger.debug("dvclive-nb: could not register %%dvclive_image", exc_info=True)
        if slider:
            shell = widget_shell()
            if shell is not None:
                self._views = _make_views(self, shell, previews, browser_cache_mb, overlay_opts,
                                          share_steps)

    def cache(self, path):
        # Upstream calls `self._dvc_repo.add` with no repo when there is no git repo
        # (dvclive 3.49: AttributeError from end() with cache_images=True). Warn and
        # skip, as upstream's own log_artifact does in that case.
        if self._dvc_repo is None:
            logger.warning(
                "cache_images=True needs a DVC repo (`git init && dvc init`); "
                "not caching '%s'.", path)
            return None
        return super().cache(path)

    def next_step(self):
        super().next_step()
        if self._views is not None:  # the metrics strip: the step's metrics, now
            self._views.metrics(0.1)

    def end(self):
        super().end()
        if not self._inside_with:  # upstream's end() is a no-op inside `with`
            self._ended = True
            if self._views is not None:
                self._views.finish()

    def log_image(
        self,
        name: str,
        val: "Union[np.ndarray, mpl.figure.Figure, PIL.Image.Image, StrPath]",
    ):
        """Save the image ``val`` to ``{Live.plots_dir}/images/{name}``.

        Accepts what ``dvclive.Live.log_image`` accepts: a numpy array, a matplotlib
        figure (closed once saved), a PIL image, or a path to an image file. Unlike
        upstream, the name is checked before anything is written, the file is written
        atomically, and logging the same name twice within one step is an error.

        Raises:
            InvalidDataTypeError: ``val`` has an unsupported type, or (subclasses)
                holds data Pillow cannot save in the name's format, or is a path that
                is not a readable image.
            InvalidImageNameError: ``name`` is empty, unsafe (leaves the images folder)
                or has an unsupported suffix.
            DataAlreadyLoggedError: ``name`` was already logged in this step (but a
                frame logged in Lightning's sanity check is replaced; see ``_sanity``).
            ImageWriteError: ``async_images=True``: an image queued earlier could not
                be written.
        """
        writer = self._writer()  # writes now, or queues for workers (async_images)
        writer.raise_error()  # a queued image that failed, before anything new
        name = normalize(image_name(name, val))
        image = self._images.get(name)
        if image is not None and image.step == self.step and not _sanity.provisional(image):
            raise DataAlreadyLoggedError(name, self.step)
        prepared = prepare(name, val, defer=writer.defer)  # every error about val
        if image is None:
            image = Image(name, self.plots_dir)
        try:
            writer.write(name, image, self.step, prepared, self._images)
        except (FileExistsError, NotADirectoryError, IsADirectoryError) as exc:
            raise ImageNameError(
                name, f"it clashes with a file or folder already in the images folder ({exc})"
            ) from exc
        self._images[name] = image
        image.step = self.step
        _sanity.mark(image)  # Lightning's sanity-check frames are replaceable (_sanity)
        logger.debug("Logged %s at step %s", name, self.step)


def _make_views(live, shell, previews, cap_mb, overlay_opts=(None, None), share_steps=None):
    """The views for ``live``, or None when widgets cannot be built here."""
    try:
        from ._route import LiveViews
    except ImportError as exc:  # ipywidgets / anywidget missing: behave like dvclive
        logger.info("dvclive-nb: no image slider (%s); pip install anywidget", exc)
        return None
    # Absolute: frames are re-read on request, perhaps after the user's os.chdir().
    images_dir = os.path.abspath(Path(live.plots_dir) / Image.subfolder)
    try:
        return LiveViews(images_dir, shell, previews=previews, cap_mb=cap_mb,
                         resume=live._resume, overlay=overlay_opts[0],
                         overlay_labels=overlay_opts[1], share_steps=share_steps)
    except Exception:  # noqa: BLE001 - a Live must work even where views cannot
        logger.warning("dvclive-nb: no image slider in this kernel", exc_info=True)
        return None
