"""No image left out of an experiment in silence (issue 21): the ``IgnoredImages`` mixin.

A ``.gitignore`` rule over the images folder hides the images from git. The usual one
is ``/images`` in ``<dir>/plots/.gitignore``, which ``cache_images=True`` writes and
DVC tells you to commit. What happens to the images of a later run without
``cache_images`` depends on who makes the experiment's commit:

- inside ``dvc exp run`` (and DVC's queue), dvclive's ``ensure_dir_is_tracked`` stages
  only the untracked files that git does not ignore, and DVC commits only what the
  pipeline's stages declare as outs: ignored images that no stage tracks are left
  out;
- a plain ``save_dvc_exp`` force-adds the run folder (DVC 3.67 does, with
  ``add(force=True)``), so the images are kept. What counts is the commit, so it is
  checked once made.

Either way, a ``Live`` that loses its images says so once, on our logger: in a
notebook that is a line on stderr (``logging.lastResort``, as for the ``cache()``
warning in ``live.py``), and logging's configuration can route or silence it.
``warnings.warn`` would show at most once per kernel for all runs, and with a
source line that points into this module.
"""

import logging
import os
import re
import subprocess
from typing import TYPE_CHECKING, Any, Optional

logger = logging.getLogger("dvclive_nb")

_CHECK_IGNORE = re.compile(r"^(.*?):(\d+):(.*)$")  # <source>:<line>:<pattern>


def ignore_rule(root: str, path: str) -> Optional[tuple]:
    """``(pattern, file)`` of the rule that makes git ignore ``path``, else None.

    ``git check-ignore -v`` itself: every ignore file, global excludes and negations
    as git applies them. Tracked files are never ignored, as for git itself.
    """
    try:
        out = subprocess.run(["git", "check-ignore", "-v", "--", path], cwd=root,
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:  # 1: not ignored; 128: not a git repo
        return None
    match = _CHECK_IGNORE.match(out.stdout.partition("\t")[0])
    if match is None or match.group(3).startswith("!"):
        return None
    source = match.group(1)
    if os.path.isabs(source):  # a global excludes file
        return match.group(3), source
    return match.group(3), os.path.relpath(os.path.join(root, source), root)


def left_out_message(images: str, rule: tuple, exp: Optional[str]) -> str:
    pattern, source = rule
    whose = f"experiment '{exp}'" if exp else "the experiment"
    return (f"The images in '{images}' are ignored by git (rule '{pattern}' in {source}) "
            f"and not tracked by DVC, so {whose} leaves them out of its commit. To keep "
            f"them, log with Live(cache_images=True), so that DVC tracks them, or remove "
            f"that rule from {source}.")


def _git(root: str, *args: str) -> bool:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True,
                              timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


class IgnoredImages:
    """Mixin for ``dvclive.Live``: warn once when the experiment's commit leaves the
    logged images out because git ignores them and DVC does not track them."""

    _ignored_warned = False
    if TYPE_CHECKING:  # set by dvclive.Live, which this mixes into
        _images: dict
        _dvc_repo: Any
        _inside_with: bool
        _save_dvc_exp: bool
        plots_dir: str

    def end(self):
        if not self._inside_with and getattr(self, "_inside_dvc_exp", False):
            # DVC makes the commit after this process ends: judge it now.
            self._warn_if_left_out(rev=None)
        super().end()

    def save_dvc_exp(self):
        super().save_dvc_exp()
        rev = getattr(self, "_experiment_rev", None)
        if self._save_dvc_exp and rev:
            self._warn_if_left_out(rev=rev)

    # -- the check ----------------------------------------------------------------------
    def _warn_if_left_out(self, rev: Optional[str]) -> None:
        if self._ignored_warned or not self._images or self._dvc_repo is None:
            return
        root = self._dvc_repo.scm.root_dir
        images = os.path.join(self.plots_dir, "images")
        name = next(reversed(self._images))  # one file stands for the folder
        path = os.path.relpath(os.path.abspath(os.path.join(images, name)), root)
        rule = ignore_rule(root, path)
        if rule is None:
            return
        kept = (self._kept_in_commit(root, path, rev) if rev
                else self._declared_out(os.path.join(root, path)))
        if kept:
            return
        self._ignored_warned = True
        logger.warning(
            "dvclive-nb: %s",
            left_out_message(os.path.relpath(os.path.abspath(images), root), rule,
                             getattr(self, "_exp_name", None)))

    @staticmethod
    def _kept_in_commit(root: str, path: str, rev: str) -> bool:
        """The commit holds the file in git, or a ``.dvc`` file over a folder above it."""
        if _git(root, "cat-file", "-e", f"{rev}:{path}"):
            return True
        parts = path.split(os.sep)
        return any(_git(root, "cat-file", "-e", f"{rev}:{'/'.join(parts[:i])}.dvc")
                   for i in range(1, len(parts)))

    def _declared_out(self, path: str) -> bool:
        """A stage of this repo (a pipeline's, or a ``.dvc`` file) has the file
        (absolute ``path``), or a folder above it, as an out: DVC tracks it.

        A lone ``images.dvc`` is not always updated by ``exp run`` (seen both ways with
        DVC 3.67): it counts as tracked, so that this never warns about images that are
        kept, at the price of missing a commit that keeps stale ones."""
        try:
            outs = [os.path.abspath(str(out.fs_path))
                    for stage in self._dvc_repo.index.stages for out in stage.outs]
        except Exception:  # noqa: BLE001 - a broken dvc.yaml: DVC will say so itself
            return False
        return any(path == out or path.startswith(out.rstrip(os.sep) + os.sep)
                   for out in outs)
