"""Turn a value ``log_image`` accepts into the bytes of an image file, in memory.

Encoding happens before anything is written, so a value Pillow cannot save leaves the
disk untouched. The calls mirror upstream ``dvclive.plots.Image.dump`` so the bytes are
the ones dvclive would write; only the destination (a buffer) differs.
"""

import io
import os
from pathlib import PurePath, PurePosixPath

from dvclive.utils import isinstance_without_import

from .error import InvalidImageDataError, InvalidImageFileError

# Pillow raises any of these for data it cannot represent or write in a format.
_PIL_ERRORS = (TypeError, ValueError, OSError, SystemError, KeyError)


def pil_format(name: str) -> str:
    from PIL import Image

    Image.init()
    return Image.registered_extensions()[PurePosixPath(name).suffix.lower()]


def encode(name: str, val) -> bytes:
    """Return the image file bytes for ``val`` saved as ``name``'s format."""
    if isinstance(val, (str, PurePath)):
        return _encode_path(name, val)
    if isinstance_without_import(val, "numpy", "ndarray"):
        return _encode_array(name, val)
    if isinstance_without_import(val, "matplotlib.figure", "Figure"):
        return _encode_figure(name, val)
    return _encode_pil(name, val)


def _encode_array(name, val) -> bytes:
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


def _encode_figure(name, fig) -> bytes:
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


def _encode_pil(name, img) -> bytes:
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


def _encode_path(name, path) -> bytes:
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
