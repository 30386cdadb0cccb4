"""A run folder behind an fsspec URL (``s3://``, ``gs://``, ``ssh://``, ...), polled.

Object stores have no folder mtimes to watch, so each poll lists the images prefix
(one paginated request on S3) and reads only the objects that are new or changed.
Polls back off while nothing changes; a failed one is retried with backoff too.
"""

import posixpath
from typing import Optional

from ..error import SourceError
from .base import (
    Frame,
    Source,
    SourceUnavailable,
    classify,
    complete,
    fs_text,
    listing_frames,
    run_summary,
    sidecar_of,
)

# The extra that installs each protocol's package (pip install "dvclive-nb[s3]").
EXTRAS = {"s3": "s3", "s3a": "s3", "gs": "gs", "gcs": "gs", "ssh": "ssh", "sftp": "ssh",
          "az": "azure", "abfs": "azure"}


class RemoteSource(Source):
    cheap_reads = False
    quick = False  # a listing is a network round trip, or several
    interval = 1.0
    max_interval = 10.0

    def __init__(self, url: str, storage_options: Optional[dict] = None):
        import fsspec

        self.label = url
        protocol = url.split("://", 1)[0]
        try:
            self.fs, path = fsspec.core.url_to_fs(url, **(storage_options or {}))
        except (ImportError, ValueError) as exc:
            extra = EXTRAS.get(protocol)
            hint = (f'pip install "dvclive-nb[{extra}]"' if extra
                    else f"install the fsspec package for {protocol}://")
            raise SourceError(
                f"Cannot read {url}: {exc}. To read {protocol}:// URLs, {hint}.") from exc
        self._protocol = protocol
        self.key = url.rstrip("/")
        path = path.rstrip("/")
        nested = posixpath.join(path, "plots", "images")
        try:
            self.path = nested if self.fs.isdir(nested) or not self._has_images(path) else path
        except Exception as exc:  # noqa: BLE001 - fsspec backends raise their own errors
            raise SourceError(f"Cannot read {url}: {exc}") from exc
        self._seen: dict = {}  # relative name -> (size, version) last delivered
        self._names: dict = {}  # (panel, step) -> relative name
        self._incomplete: set = set()  # names whose bytes were not whole yet
        self.status = f"waiting for the first image in {self.label}"

    def _has_images(self, path: str) -> bool:
        try:
            return any(classify(n) for n in self._list(path))
        except FileNotFoundError:
            return False

    def _list(self, path: Optional[str] = None) -> dict:
        path = path or self.path
        self.fs.invalidate_cache(path)
        try:
            found = self.fs.find(path, detail=True)
        except FileNotFoundError:
            return {}
        out = {}
        for full, info in found.items():
            rel = posixpath.relpath(full, path)
            if rel.startswith(".") or "/." in rel:
                continue
            out[rel] = (info.get("size"), info.get("ETag") or info.get("mtime")
                        or info.get("LastModified"))
        return out

    def _url(self, rel: str) -> str:
        return posixpath.join(self.path, rel)

    def _read(self, rel: str) -> Optional[bytes]:
        data = self.fs.cat_file(self._url(rel))
        if complete(_mime(rel), data):
            self._incomplete.discard(rel)
            return data
        self._incomplete.add(rel)
        return None

    def scan(self) -> list:
        listing = self._list()
        frames = listing_frames(listing, self._read)
        self._remember(listing, frames)
        return frames

    def poll(self) -> list:
        try:
            listing = self._list()
            new = sorted(n for n, v in listing.items() if self._seen.get(n) != v and classify(n))
            frames = []
            for rel in new:
                data = self._read(rel)
                if data is not None:
                    panel, kind, step = classify(rel)
                    frames.append(Frame(panel, kind, step or 0, _mime(rel), data))
        except Exception as exc:  # noqa: BLE001 - any backend's network error: retry later
            raise SourceUnavailable(
                f"{self.label} is unreachable ({type(exc).__name__}: {exc})") from exc
        self._remember({n: listing[n] for n in new}, frames)
        return frames

    def _remember(self, listing: dict, frames: list) -> None:
        for rel, version in listing.items():
            kind = classify(rel)
            if kind is None or rel in self._incomplete:
                continue  # an object still being written is read again next poll
            self._names[(kind[0], kind[2] or 0)] = rel
            self._seen[rel] = version
        if self._names:
            self.status = ""

    def summary(self) -> tuple:
        nested = self.path.endswith("/plots/images")
        run = self.path[: -len("/plots/images")] if nested else self.path
        return run_summary(fs_text(self.fs), run, root=None)

    def read(self, panel: str, step: int) -> Optional[bytes]:
        rel = self._names.get((panel, step))
        if rel is None and classify(panel) and classify(panel)[1] == "single":
            rel = self._names.get((panel, 0))  # a single image: one file, whatever the step
        if rel is None:
            return None
        return self.fs.cat_file(self._url(rel))

    def read_sidecar(self, panel: str, step: int) -> Optional[bytes]:
        rel = self._names.get((panel, step))
        return None if rel is None else self.fs.cat_file(self._url(sidecar_of(rel)))


def _mime(rel: str) -> str:
    from .. import series as series_mod

    return series_mod.mime(rel)
