"""An experiment or any git revision, read from its commit through DVC's own filesystem:
images tracked by git or by DVC (``cache_images=True``) alike."""

import posixpath
from typing import Optional

from .._ignored import left_out_message
from ..error import MissingImagesError
from ..runs import images_plot
from .base import Source, classify, fs_text, listing_frames, run_summary, sidecar_of

DEFAULT_IMAGES = "dvclive/plots/images"


def _missing_cache(exc: Exception) -> bool:
    return type(exc).__name__ in ("PathMissingError", "FileNotFoundError", "CheckoutError")


class CommitSource(Source):
    finished = True
    cheap_reads = False  # each read goes through git or the DVC cache

    def __init__(self, root: str, rev: str, label: Optional[str] = None):
        from dvc.api import DVCFileSystem  # imported on use: heavy, and only needed here

        self.label = label or rev
        self.rev = rev
        self.key = f"{root}@{rev}"
        self.fs = DVCFileSystem(root, rev=rev)
        try:
            plot = images_plot(self.fs.cat_file("dvc.yaml").decode("utf-8", "replace"))
        except Exception:  # noqa: BLE001 - no dvc.yaml in that commit: dvclive's default
            plot = None
        self.path = plot or DEFAULT_IMAGES
        self._names: dict = {}  # (panel, step) -> path inside the commit
        self.status = f"{self.label} · from its commit"

    def _find(self) -> list:
        """Paths under the images folder: from the commit's git tree when the images are
        in git (DVC's own git layer, ten times quicker than the merged listing), else
        from DVC's merged view of git and its cache."""
        try:
            git = self.fs.repo.fs
            found = list(git.find(git.join(git.root_marker, self.path)))
            if any(classify(p.rpartition("/")[2]) for p in found):
                return found
        except Exception:  # noqa: BLE001 - not a git tree we can walk: the merged view
            pass
        try:
            return self.fs.find(self.path, detail=False)
        except FileNotFoundError:
            return []

    def _list(self) -> list:
        names = [posixpath.relpath(p.lstrip("/"), self.path) for p in self._find()]
        names = [n for n in names if classify(n)]
        if not names:
            rule = self.ignore_rule()
            if rule is not None:  # the likely reason: say it, and how to keep them
                raise MissingImagesError(
                    f"Experiment '{self.label}' has no images in its commit (looked in "
                    f"{self.path}). " + left_out_message(self.path, rule, self.label))
            raise MissingImagesError(
                f"Experiment '{self.label}' has no images in its commit (looked in "
                f"{self.path}). Log them with dvclive's default git tracking, or with "
                "Live(cache_images=True) so that DVC tracks them; a pipeline stage that "
                f"declares them as outs also works.")
        for name in names:
            panel, _, step = classify(name)
            self._names[(panel, step or 0)] = name
        return names

    def ignore_rule(self) -> Optional[tuple]:
        """``(pattern, file)`` of a ``.gitignore`` rule in the commit that ignores the
        images folder (as ``cache_images=True`` writes: ``/images``), else None.

        The ``.gitignore`` files on the folder's path, as the commit holds them, read
        with git's own pattern rules (pathspec's ``gitignore``); the last matching
        line wins, and a ``!`` line un-ignores.
        """
        from pathspec import PathSpec  # a dependency of dvc and dvclive

        try:
            git = self.fs.repo.fs
        except Exception:  # noqa: BLE001 - no git tree at this revision
            return None
        parts = self.path.strip("/").split("/")
        found = None
        for i in range(len(parts)):
            ignore_file = "/".join([*parts[:i], ".gitignore"])
            try:
                text = git.cat_file(git.join(git.root_marker, ignore_file)).decode(
                    "utf-8", "replace")
            except Exception:  # noqa: BLE001 - no .gitignore at that level
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
        return run_summary(fs_text(self.fs), self.path[: -len("/plots/images")] or ".",
                           root="")

    def scan(self) -> list:
        return listing_frames(self._list(), self.read_name)

    def listing(self) -> list:
        """Every image in the commit, as names relative to the images folder."""
        return self._list()

    def read_name(self, name: str) -> bytes:
        path = posixpath.join(self.path, name)
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
        try:
            self.fs.close()  # the Repo at that revision: git handles, the index
        except Exception:  # noqa: BLE001 - closing is best effort
            pass

    def read(self, panel: str, step: int) -> Optional[bytes]:
        name = self._names.get((panel, step))
        return None if name is None else self.read_name(name)

    def read_sidecar(self, panel: str, step: int) -> Optional[bytes]:
        name = self._names.get((panel, step))
        return None if name is None else self.read_name(sidecar_of(name))
