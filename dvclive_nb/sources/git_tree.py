"""A commit's files read through git itself: ``git ls-tree`` and one ``git cat-file
--batch`` process.

Why not DVC's filesystem for everything: importing ``dvc.api`` and opening a ``Repo`` at
a revision costs about a second in a fresh kernel, while the images dvclive commits by
default are plain git blobs that git hands out in milliseconds. DVC is still asked for
what git does not hold (``cache_images=True``, pipeline outs): see ``commit.py``.
"""

import subprocess
import threading
from typing import Optional


class GitTree:
    """The files of commit ``rev`` of the git repo that holds ``root``; paths are
    relative to ``root`` (git's ``<rev>:./<path>``), so a DVC repo in a subfolder of its
    git repo works too."""

    def __init__(self, root: str, rev: str):
        self.root = root
        self.rev = rev
        self._proc: Optional[subprocess.Popen] = None
        self._lock = threading.Lock()

    def _git(self, *args: str) -> bytes:
        out = subprocess.run(["git", *args], cwd=self.root, capture_output=True, timeout=60)
        if out.returncode != 0:
            raise OSError(f"git {args[0]} failed: {out.stderr.decode(errors='replace').strip()}")
        return out.stdout

    def files(self, folder: str) -> list:
        """Every file under ``folder`` in the commit (paths relative to ``root``); [] when
        the commit has no such folder."""
        out = self._git("ls-tree", "-r", "-z", "--name-only", self.rev, "--",
                        folder.rstrip("/") + "/")
        return [p for p in out.decode("utf-8", "surrogateescape").split("\0") if p]

    def cat(self, path: str) -> Optional[bytes]:
        """The bytes of file ``path`` in the commit, or None when git does not hold it
        there. One long-lived ``cat-file --batch``: a read is a pipe round trip."""
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._proc = subprocess.Popen(["git", "cat-file", "--batch"], cwd=self.root,
                                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                              stderr=subprocess.DEVNULL)
            stdin, stdout = self._proc.stdin, self._proc.stdout
            assert stdin is not None and stdout is not None
            stdin.write(f"{self.rev}:./{path}\n".encode("utf-8", "surrogateescape"))
            stdin.flush()
            header = stdout.readline().split()
            if len(header) != 3 or header[1] != b"blob":
                if len(header) == 3:  # a tree or a submodule: its body follows, skip it
                    stdout.read(int(header[2]) + 1)
                return None
            data = stdout.read(int(header[2]))
            stdout.read(1)  # the newline after each object
            return data

    def text(self, path: str) -> Optional[str]:
        """``read_text`` for ``base.run_summary``: a file's text, or None."""
        data = self.cat(path)
        return None if data is None else data.decode("utf-8", "replace")

    def close(self) -> None:
        with self._lock:
            proc, self._proc = self._proc, None
        if proc is not None:
            try:
                proc.stdin.close()  # type: ignore[union-attr]
                proc.wait(5)
            except (OSError, subprocess.TimeoutExpired):
                proc.kill()
            if proc.stdout is not None:
                proc.stdout.close()
