"""What a view's page asks of the kernel, and the answers.

- ``{"type": "sync", "missing": [seq], "after": seq}``: a page (re)connected; it gets
  the frames it lacks (bytes up to the prefill budget), then every ``on_sync`` callback
  runs (the metrics strip resends its rows).
- ``{"type": "fetch", "seqs": [seq]}``: frames it is about to show, bytes included.
- ``{"type": "boxes", "name", "step"}``: the boxes of a frame it shows without any
  (``ImageView`` registers the handler; answered only when there are some).
- any other type goes to the handler registered for it (the Export action's, by
  whoever builds the view); an unknown type is ignored.
"""

import logging
from typing import Callable

from ._transport import Transport

logger = logging.getLogger("dvclive_nb")


class Page:
    def __init__(self, widget, transport: Transport, budget: Callable[[], int]):
        self.widget = widget
        self.transport = transport
        self.budget = budget  # () -> bytes to send ahead of the page's requests
        self.handlers: dict = {}  # message type -> callable(widget, content)
        self.on_sync: list = []

    def on_msg(self, _widget, content, _buffers) -> None:
        # Errors here would surface as tracebacks under the widget; log them instead.
        try:
            kind = content.get("type")
            if kind == "sync":
                after = int(content.get("after", -1))
                wanted = [int(s) for s in content.get("missing", [])]
                wanted += range(max(after + 1, 0), len(self.transport.log.records))
                self.transport.reply(wanted, budget=self.budget())
                for callback in list(self.on_sync):
                    callback()
            elif kind == "fetch":
                self.transport.reply([int(s) for s in content.get("seqs", [])], budget=None)
            elif kind in self.handlers:
                self.handlers[kind](self.widget, content)
        except Exception:  # noqa: BLE001 - never raise into the comm handler
            logger.warning("dvclive-nb view could not answer %r", content, exc_info=True)
