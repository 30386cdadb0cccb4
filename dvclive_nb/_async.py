"""``Live(async_images=True)``: images encoded and written off the caller's thread.

The caller keeps everything that can fail because of what it passed: the type and name
checks, ``DataAlreadyLoggedError``, and every check of the data (``snapshot`` below runs
Pillow on a 1x1 crop in the target format, and falls back to the synchronous encoder,
so the error is the one the synchronous path raises, word for word). It also pays for
what cannot wait: arrays and PIL images are copied (the caller may reuse its buffer),
figures are rendered (matplotlib is not thread-safe) and closed, paths are read and
re-encoded (a missing or truncated file must fail the call).

Workers then encode and write with the same atomic write, so the files are byte for byte
the synchronous ones, and hand each frame to the view in submission order. Writes of one
name always go to the same worker, so an image overwritten each step ends as the last
one logged. The queue is bounded in bytes: past the cap, ``submit`` blocks the caller.

Nothing queued is lost: ``end()`` and everything that reads the images folder (reports,
DVC's cache and experiments, Studio) wait for the queue first; so does the end of every
notebook cell (IPython's ``post_execute``, before the views refresh their fallbacks) and
interpreter exit (``concurrent.futures`` finishes queued work before ``atexit`` hooks
run; ours then reports failures). A write that fails is raised, naming the image, as
``ImageWriteError`` from the next ``log_image``, ``next_step``, ``wait_for_images`` or
``end``.
"""

import atexit
import io
import logging
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import PurePath
from typing import Callable, Optional

from dvclive.utils import isinstance_without_import

from ._atomic import write_bytes
from ._encode import _PIL_ERRORS, _encode_array, _encode_pil, encode, pil_format
from .error import ImageWriteError, InvalidOptionError

logger = logging.getLogger("dvclive_nb")

# JPEG refuses sides over 65,500 px, which a 1x1 crop cannot reveal: past this, the
# caller encodes in full (at that size the copy costs more than the encoding anyway).
_HUGE_SIDE = 60_000


class Pending:
    """What a worker needs to produce an image file's bytes."""

    def __init__(self, nbytes: int, encode_fn: Callable[[], bytes]):
        self.nbytes = nbytes
        self.encode = encode_fn


def _ready(data: bytes) -> Pending:
    return Pending(len(data), lambda: data)


def snapshot(name: str, val) -> Pending:
    """Check ``val`` now, as ``_encode.encode`` would, and take a copy to encode later.

    Raises what ``encode(name, val)`` raises, from the caller's thread.
    """
    if isinstance(val, (str, PurePath)):
        return _ready(encode(name, val))  # read and checked now: the file may change
    if isinstance_without_import(val, "matplotlib.figure", "Figure"):
        return _ready(encode(name, val))  # matplotlib is not thread-safe; closes it
    if isinstance_without_import(val, "numpy", "ndarray"):
        return _snapshot_array(name, val)
    return _snapshot_pil(name, val)


def _fits(name: str, make_crop) -> bool:
    """Does Pillow save this crop in ``name``'s format? (mode, dtype, channels)"""
    try:
        make_crop().save(io.BytesIO(), format=pil_format(name))
    except _PIL_ERRORS:
        return False
    return True


def _snapshot_array(name: str, val) -> Pending:
    from PIL import Image

    arr = val.copy(order="C")  # the caller may reuse its buffer
    if (arr.ndim not in (2, 3) or max(arr.shape[:2]) > _HUGE_SIDE
            or not _fits(name, lambda: Image.fromarray(arr[:1, :1]))):
        # Encoding in full raises the synchronous path's very error (or, should the
        # crop have been stricter than the whole, succeeds and is written as is).
        return _ready(_encode_array(name, arr))
    return Pending(arr.nbytes, lambda: _encode_array(name, arr))


def _snapshot_pil(name: str, img) -> Pending:
    try:
        copy = img.copy()  # loads a lazily opened file: may fail as save() would
    except _PIL_ERRORS:
        return _ready(_encode_pil(name, img))
    width, height = copy.size
    if (max(width, height) > _HUGE_SIDE
            or not _fits(name, lambda: copy.crop((0, 0, min(width, 1), min(height, 1))))):
        return _ready(_encode_pil(name, copy))
    # Pillow holds 1 byte per pixel for these modes, 4 (or 2 or 4 per band) otherwise.
    per_pixel = 1 if copy.mode in ("1", "L", "P") else 4
    return Pending(width * height * per_pixel, lambda: _encode_pil(name, copy))


