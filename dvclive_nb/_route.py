"""Which view a ``Live``'s frame goes to, and when it is shown (through ``_present``).

Every series (and single image, as a preview) first logged during one cell execution
joins that cell's view, so input / prediction / target logged in one loop share a
slider. A view is displayed, followed by its static fallback, under every cell that logs
a frame of it: the cell that starts it, and each later cell that goes on training (as
tqdm shows a bar in every cell that iterates). Each display is another view of the same
widget model, so it holds the whole history, and the earlier ones stay live.

A new ``Live`` (or the end of this one) takes no view away: they keep scrubbing. At its
end a Live's pages get the frames they lack; frames they evicted since are read back from
disk until a new run in the same folder deletes them.
"""

import os
from typing import Optional

from . import series as series_mod
from ._present import Presenter
from .metrics import POLL_SECONDS
from .sources.folder import FolderSource
from .widget import ImageView

# A Live's presenter is keyed (LIVE, its images folder): a tuple, so that no key of
# show()'s (a path, a URL, a label: strings) is ever the same, and show() of the folder a
# Live writes to opens another view instead of closing the Live's.
LIVE = "Live"


class LiveViews:
    def __init__(self, images_dir: str, shell, previews: bool = True,
                 cap_mb: int = 256, resume: bool = False, overlay=None, overlay_labels=None,
                 share_steps: Optional[int] = None):
        self.images_dir = images_dir
        # Keyed by folder: a new run there (not resumed) deletes this one's files.
        self.presenter = Presenter(
            shell, metrics_dir=os.path.join(os.path.dirname(images_dir), "metrics"),
            key=None if resume else (LIVE, os.path.abspath(images_dir)), keep_newest=True,
            replaces=False)
        self.presenter.on_cell_end(self._cell_end)
        self._files = FolderSource(images_dir)  # reads the frames the page asks for again
        self._previews = previews
        self._cap_mb = cap_mb
        self._resume = resume
        self._overlay = (overlay, overlay_labels)
        self._share_steps = share_steps  # steps the fallback keeps to scrub (_share_fallback)
        self._view_of: dict = {}  # panel name -> ImageView
        # Panels with boxes: each frame waits for its sidecar (logged next, as a rule)
        # and leaves with it, so the page never shows a frame without its boxes.
        self._boxed: set = set()
        self._held: dict = {}  # panel -> (view, seq, step, bytes), until its boxes come
        self._cell_view: Optional[ImageView] = None

    @property
    def views(self) -> list:
        return self.presenter.views

    def frame(self, name: str, step: int, data: bytes) -> None:
        """A frame was written as ``name`` at ``step``: show it. O(1)."""
        if self.presenter.closed:
            return
        if name.endswith(".json"):
            self._boxes(name, step, data)
            return
        parsed = series_mod.parse(name)
        if parsed is None:
            if not self._previews:
                return
            panel, kind = name, "single"
        else:
            (panel, step), kind = parsed, "series"
        view = self._view_of.get(panel)
        if view is None:
            view = self._join(panel, kind, step)
        self._files.note(name)
        self._release(panel)
        held = panel in self._boxed and kind == "series"
        seq = view.add_frame(panel, step, data, series_mod.mime(name), send=not held)
        if held:
            self._held[panel] = (view, seq, step, data)
        self.presenter.logged(view)
        self.metrics(POLL_SECONDS)

    def _boxes(self, sidecar: str, step: int, data: bytes) -> None:
        """A boxes sidecar was written: to the view of its image, if shown already (else
        they go with the image's frame, read from disk when it is sent)."""
        from .boxes import parse_sidecar

        stem = sidecar[: -len(".json")]
        parsed = next(filter(None, (series_mod.parse(stem + s) for s in series_mod.MIME)), None)
        panel = parsed[0] if parsed is not None else None
        view = self._view_of.get(panel) if panel is not None else None
        if view is None:
            return
        self._boxed.add(panel)
        held = self._held.get(panel)
        if held is not None and held[2] == step:
            self._release(panel)  # its frame leaves now, the boxes read with it
            return
        boxes = parse_sidecar(data)
        if boxes is not None:
            view.add_boxes(panel, step, boxes)

    def _release(self, panel=None) -> None:
        """Send the frames held for their boxes (of ``panel``; all when None): the boxes
        came, or the next frame did, or the cell ended without them."""
        for name in [panel] if panel is not None else list(self._held):
            held = self._held.pop(name, None)
            if held is not None:
                view, seq, _, data = held
                view.send_frame(seq, data)

    def metrics(self, at_most_every: float = 0.0) -> None:
        """Send the views the metrics logged since (read at most so often)."""
        self.presenter.metrics(at_most_every)

    def _join(self, panel: str, kind: str, step: int) -> ImageView:
        view = self._cell_view
        if view is None:
            view = self._cell_view = self.new_view()
        view.add_panel(panel, kind)
        self._view_of[panel] = view
        if kind == "series" and self._resume:
            self._preload(view, panel, skip=step)
        return view

    def _preload(self, view: ImageView, panel: str, skip: int) -> None:
        """``resume=True``: list the series' earlier frames on disk (sent on request).

        ``skip`` is the step being logged now: its file is already written.
        """
        folder = os.path.join(self.images_dir, *panel.split("/"))
        if not os.path.isdir(folder):
            return
        found = series_mod.Series(panel)
        for base in os.listdir(folder):
            parsed = series_mod.parse(f"{panel}/{base}")
            if parsed is not None and parsed[1] != skip:
                found.add(parsed[1], base)
                self._files.note(f"{panel}/{base}")
        for step in found.steps:
            view.add_frame(panel, step, None, series_mod.mime(found.files[step]), send=False)

    def new_view(self) -> ImageView:
        view = ImageView(load=self.load, cap_mb=self._cap_mb, load_boxes=self.load_boxes,
                         overlay=self._overlay[0], overlay_labels=self._overlay[1],
                         share_steps=self._share_steps)
        self.presenter.adopt(view)
        return view

    def load(self, name: str, step: int):
        if self.presenter.superseded:  # a new run in this folder deleted our files
            return None
        return self._files.read(name, step)

    def load_boxes(self, name: str, step: int):
        if self.presenter.superseded:
            return None
        return self._files.read_boxes(name, step)

    def finish(self) -> None:
        """The Live ended: its views stay, and stop following cells after this one.

        Their pages get now the frames they lack (up to the prefill budget), read while
        the files exist: the page's own request waits for an idle kernel, and a Run All
        starts the next cell first, whose new ``Live`` in this folder deletes them
        (dvclive cleans its plots at start; issue 21: the quickstart's slider)."""
        self._release()
        for view in self.views:
            view.flush()
            view.backlog()
        self.presenter.retire()

    def _cell_end(self) -> None:
        self._release()
        for view in self.views:
            view.flush()
        self._cell_view = None

    def close(self) -> None:
        """Close every widget; the static fallbacks stay in the notebook."""
        self.presenter.close()
        self._view_of.clear()
        self._cell_view = None
