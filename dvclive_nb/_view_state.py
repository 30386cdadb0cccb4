"""What a view's page remembers, as synced traits: the step shown and the view's state.

A mixin for ``widget.ImageView`` (before ``anywidget.AnyWidget`` in its bases). A page
reload, a saved notebook and a re-run of ``show()`` (``Presenter``) bring them back.
"""

from typing import Optional

import traitlets


class RememberedState(traitlets.HasTraits):
    # The step shown: the page sets it when the user scrubs (throttled; when Play stops),
    # and shows whatever step Python, a jslink'ed slider or another view sets. None: not
    # chosen yet (the newest). ``view.observe(f, "step")`` runs once the kernel is idle.
    step = traitlets.Int(None, allow_none=True).tag(sync=True)
    # What else the page remembers (js/src/remember.js): following, pinned, zoom
    # {k, x, y}, tone {brightness, contrast, auto, map}, grid {filter, tile}.
    view_state = traitlets.Dict().tag(sync=True)
    # {"mask": "input"}: series drawn over another, chosen from code (the page can change
    # it); overlay_labels: {"1": "cat"}, names of a label mask's classes. Checked by
    # ``_overlay.overlay_options`` before they are set.
    overlay = traitlets.Dict().tag(sync=True)
    overlay_labels = traitlets.Dict().tag(sync=True)

    def shown_step(self) -> Optional[int]:
        """The step the page was left at; None while it follows the newest frames."""
        return None if self.view_state.get("following", self.step is None) else self.step
