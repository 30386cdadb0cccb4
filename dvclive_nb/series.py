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

