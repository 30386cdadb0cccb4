"""Real git + DVC repos, and git / dvc commands run in them."""

import subprocess
import sys


def git(*args, cwd=None):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def dvc(*args, cwd=None, **kwargs):
    """``dvc ARGS`` with this environment's DVC (kwargs go to subprocess.run)."""
    return subprocess.run([sys.executable, "-m", "dvc", *args], cwd=cwd, check=True,
                          **kwargs)


def make_repo(path):
    """A real git + DVC repo with one commit."""
    git("init", "-q", "-b", "main", cwd=path)
    git("config", "user.email", "test@example.com", cwd=path)
    git("config", "user.name", "Test", cwd=path)
    dvc("init", "-q", cwd=path, capture_output=True)
    git("commit", "-q", "-m", "init", cwd=path)
    return path
