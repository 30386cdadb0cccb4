"""Image names and files on disk -> series -> sorted steps.

Pure logic: no widgets, no IPython. A *series* is the DVCLive "images per step" pattern,
``<folder>/<int>.<png|jpg|jpeg|gif>``, whose frames a slider steps through. Any other
image name is a *single* image, overwritten in place on each log.
"""

import bisect
import os
import re
from dataclasses import dataclass, field
from typing import Optional

# dvclive's own suffixes, lower case only (upstream refuses "x.PNG" too).
MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}
_STEP_FILE = re.compile(r"^(\d+)(\.[a-z]+)$")


def parse(name: str) -> Optional[tuple[str, int]]:
    """``"pred/12.png"`` -> ``("pred", 12)``; a name that is not a series frame -> None."""
    folder, _, base = name.rpartition("/")
    match = _STEP_FILE.match(base)
    if not folder or match is None or match.group(2) not in MIME:
        return None
    return folder, int(match.group(1))


def mime(name: str) -> str:
    base = name.rpartition("/")[2]
    return MIME[base[base.rfind("."):] if "." in base else ""]


def file_path(images_dir: str, name: str, step: int, found: dict) -> str:
    """Where frame ``step`` of panel ``name`` lives: a series' file, or a single image."""
    target = found.get(name)
    if target is not None and step in target.files:
        return target.path(images_dir, step)
    return os.path.join(images_dir, *name.split("/"))


@dataclass
class Series:
    """The steps of one series, kept sorted, and the file name of each."""

    name: str
    steps: list = field(default_factory=list)
    files: dict = field(default_factory=dict)  # step -> file name inside the folder

    def add(self, step: int, filename: str) -> None:
        if step not in self.files:
            if not self.steps or step > self.steps[-1]:
                self.steps.append(step)  # the usual case: O(1)
            else:
                bisect.insort(self.steps, step)
        self.files[step] = filename

    def path(self, images_dir: str, step: int) -> str:
        return os.path.join(images_dir, *self.name.split("/"), self.files[step])



# -- Index axes: one series over steps and extra integer indexes ----------------------
#
# The naming rule (issue 20; napari's dims). A series is named by its folder
# (``pred/3`` for ``pred/3/12.png``). Series whose names have the same segments except
# for whole-number segments in the same places are one *indexed series*, with one extra
# axis per such place: ``pred/0`` ... ``pred/63`` is ``pred/{0}`` over sample 0..63;
# ``slices/{0}`` is a z axis; ``a/{0}/b/{1}`` has two. The step stays the primary axis.
# Everything else stays a series of its own:
# - a name segment is an index only if it is all digits (``7``, ``007``); ``cat``,
#   ``v2``, ``-1`` and ``1.5`` are names, so ``val/cat`` and ``val/dog`` are two series;
# - an axis needs two values or more: ``pred/0`` alone is the plain series ``pred/0``;
# - segments that read as the same number (``01`` and ``1``) make the group ambiguous:
#   its series stay separate;
# - a plain series ``pred`` and the indexed ``pred/{0}`` are different patterns, both
#   kept.
_INDEX = re.compile(r"^\d+$")


@dataclass
class Indexed:
    """Series that differ only by whole-number segments: ``pattern`` (``"pred/{0}"``),
    the values of each axis in order (``axes[k]`` for ``{k}``), and the series name at
    each combination of values (``series[(3,)] == "pred/3"``)."""

    pattern: str
    axes: list
    series: dict


def index_axes(names) -> tuple:
    """``(indexed, plain)``: the ``Indexed`` groups among the series ``names``, and the
    names that stay series of their own (both sorted), by the naming rule above."""
    groups: dict = {}
    for name in names:
        parts = name.split("/")
        where = [i for i, p in enumerate(parts) if _INDEX.match(p)]
        k = iter(range(len(where)))
        pattern = "/".join(f"{{{next(k)}}}" if i in where else p for i, p in enumerate(parts))
        groups.setdefault(pattern, []).append((tuple(int(parts[i]) for i in where), name))
    indexed, plain = [], []
    for pattern, members in groups.items():
        values = [v for v, _ in members]
        n_axes = len(values[0])
        axes = [sorted({v[k] for v in values}) for k in range(n_axes)]
        clash = len(set(values)) < len(values)
        if not n_axes or clash or any(len(a) < 2 for a in axes):
            plain += [name for _, name in members]
        else:
            indexed.append(Indexed(pattern, axes, dict(members)))
    return sorted(indexed, key=lambda g: g.pattern), sorted(plain)
