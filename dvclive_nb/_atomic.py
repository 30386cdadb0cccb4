"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

import os
import secrets


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
