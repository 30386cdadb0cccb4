"""An experiment or any git revision, read from its commit: images tracked by git or by
DVC (``cache_images=True``, pipeline outs) alike.

Images in git (dvclive's default) are read through git itself (``git_tree``), in
milliseconds and without importing DVC. Only images git does not hold are read through
DVC's own filesystem, which costs about a second to open in a fresh kernel: such a
source is not ``quick``, and ``show()`` lists it on a background thread.
"""

import posixpath
import re
import threading
from typing import Optional

from .._ignored import left_out_message
from ..error import MissingImagesError
from ..runs import images_plot
from .base import Source, classify, listing_frames, run_summary, sidecar_of
from .git_tree import GitTree

DEFAULT_IMAGES = "dvclive/plots/images"
# An ``outs``/``deps`` entry of a dvc.lock, or the ``path:`` of a .dvc file.
_LOCK_PATH = re.compile(r"""^\s*(?:-\s*)?path:\s*['"]?([^'"\s]+)['"]?\s*$""", re.M)


def _missing_cache(exc: Exception) -> bool:
    return type(exc).__name__ in ("PathMissingError", "FileNotFoundError", "CheckoutError")


def _ancestors(path: str) -> list:
    """``"a/b/c"`` -> ``["a/b/c", "a/b", "a"]``."""
    parts = path.strip("/").split("/")
    return ["/".join(parts[:i]) for i in range(len(parts), 0, -1)]


