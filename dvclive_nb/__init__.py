"""dvclive-nb: DVCLive's ``Live`` for notebooks, with an inline image slider."""

from .live import Live

__all__ = ["Live", "__version__", "load_ipython_extension", "show",
           "unload_ipython_extension"]
__version__ = "0.1.0"


def show(path="dvclive", **kwargs):
    """Show a run's image series from disk with one slider (see ``dvclive_nb.reopen.show``).

    Examples::

        dvclive_nb.show()                 # the run in ./dvclive
        dvclive_nb.show("runs/exp-3")     # another run folder
    """
    from .reopen import show as _show  # imported on use: keeps `import dvclive_nb` light

    return _show(path, **kwargs)


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
