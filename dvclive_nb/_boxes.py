"""``Live.log_bounding_boxes``: boxes beside an image, in DVC's drafted sidecar file."""

from collections import ChainMap
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Dict, Optional

from dvclive.plots import Image

from . import boxes as boxes_mod
from ._encode import Prepared
from ._names import normalize
from .error import DataAlreadyLoggedError, ImageNameError

if TYPE_CHECKING:
    from ._async import Writer


def sidecar_name(name: str) -> str:
    """``pred/3.png`` -> ``pred/3.json``: the image's path with ``.json``."""
    return PurePosixPath(name).with_suffix(".json").as_posix()


class BoundingBoxes:
    """Mixin for ``dvclive_nb.Live`` (before ``AsyncImages`` in the bases)."""

    _boxes_steps: Optional[Dict[str, int]] = None  # sidecar name -> step last logged

    def log_bounding_boxes(self, name: str, boxes, labels, scores=None,
                           format: str = "tlbr",  # noqa: A002 - the name the issue asks for
                           *, normalized: bool = False, image_size=None) -> None:
        """Save boxes for the image ``name`` to ``{Live.plots_dir}/images/<name>.json``.

        ``name`` is the image the boxes belong to, as given to ``log_image``
        (``f"pred/{live.step}.png"``); the file goes beside it with ``.json``
        (``pred/3.json``), in the format of dvclive PR#776 / dvc PR#10312::

            {"annotations": {"cat": [{"box": {"top": 1, "left": 10, "bottom": 30,
                                               "right": 40}, "score": 0.8}]}}

        Args:
            name: the image's name; ``log_image``'s rules apply (relative, safe, an
                image suffix). The image itself need not be logged, before or after.
            boxes: N boxes of 4 numbers each: a list of lists, or an (N, 4) array.
            labels: N str, one per box (class names, not ids).
            scores: N numbers within 0-1, or None (written as 1.0: DVC's reader
                requires a score).
            format: how the 4 numbers read: ``"tlbr"`` (top, left, bottom, right),
                ``"xyxy"`` (left, top, right, bottom), ``"xywh"`` (left, top, width,
                height) or ``"cxcywh"`` (centre x, centre y, width, height).
            normalized: False (default): the numbers are pixels. True: they are
                fractions (0-1) of the image's size, which ``image_size`` then gives.
                Chosen explicitly, never guessed from the values.
            image_size: ``(width, height)`` in pixels, with ``normalized=True`` only.

        Edges are written as whole pixels (rounded half up), as DVC's reader requires.
        The file is written atomically; with ``async_images=True`` it is queued behind
        the images logged before it, as they are.

        Raises (nothing is written):
            InvalidImageNameError: ``log_image`` would refuse ``name``, or the file
                clashes with a file or folder in the images folder.
            DataAlreadyLoggedError: boxes for ``name`` (or any image of the same
                name but another suffix: they share the file) in this step already.
            BoxFormatError: unknown ``format``; ``image_size`` missing or given
                without ``normalized=True``.
            BoxesLengthError: ``boxes``, ``labels`` and ``scores`` differ in length.
            BoxCoordinateError: a box is not 4 finite numbers (0-1 if normalised).
            BoxEdgeError: a box's right edge is left of its left edge, or its bottom
                above its top.
            BoxLabelError: a label is not a str.
            BoxScoreError: a score is not a number within 0-1.
            ImageWriteError: ``async_images=True``: a file queued earlier failed.
        """
        writer: Writer = self._writer()  # type: ignore[attr-defined]
        writer.raise_error()
        name = normalize(name)
        sidecar = sidecar_name(name)
        steps = self._boxes_steps
        if steps is None:
            steps = self._boxes_steps = {}
        step = self.step  # type: ignore[attr-defined]
        if steps.get(sidecar) == step:  # as log_image: once per step
            raise DataAlreadyLoggedError(sidecar, step)
        data = boxes_mod.sidecar_bytes(boxes_mod.annotations(
            name, boxes, labels, scores, format, normalized, image_size))
        # dvclive's Image only to place the file: its output_path makes the folder.
        place = Image(sidecar, self.plots_dir)  # type: ignore[attr-defined]
        logged = ChainMap(self._images, steps)  # type: ignore[attr-defined]
        try:
            writer.write(sidecar, place, step, Prepared.ready(data), logged)  # the view draws them
        except (FileExistsError, NotADirectoryError, IsADirectoryError) as exc:
            raise ImageNameError(
                name, f"its boxes' file {sidecar!r} clashes with a file or folder already "
                      f"in the images folder ({exc})") from exc
        steps[sidecar] = step
