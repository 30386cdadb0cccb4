"""``Live(async_images=True)``: images encoded and written off the caller's thread.

``Live.log_image`` checks the name and the type, then calls ``_encode.prepare``, which
raises every error about the value from the caller's thread, as synchronous mode does,
word for word, and pays for what cannot wait (copies of arrays and PIL images, figures
rendered, paths read). It then hands the prepared image to a writer: ``WriteNow``
(synchronous mode) encodes and writes it at once; ``ImageWriter`` queues it for its
workers. Neither sees the value itself.

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
import errno
import logging
import os
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Container, Optional, Protocol

from ._atomic import write_bytes
from ._encode import Prepared
from .error import ImageWriteError, InvalidOptionError

logger = logging.getLogger("dvclive_nb")

OnWritten = Callable[[str, int, bytes], None]


class Writer(Protocol):
    """Where ``log_image`` puts a prepared image: now, or on a queue."""

    defer: bool  # passed to ``prepare``: may the encoding wait?

    def raise_error(self) -> None:
        """Raise a failure of an earlier image, if any."""

    def write(self, name: str, image, step: int, prepared: Prepared,
              logged: Container[str], show: bool = True) -> None:
        """Write ``prepared`` to ``image.output_path`` (dvclive's ``Image``), or queue it.

        Raises ``FileExistsError``, ``NotADirectoryError`` or ``IsADirectoryError``
        when the path clashes with another file (``logged`` holds the names logged).
        ``show=False``: not handed on to the view. A boxes sidecar (``.json``) is handed
        on, after its image when logged after it (``LiveViews.frame`` tells them apart).
        """


def _show(on_written: Optional[OnWritten], name: str, step: int, data: bytes) -> None:
    if on_written is not None:
        try:
            on_written(name, step, data)
        except Exception:  # noqa: BLE001 - the image is written; the view is extra
            logger.warning("dvclive-nb: could not show %s in the slider", name,
                           exc_info=True)


class WriteNow:
    """Synchronous mode: write in the caller's thread, then hand the frame on."""

    defer = False

    def __init__(self, on_written: Optional[OnWritten] = None):
        self._on_written = on_written

    def raise_error(self) -> None:
        """Nothing is ever left pending here."""

    def write(self, name: str, image, step: int, prepared: Prepared,
              logged: Container[str], show: bool = True) -> None:
        data = prepared.encode()  # encoded by prepare() already: this cannot fail
        write_bytes(str(image.output_path), data)  # the disk tells of clashes
        if show:
            _show(self._on_written, name, step, data)


def _queued_parent(name: str, logged: Container[str]) -> None:
    """A folder of ``name`` that is an image logged (perhaps not yet written) before.

    In synchronous mode the disk tells (the write fails); a queued file is not on disk
    yet, so the clash is found here, from the call, as it would be without the queue.
    """
    parts = name.split("/")
    for i in range(1, len(parts)):
        folder = "/".join(parts[:i])
        if folder in logged:
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), folder)


class _Job:
    __slots__ = ("finished", "name", "nbytes", "path", "prepared", "seq", "show", "step")

    def __init__(self, seq, name, path, step, prepared, show=True):
        self.seq, self.name, self.path, self.step = seq, name, path, step
        self.prepared, self.show = prepared, show
        self.nbytes = prepared.nbytes
        self.finished = False


class ImageWriter:
    """Worker threads that encode and write images, queue bounded in bytes.

    ``workers`` single-thread executors: a name always goes to the same one, so writes
    of one file stay in order. ``on_written(name, step, data)`` sees every written
    frame, in submission order, one at a time.
    """

    defer = True

    def __init__(self, workers: int = 2, cap_bytes: int = 256 << 20,
                 on_written: Optional[OnWritten] = None,
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

    def write(self, name: str, image, step: int, prepared: Prepared,
              logged: Container[str], show: bool = True) -> None:
        """Check for clashes now (nothing is on disk yet), then ``submit``."""
        _queued_parent(name, logged)
        path = str(image.output_path)  # makes its folder
        if os.path.isdir(path):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
        self.submit(name, path, step, prepared, show)  # blocks while the queue is full

    def submit(self, name: str, path: str, step: int, prepared: Prepared,
               show: bool = True) -> None:
        """Queue ``prepared`` to be written to ``path``; blocks while the queue is full.

        An image larger than the whole cap is let in alone, once the queue is empty.
        """
        # Ctrl-C raises KeyboardInterrupt wherever this thread is: once a job is counted
        # in ``_submitted`` it must be finished, or flush() (and so interpreter exit)
        # waits for it forever. Between the count and the hand-off only the except
        # below can run; ``_finish`` is once per job, in case the hand-off did happen.
        job = None
        try:
            with self._cond:
                while self.queued_bytes and self.queued_bytes + prepared.nbytes > self.cap_bytes:
                    self._cond.wait()
                job = _Job(self._submitted, name, path, step, prepared, show)
                self._submitted += 1  # no call between this and the next line
                self.queued_bytes += job.nbytes
                if self.queued_bytes > self.peak_bytes:
                    self.peak_bytes = self.queued_bytes
            # Keyed on the path without its suffix: pred/3.png and its boxes, pred/3.json,
            # share a lane, so they are written in the order they were logged.
            lane = self._lanes[zlib.crc32(os.path.splitext(path)[0].encode()) % len(self._lanes)]
            try:
                lane.submit(self._run, job)
            except RuntimeError:  # shut down (interpreter exit, or closed): write it here
                self._run(job)
        except BaseException:  # KeyboardInterrupt: not written; don't let flush() hang
            if job is not None and self._counted(job):
                self._finish(job, None)
            raise

    def _counted(self, job: _Job) -> bool:
        with self._cond:
            return self._submitted > job.seq

    def hold(self, event: threading.Event) -> None:
        """Test hook: keep every worker busy until ``event`` is set, as a slow disk would."""
        for lane in self._lanes:
            lane.submit(event.wait)

    def _run(self, job: _Job) -> None:
        data = None
        try:
            data = job.prepared.encode()
            write_bytes(job.path, data)
        except Exception as exc:  # noqa: BLE001 - kept, and raised from the next call
            data = None
            with self._cond:
                self._errors.append((job, exc))
        finally:
            self._finish(job, data)

    def _finish(self, job: _Job, data: Optional[bytes]) -> None:
        with self._cond:
            if job.finished:  # the interrupted caller's and then the worker's
                return
            job.finished = True
            self.queued_bytes -= job.nbytes
            self._done[job.seq] = (job, data if self._on_written and job.show else None)
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
                if data is not None:
                    _show(self._on_written, job.name, job.step, data)
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
        self._stop_workers()

    def _stop_workers(self) -> None:
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
        # Nothing more can be written now, so there is nothing to wait for: a flush
        # here could only hang the exit, on a job counted but never queued.
        self._stop_workers()
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
    _write_now: Optional[WriteNow] = None

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

    def _writer(self) -> Writer:
        """Where ``log_image`` puts images: the queue, or straight to disk."""
        writer = self._async_writer()
        if writer is not None:
            return writer
        if self._write_now is None:
            views = getattr(self, "_views", None)
            self._write_now = WriteNow(views.frame if views is not None else None)
        return self._write_now

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
