"""Image names: checked and normalised before anything touches the disk (pure)."""

import os
from pathlib import PurePosixPath

from dvclive.plots import Image

from .error import ImageNameError

SUFFIXES = Image.suffixes


def normalize(name) -> str:
    """Return the final, relative posix name, or raise ``ImageNameError``.

    Upstream dvclive joins the name to the images folder as it is, so ``../x.png`` or
    an absolute path writes outside the run folder; we refuse those.
    """
    if isinstance(name, os.PathLike):
        name = os.fspath(name)
    if not isinstance(name, str):
        raise ImageNameError(name, f"a name must be a str, not {type(name).__name__}")
    if not name:
        raise ImageNameError(name, "the name is empty")
    if "\0" in name:
        raise ImageNameError(name, "the name contains a NUL character")
    if name.endswith(("/", os.sep)):
        raise ImageNameError(name, "the name ends with '/'; give a file name")
    path = PurePosixPath(name.replace(os.sep, "/"))
    if path.is_absolute():
        raise ImageNameError(
            name, "absolute paths are refused; give a path relative to the images folder"
        )
    if ".." in path.parts:
        raise ImageNameError(name, "'..' would leave the images folder")
    if path.suffix not in SUFFIXES:
        raise ImageNameError(
            name, f"the suffix must be one of {', '.join(SUFFIXES)}"
        )
    return path.as_posix()
