"""Turn a value ``log_image`` accepts into the bytes of an image file: prepare, encode.

``prepare(name, val)`` does, in the caller, everything that depends on ``val``: it
raises every error about the value and keeps what ``encode()`` needs, so that nothing
after it touches ``val``. ``Prepared.encode()`` returns the file's bytes.

- Synchronous mode is ``prepare(name, val).encode()``. Checking the data *is* encoding
  it, so ``prepare`` encodes at once and ``encode()`` hands the bytes back: a value
  Pillow cannot save fails before anything is written, at no extra cost.
- ``defer=True`` (``async_images``, see ``_async``): arrays and PIL images are copied
  (the caller may reuse its buffer) and checked by saving a 1x1 crop in the target
  format; ``encode()`` then runs on a worker thread. Where the crop cannot tell, they
  are encoded in full now, so the error is the synchronous one, word for word. Paths are
  read now (the file may change) and figures rendered now (matplotlib is not
  thread-safe) in both modes.

The Pillow and matplotlib calls mirror upstream ``dvclive.plots.Image.dump``, so the
bytes are the ones dvclive would write; only the destination (a buffer) differs.
"""

import io
import os
from pathlib import PurePath, PurePosixPath
from typing import Callable

from dvclive.plots import Image as DvcImage
from dvclive.utils import isinstance_without_import

from ._names import SUFFIXES
from .error import InvalidDataTypeError, InvalidImageDataError, InvalidImageFileError

# Pillow raises any of these for data it cannot represent or write in a format.
_PIL_ERRORS = (TypeError, ValueError, OSError, SystemError, KeyError)

# JPEG refuses sides over 65,500 px, which a 1x1 crop cannot reveal: past this, the
# caller encodes in full (at that size the copy costs more than the encoding anyway).
_HUGE_SIDE = 60_000


class Prepared:
    """An image, checked, waiting to become file bytes; ``nbytes`` is what it holds."""

    __slots__ = ("_encode", "nbytes")

    def __init__(self, nbytes: int, encode: Callable[[], bytes]):
        self.nbytes = nbytes
        self._encode = encode

    def encode(self) -> bytes:
        """The image file's bytes (encoded now, if that was deferred)."""
        return self._encode()

    @classmethod
    def ready(cls, data: bytes) -> "Prepared":
        """Bytes made already."""
        return cls(len(data), lambda: data)


_encoded = Prepared.ready


def image_name(name, val):
    """The name ``val`` is logged as (not yet normalised), or ``InvalidDataTypeError``.

    As upstream: a path's suffix is given to a name that has none.
    """
    if not DvcImage.could_log(val):  # upstream's test of the type
        raise InvalidDataTypeError(name, type(val))
    if isinstance(val, (str, PurePath)) and isinstance(name, str):
        suffix = PurePosixPath(os.fspath(val)).suffix
        if not PurePosixPath(name).suffix and suffix in SUFFIXES:
            return f"{name}{suffix}"
    return name


def prepare(name: str, val, *, defer: bool = False) -> Prepared:
    """Check ``val`` as ``name``'s format and keep what ``encode()`` needs.

    Raises every error about ``val`` (``InvalidImageDataError``,
    ``InvalidImageFileError``). ``defer=True``: copy rather than encode where the
    encoding can wait (see the module's docstring).
    """
    if isinstance(val, (str, PurePath)):
        return _encoded(encode_path(name, val))  # read now: the file may change
    if isinstance_without_import(val, "matplotlib.figure", "Figure"):
        return _encoded(encode_figure(name, val))  # not thread-safe; closes it
    if isinstance_without_import(val, "numpy", "ndarray"):
        return prepare_array(name, val, defer)
    return prepare_pil(name, val, defer)


def pil_format(name: str) -> str:
    from PIL import Image

    Image.init()
    return Image.registered_extensions()[PurePosixPath(name).suffix.lower()]


def _fits(name: str, make_crop) -> bool:
    """Does Pillow save this crop in ``name``'s format? (mode, dtype, channels)"""
    try:
        make_crop().save(io.BytesIO(), format=pil_format(name))
    except _PIL_ERRORS:
        return False
    return True


