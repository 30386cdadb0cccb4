"""Which cell execution is running, and whether its output has been cleared.

Built on IPython's own hooks, with no patch of a user-facing function: ``post_run_cell``
ends a cell, and the kernel's display publisher hook sees every ``clear_output`` message
(``IPython.display.clear_output``, livelossplot, ...) before it is sent. Inside
``%%capture`` the shell swaps in a capturing publisher, which has no hooks, so a clear
there is captured too and never reported.
"""

import logging

logger = logging.getLogger("dvclive_nb")


class CellWatch:
    """Counts cell executions and notices ``clear_output`` in the current one.

    ``number`` grows by one each time a cell ends; ``cleared`` is set by a clear in the
    running cell and reset when it ends. ``on_cell_end`` runs first at each cell's end,
    while its output is still the running cell's.
    """

    def __init__(self, shell, on_cell_end):
        self.number = 0
        self.cleared = False
        self._shell = shell
        self._on_cell_end = on_cell_end
        self._publisher = None
        self._hook_publisher()
        shell.events.register("post_run_cell", self._post_run_cell)

    def _hook_publisher(self) -> None:
        # Only a kernel's publisher has hooks (ipykernel's ZMQDisplayPublisher); they are
        # kept per thread, so register from the thread that runs cells. Retried at each
        # cell's end in case this was built while %%capture had swapped the publisher.
        publisher = self._shell.display_pub
        register = getattr(publisher, "register_hook", None)
        if self._publisher is None and register is not None:
            register(self._on_message)
            self._publisher = publisher

    def _on_message(self, msg):
        if msg.get("msg_type") == "clear_output":
            self.cleared = True
        return msg  # a hook that returns None would swallow the message

    def _post_run_cell(self, *_args) -> None:
        try:
            self._on_cell_end()
        except Exception:  # noqa: BLE001 - a hook must not break the user's cell
            logger.warning("dvclive-nb: could not finish the cell's views", exc_info=True)
        self.number += 1
        self.cleared = False
        self._hook_publisher()

    def close(self) -> None:
        try:
            self._shell.events.unregister("post_run_cell", self._post_run_cell)
        except ValueError:
            pass
        if self._publisher is not None:
            self._publisher.unregister_hook(self._on_message)
            self._publisher = None
