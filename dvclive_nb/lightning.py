"""``dvclive.lightning`` with ``dvclive_nb.Live``:
``from dvclive_nb.lightning import DVCLiveLogger``.

Lightning is imported when ``DVCLiveLogger`` is first looked up (see ``_twins``). Frames
that ``validation_step`` logs during Lightning's sanity check are replaced by the first
real validation's (see ``_sanity``): that holds for ``dvclive_nb.Live`` itself, so with
upstream's logger and ``experiment=dvclive_nb.Live()`` too.
"""

from typing import TYPE_CHECKING

from ._twins import lazy_classes, logger_twin

if TYPE_CHECKING:
    from dvclive.lightning import DVCLiveLogger  # noqa: F401


__getattr__, __dir__ = lazy_classes(globals(), {"DVCLiveLogger": logger_twin("lightning")})
