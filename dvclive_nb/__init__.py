"""dvclive-nb: DVCLive's ``Live`` for notebooks, with an inline image slider."""

from .live import Live
from .reopen import show

__all__ = ["Live", "__version__", "load_ipython_extension", "show",
           "unload_ipython_extension"]
__version__ = "0.1.0"


def load_ipython_extension(ipython):
    """``%load_ext dvclive_nb``: register ``%dvclive_image`` / ``%%dvclive_image``."""
    # Imported here so that `import dvclive_nb` never pulls in IPython.
    from .magics import DvcLiveMagics

    ipython.register_magics(DvcLiveMagics)


def unload_ipython_extension(ipython):
    """``%unload_ext dvclive_nb``: remove the magics again."""
    magics = ipython.magics_manager.magics
    for kind in ("line", "cell"):
        magics[kind].pop("dvclive_image", None)
    ipython.magics_manager.registry.pop("DvcLiveMagics", None)