# --- numpy arrays

def prepare_array(name: str, val, defer: bool) -> Prepared:
    if not defer:
        return _encoded(encode_array(name, val))
    from PIL import Image

    arr = val.copy(order="C")  # the caller may reuse its buffer
    if (arr.ndim not in (2, 3) or max(arr.shape[:2]) > _HUGE_SIDE
            or not _fits(name, lambda: Image.fromarray(arr[:1, :1]))):
        # Encoding in full raises the synchronous path's very error (or, should the
        # crop have been stricter than the whole, succeeds and is written as is).
        return _encoded(encode_array(name, arr))
    return Prepared(arr.nbytes, lambda: encode_array(name, arr))


def encode_array(name: str, val) -> bytes:
    from PIL import Image

    fmt = pil_format(name)
    buf = io.BytesIO()
    try:
        Image.fromarray(val).save(buf, format=fmt)
    except _PIL_ERRORS as exc:
        raise InvalidImageDataError(
            name,
            val,
            f"an array of dtype {val.dtype} and shape {val.shape} as {name!r} "
            f"({fmt}): {exc}. Give an array of shape (H, W), (H, W, 3) or "
            "(H, W, 4) with H, W > 0 and dtype uint8, e.g. `(a * 255).astype(np.uint8)` "
            "for floats in [0, 1].",
        ) from exc
    return buf.getvalue()


# --- PIL images (and anything else, which Pillow's save() then refuses)

def prepare_pil(name: str, img, defer: bool) -> Prepared:
    if not defer:
        return _encoded(encode_pil(name, img))
    try:
        copy = img.copy()  # loads a lazily opened file: may fail as save() would
    except _PIL_ERRORS:
        return _encoded(encode_pil(name, img))
    width, height = copy.size
    if (max(width, height) > _HUGE_SIDE
            or not _fits(name, lambda: copy.crop((0, 0, min(width, 1), min(height, 1))))):
        return _encoded(encode_pil(name, copy))
    # Pillow holds 1 byte per pixel for these modes, 4 (or 2 or 4 per band) otherwise.
    per_pixel = 1 if copy.mode in ("1", "L", "P") else 4
    return Prepared(width * height * per_pixel, lambda: encode_pil(name, copy))


def encode_pil(name: str, img) -> bytes:
    fmt = pil_format(name)
    buf = io.BytesIO()
    try:
        img.save(buf, format=fmt)
    except _PIL_ERRORS as exc:
        raise InvalidImageDataError(
            name,
            img,
            f"a PIL image of mode {img.mode} and size {img.size} as {name!r} "
            f"({fmt}): {exc}. Convert it first, e.g. `img.convert('RGB')`.",
        ) from exc
    return buf.getvalue()


# --- matplotlib figures: rendered in the caller in both modes

def encode_figure(name: str, fig) -> bytes:
    import matplotlib.pyplot as plt

    fmt = PurePosixPath(name).suffix[1:].lower()
    buf = io.BytesIO()
    try:
        fig.savefig(buf, format=fmt)
    except (ValueError, OSError) as exc:
        raise InvalidImageDataError(
            name, fig, f"a matplotlib figure as {name!r}: {exc}. Use a .png name."
        ) from exc
    plt.close(fig)  # as upstream: a logged figure is closed
    return buf.getvalue()


# --- image files given by path: read and re-encoded in the caller in both modes

def encode_path(name: str, path) -> bytes:
    from PIL import Image, UnidentifiedImageError

    fmt = pil_format(name)
    if not os.path.exists(path):
        raise InvalidImageFileError(name, path, "no such file")
    if os.path.isdir(path):
        raise InvalidImageFileError(name, path, "it is a folder, not an image file")
    buf = io.BytesIO()
    try:
        with Image.open(path) as img:
            img.save(buf, format=fmt)
    except UnidentifiedImageError as exc:
        raise InvalidImageFileError(
            name, path, "Pillow cannot read it as an image"
        ) from exc
    except _PIL_ERRORS as exc:
        raise InvalidImageFileError(
            name, path, f"the image cannot be read or re-saved as {fmt} ({exc})"
        ) from exc
    return buf.getvalue()