class _Job:
    __slots__ = ("name", "nbytes", "path", "pending", "seq", "step")

    def __init__(self, seq, name, path, step, pending):
        self.seq, self.name, self.path, self.step = seq, name, path, step
        self.pending = pending
        self.nbytes = pending.nbytes


class ImageWriter:
    """Worker threads that encode and write images, queue bounded in bytes.

    ``workers`` single-thread executors: a name always goes to the same one, so writes
    of one file stay in order. ``on_written(name, step, data)`` sees every written
    frame, in submission order, one at a time.
    """

    def __init__(self, workers: int = 2, cap_bytes: int = 256 << 20,
                 on_written: Optional[Callable[[str, int, bytes], None]] = None,
                 shell=None):
        self.cap_bytes = cap_bytes
        self.queued_bytes = 0
        self.peak_bytes = 0  # the most ever queued (a test and benchmark figure)
        self._on_written = on_written
        self._lanes = [ThreadPoolExecutor(1, thread_name_prefix="dvclive_nb-images")
                       for _ in range(max(1, workers))]
        self._cond = threading.Condition()
        self._deliver_lock = threading.Lock()  # one hand-off to the view at a time
        self._submitted = 0
        self._delivered = 0
        self._done: dict = {}  # seq -> (job, data or None), waiting for earlier seqs
        self._errors: list = []  # (job, exception), oldest first
        self._shell = shell
        if shell is not None:
            # post_execute runs before post_run_cell, where the views refresh their
            # static fallbacks: a cell ends with its images written and shown.
            shell.events.register("post_execute", self.flush)
        atexit.register(self._at_exit)

    def submit(self, name: str, path: str, step: int, pending: Pending) -> None:
        """Queue ``pending`` to be written to ``path``; blocks while the queue is full.

        An image larger than the whole cap is let in alone, once the queue is empty.
        """
        with self._cond:
            while self.queued_bytes and self.queued_bytes + pending.nbytes > self.cap_bytes:
                self._cond.wait()
            job = _Job(self._submitted, name, path, step, pending)
            self._submitted += 1
            self.queued_bytes += job.nbytes
            self.peak_bytes = max(self.peak_bytes, self.queued_bytes)
        lane = self._lanes[zlib.crc32(path.encode()) % len(self._lanes)]
        try:
            lane.submit(self._run, job)
        except RuntimeError:  # shut down (interpreter exit, or closed): write it here
            self._run(job)
        except BaseException:  # KeyboardInterrupt: not queued; don't let flush() hang
            self._finish(job, None)
            raise

    def hold(self, event: threading.Event) -> None:
        """Test hook: keep every worker busy until ``event`` is set, as a slow disk would."""
        for lane in self._lanes:
            lane.submit(event.wait)

    def _run(self, job: _Job) -> None:
        data = None
        try:
            data = job.pending.encode()
            write_bytes(job.path, data)
        except Exception as exc:  # noqa: BLE001 - kept, and raised from the next call
            data = None
            with self._cond:
                self._errors.append((job, exc))
        finally:
            self._finish(job, data)

    def _finish(self, job: _Job, data: Optional[bytes]) -> None:
        with self._cond:
            self.queued_bytes -= job.nbytes
            self._done[job.seq] = (job, data if self._on_written else None)
            self._cond.notify_all()
        self._deliver()

    def _deliver(self) -> None:
        """Hand finished frames to ``on_written`` in submission order."""
        with self._deliver_lock:
            while True:
                with self._cond:
                    item = self._done.pop(self._delivered, None)
                if item is None:
                    return
                job, data = item
                if data is not None and self._on_written is not None:
                    try:
                        self._on_written(job.name, job.step, data)
                    except Exception:  # noqa: BLE001 - the image is written; the view is extra
                        logger.warning("dvclive-nb: could not show %s in the slider",
                                       job.name, exc_info=True)
                with self._cond:
                    self._delivered += 1
                    self._cond.notify_all()

    def flush(self, *_args) -> None:
        """Wait until every queued image is written (or failed) and handed on."""
        with self._cond:
            self._cond.wait_for(lambda: self._delivered == self._submitted)

    def raise_error(self) -> None:
        """Raise the oldest failed write as ``ImageWriteError`` (once), naming the rest."""
        with self._cond:
            errors, self._errors = self._errors, []
        if errors:
            job, exc = errors[0]
            raise ImageWriteError(job.name, job.step, job.path, exc,
                                  others=[j.name for j, _ in errors[1:]]) from exc

    def close(self) -> None:
        """Flush and stop the workers. Failed writes stay for ``raise_error``."""
        self.flush()
        for lane in self._lanes:
            lane.shutdown(wait=True)
        if self._shell is not None:
            try:
                self._shell.events.unregister("post_execute", self.flush)
            except ValueError:
                pass
            self._shell = None
        atexit.unregister(self._at_exit)

    def _at_exit(self) -> None:
        # concurrent.futures has already run what was queued (its exit hook runs before
        # atexit's); nothing is submitted here, so no "cannot schedule new futures".
        self.close()
        try:
            self.raise_error()
        except ImageWriteError as exc:
            logger.error("dvclive-nb: %s", exc)


