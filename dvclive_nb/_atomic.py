"""Writing a file the user named: the name checked first, then an atomic write (a reader
sees the old file or the new one, never half of one)."""

import os
import secrets
from typing import Callable


def output_path(path, error: Callable[..., Exception], cannot: str,
                check_suffix: Callable[[str], None]) -> str:
    """``path`` (str, bytes or os.PathLike) as a str a file can be written at: not a
    folder, in a folder that exists. ``check_suffix(out)`` raises for a name the caller
    does not write. Else raises ``error(message, "path")``, the message starting with
    ``cannot`` ("Cannot export to"). Checked before anything is read, so nothing is."""
    try:
        out = os.fspath(path)
    except TypeError:
        raise error(f"path must be a file name (str or os.PathLike), not "
                    f"{type(path).__name__}.", "path") from None
    if isinstance(out, bytes):
        out = os.fsdecode(out)
    check_suffix(out)
    if os.path.isdir(out):
        raise error(f"{cannot} '{out}': it is a folder.", "path")
    folder = os.path.dirname(out) or "."
    if not os.path.isdir(folder):
        raise error(f"{cannot} '{out}': folder '{folder}' does not exist. Create it first.",
                    "path")
    return out


def write_bytes(path: str, data: bytes) -> None:
    """Write ``data`` to a hidden temporary file beside ``path``, then rename it over.

    ``os.replace`` is atomic on POSIX and Windows when both names share a folder. The
    temporary file is created with mode 0o666 so the umask applies, as for a plain
    ``open()``: the result has the permissions upstream dvclive's files have. No fsync:
    this guards against a killed process, not against power loss.
    """
    folder, base = os.path.split(path)
    tmp = os.path.join(folder, f".{base}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as fobj:
            fobj.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
