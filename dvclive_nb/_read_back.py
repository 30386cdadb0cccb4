"""A view's frames read back from their source: the bytes it no longer holds.

A mixin for ``widget.ImageView``: whoever builds the view passes ``load(name, step)``;
the page's fetches, the static fallback, Export and Save HTML read through it.
"""

from typing import Callable, Optional

from ._frame_log import FrameLog


class ReadBack:
    frame_log: FrameLog  # from widget.ImageView
    _load: Optional[Callable[[str, int], Optional[bytes]]] = None

    def frames_of(self, name: str) -> tuple:
        """``(steps, file bytes)`` of every frame of series ``name``, in step order."""
        seqs = self.frame_log.steps_of(name)
        steps, blobs = [], []
        for step in sorted(seqs):
            data = self.frame_log.held(seqs[step])
            data = data if data is not None else self._read(name, step)
            if data is not None:
                steps.append(step)
                blobs.append(data)
        return steps, blobs

    def read_frame(self, name: str, step: int) -> Optional[bytes]:
        """Frame ``step`` of panel ``name`` read back from its source (the Save HTML
        action's reads); None when it is gone for good."""
        return self._read(name, step)

    def _read(self, name: str, step: int) -> Optional[bytes]:
        """The frame's bytes; None when it is gone for good (deleted or replaced on disk
        since: leave the gap). Other errors (a network's, a missing DVC cache) raise."""
        if self._load is None:
            return None
        try:
            return self._load(name, step)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None