class AsyncImages:
    """Mixin for ``dvclive.Live``: the ``async_images`` options and the waits they need.

    Put it before ``dvclive.Live`` in the bases. With ``async_images=False`` (the
    default) every method here passes straight through.
    """

    _async_images = False
    _image_writer: Optional[ImageWriter] = None

    def __init__(self, *args, async_images: bool = False, async_workers: int = 2,
                 async_queue_mb: float = 256, **kwargs):
        if not isinstance(async_workers, int) or async_workers < 1:
            raise InvalidOptionError("async_workers", async_workers, "an int >= 1")
        if not isinstance(async_queue_mb, (int, float)) or not async_queue_mb > 0:
            raise InvalidOptionError("async_queue_mb", async_queue_mb, "a number > 0")
        self._async_images = bool(async_images)
        self._async_workers = int(async_workers)
        self._async_cap = int(async_queue_mb * (1 << 20))
        super().__init__(*args, **kwargs)

    def _async_writer(self) -> Optional[ImageWriter]:
        """The writer (started on first use), or None in synchronous mode."""
        if not self._async_images:
            return None
        if self._image_writer is None:
            from ._notebook import ipython_shell

            views = getattr(self, "_views", None)
            self._image_writer = ImageWriter(
                self._async_workers, self._async_cap,
                on_written=views.frame if views is not None else None,
                shell=ipython_shell())
        return self._image_writer

    def wait_for_images(self) -> None:
        """Block until every image logged so far is written.

        Raises:
            ImageWriteError: an image could not be written (``async_images=True``).
        """
        writer = self._image_writer
        if writer is not None:
            writer.flush()
            writer.raise_error()

    def _flush_images(self) -> None:
        if self._image_writer is not None:
            self._image_writer.flush()

    def next_step(self):
        if self._image_writer is not None:
            self._image_writer.raise_error()
        super().next_step()  # type: ignore[misc]

    def make_report(self):
        if self._report_mode is not None:  # type: ignore[attr-defined] # reads the images
            self._flush_images()
        super().make_report()  # type: ignore[misc]

    def post_data_to_studio(self):
        if "data" not in self._studio_events_to_skip:  # type: ignore[attr-defined]
            self._flush_images()  # Studio's payload reads the image files
        super().post_data_to_studio()  # type: ignore[misc]

    def cache(self, path):
        self._flush_images()
        return super().cache(path)  # type: ignore[misc]

    def save_dvc_exp(self):
        self._flush_images()
        super().save_dvc_exp()  # type: ignore[misc]

    def end(self):
        writer = self._image_writer
        if writer is None or self._inside_with:  # type: ignore[attr-defined]
            return super().end()  # type: ignore[misc] # upstream: no-op inside `with`
        writer.flush()
        try:
            super().end()  # type: ignore[misc]
        finally:
            self._image_writer = None
            writer.close()
        writer.raise_error()
        return None
