"""Runs going on now in a DVC repo, read from the small files DVC and dvclive keep.

No ``dvc`` subprocess and no DVC import: a handful of JSON files under
``.dvc/tmp/exps/run/`` say what runs (see ``shared/notes/dvc-runs.md``):

- ``DVCLIVE_ONLY``: a plain script whose ``Live`` saves a DVC experiment (pid, name);
- ``workspace/workspace.run`` + ``workspace.json``: ``dvc exp run`` in the workspace;
- ``<rev>/<rev>.run`` + ``<rev>.json``: a queued run, in a temporary workspace.

DVC leaves stale entries behind, so an entry counts only while its status says running
and its process is alive.
"""

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

RUNNING = 2  # dvc/repo/experiments/executor/base.py: TaskStatus.RUNNING
FAILED, CANCELED = 4, 5  # TaskStatus: ended without a commit
FINISHED = 6  # TaskStatus.FINISHED: the experiment's commit is made
_IMAGES_PLOT = re.compile(r"""^\s*-\s*['"]?([^'"\s:]*plots/images)['"]?\s*:?\s*$""")


@dataclass(frozen=True)
class Run:
    """A run going on now: ``kind`` is "script", "workspace" or "queue"."""

    name: str
    kind: str
    pid: int
    folder: str  # the run's dvclive folder (``Live(dir=...)``), absolute
    step: Optional[int]  # the last step it completed, from its metrics.json
    info: str = ""  # the queue entry's .run file (how its end is noticed)
    root: str = ""  # where it runs: the repo, or a queued run's temporary workspace

    @property
    def images_dir(self) -> str:
        return os.path.join(self.folder, "plots", "images")


def find_root(start=".") -> Optional[str]:
    """The DVC repo that holds ``start`` (a folder with ``.dvc/``), or None."""
    path = Path(start).resolve()
    for folder in (path, *path.parents):
        if (folder / ".dvc").is_dir():
            return str(folder)
    return None


def pid_alive(pid) -> bool:
    try:
        pid = int(pid)
        if pid <= 0:  # kill(0) would signal our own process group
            return False
        os.kill(pid, 0)
    except (TypeError, ValueError, ProcessLookupError):
        return False
    except PermissionError:  # alive, someone else's
        return True
    try:  # a finished child that nobody has reaped yet is not running
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rpartition(b")")[2].split()[0] != b"Z"
    except OSError:
        return True  # no /proc here (macOS): kill(0) is all we have


def images_plot(dvcyaml_text: str) -> Optional[str]:
    """The ``<dir>/plots/images`` entry dvclive writes into a ``dvc.yaml``, if any.

    Several runs in one repo each add theirs (``Live("runs/a")``, then ``Live()``).
    dvclive drops its own entries and appends them anew each time it writes the file
    (``dvclive.dvc.update_dvcyaml``), so the last entry is the newest writer's: the
    ``Live`` that saved the experiment, or the one running now. The first could be any
    older run (issue 21: compare() showed another run's images).

    Read with a regex, not a YAML parser: ``running()`` reads these on every call.
    """
    found = None
    for line in dvcyaml_text.splitlines():
        match = _IMAGES_PLOT.match(line)
        if match:
            found = match.group(1)
    return found


def dvclive_folder(run_root: str) -> str:
    """The dvclive folder of the run rooted at ``run_root``, from its ``dvc.yaml``
    (``Live(dir=...)``), else dvclive's default ``dvclive``."""
    try:
        with open(os.path.join(run_root, "dvc.yaml"), encoding="utf-8") as f:
            plot = images_plot(f.read())
    except OSError:
        plot = None
    if plot is None:
        return os.path.join(run_root, "dvclive")
    return os.path.normpath(os.path.join(run_root, plot[: -len("plots/images")]))


def last_step(folder: str) -> Optional[int]:
    try:
        with open(os.path.join(folder, "metrics.json"), encoding="utf-8") as f:
            step = json.load(f).get("step")
    except (OSError, ValueError, AttributeError):
        return None
    return step if isinstance(step, int) else None


def _json(path: str):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None  # missing, or being rewritten right now


def _run(name, kind, pid, root, info="") -> Run:
    folder = dvclive_folder(root)
    return Run(name=name, kind=kind, pid=int(pid), folder=folder, step=last_step(folder),
               info=info, root=root)


def running(repo: Optional[str] = None) -> list:
    """The runs going on now in the DVC repo at (or above) ``repo``, as ``Run``s.

    Examples::

        >>> dvclive_nb.running()
        [Run(name='a-lr2', kind='queue', pid=4242, step=7,
             folder='/repo/.dvc/tmp/exps/tmpab12/dvclive', ...)]
    """
    root = find_root(repo or ".")
    if root is None:
        return []
    base = os.path.join(root, ".dvc", "tmp", "exps", "run")
    runs = []
    only = run_marker(root)
    if isinstance(only, dict) and pid_alive(only.get("pid")):
        runs.append(_run(only.get("exp_name") or "workspace", "script", only["pid"], root))
    try:
        entries = sorted(os.scandir(base), key=lambda e: e.name)
    except OSError:
        entries = []
    for entry in entries:
        if not entry.is_dir():
            continue
        info_path = os.path.join(entry.path, f"{entry.name}.run")
        info = _json(info_path)
        proc = _json(os.path.join(entry.path, f"{entry.name}.json"))
        if not isinstance(info, dict) or not isinstance(proc, dict):
            continue
        if info.get("status") != RUNNING or not pid_alive(proc.get("pid")):
            continue
        kind = "queue" if info.get("location") == "dvc-task" else "workspace"
        root_dir = os.path.join(info.get("root_dir") or root, info.get("wdir") or ".")
        runs.append(_run(info.get("name") or entry.name, kind, proc["pid"],
                         os.path.normpath(root_dir), info_path))
    return runs


def run_marker(root: str):
    """The ``DVCLIVE_ONLY`` file of a plain dvclive script's run (pid, exp_name), or None."""
    return _json(os.path.join(root, ".dvc", "tmp", "exps", "run", "DVCLIVE_ONLY"))


def run_info(path: str):
    """A queue or workspace entry's ``.run`` file, or None once it is gone."""
    return _json(path) if path else None


def experiments(root: str) -> dict:
    """``{name: ref}`` of the repo's experiments (``refs/exps/...``), from git itself."""
    try:
        out = subprocess.run(["git", "for-each-ref", "--format=%(refname)", "refs/exps"],
                             cwd=root, capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    refs = {}
    for ref in out.split():
        parts = ref.split("/")
        if len(parts) >= 5 and parts[-1] not in ("exec", "celery"):
            refs[parts[-1]] = ref
    return refs