class CommitSource(Source):
    finished = True
    cheap_reads = False  # each read is a round trip to git, or to the DVC cache

    def __init__(self, root: str, rev: str, label: Optional[str] = None):
        """Reads the commit's tree (a few git calls). Raises ``MissingImagesError`` when
        neither git nor DVC can hold images there, which git alone can tell."""
        self.label = label or rev
        self.root = root
        self.rev = rev
        self.key = f"{root}@{rev}"
        self.git = GitTree(root, rev)
        plot = images_plot(self.git.text("dvc.yaml") or "")
        self.path = plot or DEFAULT_IMAGES
        self.run_dir = self.path[: -len("/plots/images")] or "."
        self._fs = None  # DVC's filesystem at ``rev``, opened on first need
        self._fs_lock = threading.Lock()
        self._names: dict = {}  # (panel, step) -> path inside the commit
        self._metric_rows: Optional[dict] = None
        self._in_git = self._git_images()
        if not self._in_git and not self._tracked_by_dvc():
            raise self._no_images()
        self.status = f"{self.label} · from its commit"

    @property
    def quick(self) -> bool:  # type: ignore[override]
        return bool(self._in_git)  # else DVC is opened and asked, which takes a while

    def _no_images(self) -> MissingImagesError:
        missing = (f"Experiment '{self.label}' has no images in its commit (looked in "
                   f"{self.path}). ")
        reason = self.left_out()
        if reason is not None:  # the likely reason: say it, and how to keep them
            return MissingImagesError(missing + reason)
        return MissingImagesError(
            missing + "Log them with dvclive's default git tracking, or with "
            "Live(cache_images=True) so that DVC tracks them; a pipeline stage that "
            "declares them as outs also works.")

    def _git_images(self) -> list:
        """The images git holds under the images folder, relative to it."""
        try:
            found = self.git.files(self.path)
        except OSError:
            return []
        prefix = self.path.rstrip("/") + "/"
        return [n for n in (p[len(prefix):] for p in found if p.startswith(prefix))
                if classify(n)]

    def _tracked_by_dvc(self) -> bool:
        """Whether DVC may hold the images: a ``.dvc`` file of the folder or one above
        it, or a ``dvc.lock`` that names one of them. When in doubt, DVC is asked."""
        ancestors = _ancestors(self.path)
        if any(self.git.cat(f"{a}.dvc") is not None for a in ancestors):
            return True
        for folder in ["", *reversed(ancestors[1:])]:
            lock = self.git.text(posixpath.join(folder, "dvc.lock"))
            if lock and any(posixpath.normpath(posixpath.join(folder, p)) in ancestors
                            for p in _LOCK_PATH.findall(lock)):
                return True
        return False

    @property
    def fs(self):
        """DVC's filesystem at this revision (imported and opened on first use)."""
        with self._fs_lock:
            if self._fs is None:
                from dvc.api import DVCFileSystem  # heavy: only for images git lacks

                self._fs = DVCFileSystem(self.root, rev=self.rev)
            return self._fs

    def _list(self) -> list:
        names = self._in_git
        if not names:
            try:
                found = self.fs.find(self.path, detail=False)
            except FileNotFoundError:
                found = []
            names = [posixpath.relpath(p.lstrip("/"), self.path) for p in found]
            names = [n for n in names if classify(n)]
        if not names:
            raise self._no_images()
        for name in names:
            panel, _, step = classify(name)
            self._names[(panel, step or 0)] = name
        return names

    def left_out(self) -> Optional[str]:
        """Git holds no images here and a rule in the commit ignores them: the run's
        images were left out. (DVC may still list some: a stale ``images.dvc`` of an
        earlier ``cache_images=True`` run, which is how ``NoSeriesError`` meets it.)"""
        rule = None if self._in_git else self.ignore_rule()
        return None if rule is None else left_out_message(self.path, rule, self.label)

    def ignore_rule(self) -> Optional[tuple]:
        """``(pattern, file)`` of a ``.gitignore`` rule in the commit that ignores the
        images folder (as ``cache_images=True`` writes: ``/images``), else None.

        The ``.gitignore`` files on the folder's path, as the commit holds them, read
        with git's own pattern rules (pathspec's ``gitignore``); the last matching
        line wins, and a ``!`` line un-ignores.
        """
        from pathspec import PathSpec  # a dependency of dvc and dvclive

        parts = self.path.strip("/").split("/")
        found = None
        for i in range(len(parts)):
            ignore_file = "/".join([*parts[:i], ".gitignore"])
            text = self.git.text(ignore_file)
            if text is None:  # no .gitignore at that level
                continue
            below = "/".join(parts[i:])
            for raw in text.splitlines():
                line = raw.rstrip()
                if not line or line.startswith("#"):
                    continue
                spec: PathSpec
                try:
                    spec = PathSpec.from_lines("gitignore", [line.lstrip("!")])
                except LookupError:  # pathspec before 0.12 knows it as gitwildmatch
                    spec = PathSpec.from_lines("gitwildmatch", [line.lstrip("!")])
                if spec.match_file(below + "/") or spec.match_file(below + "/0.png"):
                    found = None if line.startswith("!") else (line, ignore_file)
        return found

    def summary(self) -> tuple:
        return run_summary(self._text, self.run_dir, root="")

    def _text(self, path: str) -> Optional[str]:
        text = self.git.text(path)
        if text is None and not self._in_git:  # DVC-tracked run files: ask DVC
            try:
                text = self.fs.cat_file(path).decode("utf-8", "replace")
            except Exception:  # noqa: BLE001 - not in that commit
                return None
        return text

    def metrics_files(self) -> dict:
        """``{metric name: tsv bytes}`` of the commit's ``plots/metrics`` (dvclive writes
        them to git), read once: finished runs have no more rows to come."""
        folder = posixpath.join(self.run_dir, "plots", "metrics")
        try:
            paths = [p for p in self.git.files(folder) if p.endswith(".tsv")]
        except OSError:
            return {}
        out = {}
        for path in paths:
            data = self.git.cat(path)
            if data is not None:
                out[posixpath.relpath(path, folder)[: -len(".tsv")]] = data
        return out

    def metric_rows(self) -> dict:
        # A commit does not change: read once.
        if self._metric_rows is None:
            from ..metrics import tsv_rows

            self._metric_rows = {name: tsv_rows(data)
                                 for name, data in sorted(self.metrics_files().items())}
        return self._metric_rows

    def scan(self) -> list:
        return listing_frames(self._list(), self.read_name)

    def listing(self) -> list:
        """Every image in the commit, as names relative to the images folder."""
        return self._list()

    def read_name(self, name: str) -> Optional[bytes]:
        path = posixpath.join(self.path, name)
        if self._in_git:
            return self.git.cat(path)
        try:
            return self.fs.cat_file(path)
        except Exception as exc:  # noqa: BLE001 - DVC raises several kinds for a missing cache
            if _missing_cache(exc):
                raise MissingImagesError(
                    f"'{path}' of experiment '{self.label}' is tracked by DVC but not in "
                    "the local cache. Run `dvc exp pull <remote> "
                    f"{self.label}` (or `dvc pull`) to fetch it.") from exc
            raise

    def close(self) -> None:
        self.git.close()
        if self._fs is not None:
            try:
                self._fs.close()  # the Repo at that revision: git handles, the index
            except Exception:  # noqa: BLE001 - closing is best effort
                pass

    def read(self, panel: str, step: int) -> Optional[bytes]:
        name = self._names.get((panel, step))
        return None if name is None else self.read_name(name)

    def read_sidecar(self, panel: str, step: int) -> Optional[bytes]:
        name = self._names.get((panel, step))
        return None if name is None else self.read_name(sidecar_of(name))
