"""The boxes logged beside a view's frames, on their way to its page.

A mixin for ``widget.ImageView``: whoever builds the view passes ``load_boxes(name,
step)`` (``Source.read_boxes``); ``_transport`` sends a frame's boxes with its bytes,
and ``add_boxes`` sends those logged after their image (``_route``).
"""

import logging
from typing import Callable, Optional

logger = logging.getLogger("dvclive_nb")


class BoxesToPage:
    _load_boxes: Optional[Callable[[str, int], Optional[dict]]] = None
    comm: object  # these two come from anywidget.AnyWidget
    send: Callable[[dict], None]

    def add_boxes(self, name: str, step: int, boxes: dict) -> None:
        """Boxes for frame ``step`` of ``name`` logged after its image: sent at once, in
        a message of their own (the page keeps them beside its frames, not in the state).
        """
        if self.comm is not None:
            self.send({"type": "boxes", "items": [{"name": name, "step": step, "boxes": boxes}]})

    def _resend_boxes(self, msg: dict) -> None:
        """The page's ``{"type": "boxes", "name", "step"}``: it shows a frame without
        boxes (a watcher read the image before its sidecar was written); answered only
        when there are some now."""
        name, step = str(msg.get("name")), int(msg.get("step", -1))
        boxes = self.boxes_of(name, step)
        if boxes is not None:
            self.add_boxes(name, step, boxes)

    def boxes_of(self, name: str, step: int) -> Optional[dict]:
        """The boxes beside a frame, read when its bytes are sent; None when there are none."""
        if self._load_boxes is None:
            return None
        try:
            return self._load_boxes(name, step)
        except Exception:  # noqa: BLE001 - boxes are extra: the frame goes without them
            logger.debug("dvclive-nb: no boxes for %s at step %s", name, step, exc_info=True)
            return None
