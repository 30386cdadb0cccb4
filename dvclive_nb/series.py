"""Image names and files on disk -> series -> sorted steps.

Pure logic: no widgets, no IPython. A *series* is the DVCLive "images per step" pattern,
``<folder>/<int>.<png|jpg|jpeg|gif>``, whose frames a slider steps through. Any other
image name is a *single* image, overwritten in place on each log.
"""

import bisect
import os
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Optional

_STEP_FILE = re.compile(r"^(\d+)\.(png|jpe?g|gif)$")

MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}


def parse(name: str) -> Optional[tuple[str, int]]:
    """``"pred/12.png"`` -> ``("pred", 12)``; a name that is not a series frame -> None."""
    folder, _, base = name.rpartition("/")
    match = _STEP_FILE.match(base)
    if not folder or match is None:
        return None
    return folder, int(match.group(1))


def mime(name: str) -> str:
    return MIME[PurePosixPath(name).suffix.lower()]


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

    def at_or_before(self, step: int) -> Optional[int]:
        i = bisect.bisect_right(self.steps, step)
        return self.steps[i - 1] if i else None

    def nearest(self, step: int) -> Optional[int]:
        if not self.steps:
            return None
        i = bisect.bisect_left(self.steps, step)
        near = self.steps[max(0, i - 1) : i + 1]
        return min(near, key=lambda s: (abs(s - step), s))

    def path(self, images_dir: str, step: int) -> str:
        return os.path.join(images_dir, *self.name.split("/"), self.files[step])


def scan(images_dir: str) -> tuple[dict, list]:
    """Read a run's images folder: ``({series name: Series}, [single image names])``.

    Walks the folder once; temporary files (hidden) and unknown suffixes are ignored.
    """
    series: dict = {}
    singles: list = []
    for folder, dirs, files in os.walk(images_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = os.path.relpath(folder, images_dir).replace(os.sep, "/")
        for base in sorted(files):
            if base.startswith(".") or PurePosixPath(base).suffix.lower() not in MIME:
                continue
            name = base if rel == "." else f"{rel}/{base}"
            parsed = parse(name)
            if parsed is None:
                singles.append(name)
            else:
                series.setdefault(parsed[0], Series(parsed[0])).add(parsed[1], base)
    return dict(sorted(series.items())), singles
