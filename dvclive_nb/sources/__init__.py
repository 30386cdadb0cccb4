"""Where frames come from: a run folder, a URL, a running run, an experiment's commit.

``open_source(what)`` turns what the user typed into a ``Source``; the view never knows
which kind it got.
"""

import os
import subprocess
from typing import Optional

from ..error import UnknownSourceError
from ..runs import dvclive_folder, experiments, find_root, running
from .base import Frame, Source, SourceUnavailable, failure_text

__all__ = ["Frame", "Source", "SourceUnavailable", "failure_text", "images_dir_of",
           "open_source"]


def images_dir_of(path) -> str:
    """A run folder's ``plots/images``, or ``path`` itself when it holds images directly.

    A run folder with no images yet (or an empty folder) means its ``plots/images``,
    which the run has not made yet.
    """
    path = os.fspath(path)
    nested = os.path.join(path, "plots", "images")
    if os.path.isdir(nested):
        return nested
    markers = ("plots", "metrics.json", "params.yaml", "dvc.yaml", "report.html")
    if any(os.path.exists(os.path.join(path, m)) for m in markers):
        return nested
    try:
        empty = not any(not e.name.startswith(".") for e in os.scandir(path))
    except OSError:
        empty = True
    return nested if empty else path


def _revision(root: str, rev: str) -> Optional[str]:
    try:
        out = subprocess.run(["git", "rev-parse", "--verify", "-q", f"{rev}^{{commit}}"],
                             cwd=root, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def open_source(what, storage_options: Optional[dict] = None) -> Source:
    """A ``Source`` for ``what``, tried in this order:

    an fsspec URL (``s3://bucket/run``); ``"workspace"`` (the repo's own dvclive folder);
    a folder that exists; the name of a run going on now; an experiment; a git revision.
    """
    if isinstance(what, Source):
        return what
    text = os.fspath(what)
    if "://" in text and not text.startswith("file://"):
        from .remote import RemoteSource

        return RemoteSource(text, storage_options)
    text = text[len("file://"):] if text.startswith("file://") else text
    root = find_root()
    # A row of ``experiments()`` names its repo and ref: open it there, from any folder.
    # (A str subclass: a pathlib.Path has a ``root`` too.)
    exp_root = getattr(what, "root", None) if isinstance(what, str) else None
    if exp_root:
        root = exp_root
        if getattr(what, "ref", None):  # finished: its commit
            from .commit import CommitSource

            return CommitSource(root, what.ref, label=text)
    if text == "workspace" and root is not None:
        from .folder import FolderSource

        return FolderSource(os.path.join(dvclive_folder(root), "plots", "images"),
                            label="workspace")
    if os.path.isdir(text) and not exp_root:
        from .folder import FolderSource

        return FolderSource(images_dir_of(text), label=text)
    if root is None:
        raise UnknownSourceError(text)
    runs = running(root)
    for run in runs:
        if run.name == text:
            from .experiment import RunSource

            return RunSource(root, run)
    exps = experiments(root)
    ref = exps.get(text) or _revision(root, text)
    if ref is not None:
        from .commit import CommitSource

        return CommitSource(root, ref, label=text)
    raise UnknownSourceError(text, runs, sorted(exps))
