"""A run folder as comparable data: how tests hold us to upstream dvclive's files."""

import csv
import hashlib
import os


def tree(root):
    """{relative path: comparable content} for every file dvclive wrote."""
    out = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in (".git", ".dvc")]
        for name in files:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root)
            if rel.endswith(".tsv"):
                with open(path, newline="") as f:
                    rows = list(csv.DictReader(f, delimiter="\t"))
                out[rel] = [{k: v for k, v in r.items() if k != "timestamp"} for r in rows]
            elif rel.endswith(".html"):
                out[rel] = os.path.getsize(path) > 0
            else:
                out[rel] = open(path, "rb").read()
    return out


def file_hashes(root):
    """Every file under ``root``: relative path -> sha256 of its bytes (byte-for-byte
    comparisons, and "nothing was written")."""
    out = {}
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            with open(p, "rb") as fobj:
                out[os.path.relpath(p, root)] = hashlib.sha256(fobj.read()).hexdigest()
    return out


def run_in(path, fn):
    """``fn()`` with ``path`` as the working directory (dvclive writes relative paths)."""
    cwd = os.getcwd()
    os.chdir(path)
    try:
        return fn()
    finally:
        os.chdir(cwd)
