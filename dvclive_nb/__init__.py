"""dvclive-nb: DVCLive's ``Live`` for notebooks, with an inline image slider."""

from .live import Live

__all__ = ["Live", "__version__", "compare", "experiments", "export", "load_ipython_extension",
           "running", "show", "to_html", "unload_ipython_extension"]
__version__ = "0.1.0"


def show(source="dvclive", **kwargs):
    """Show a run's image series on one slider, following it while it is written
    (see ``dvclive_nb._show.show`` for the sources and options).

    Examples::

        dvclive_nb.show()                 # the run in ./dvclive
        dvclive_nb.show("runs/exp-3")     # another run folder
        dvclive_nb.show("bumpy-lamb")     # a DVC experiment, running or finished
    """
    from ._show import show as _show  # imported on use: keeps `import dvclive_nb` light

    return _show(source, **kwargs)


def compare(*sources, **kwargs):
    """Compare several runs' image series on one board, on one synced slider; with no
    sources, the runs going on now (see ``dvclive_nb.board.compare``).

    Examples::

        dvclive_nb.compare("lr-0.1", "lr-1")    # two DVC experiments
        dvclive_nb.compare()                    # a live board of DVC's queue
    """
    from .board import compare as _compare

    return _compare(*sources, **kwargs)


def export(series, path, run="dvclive", **kwargs):
    """Write image series ``series`` of a run as an animated GIF, PNG or WebP at ``path``
    and return ``path`` (see ``dvclive_nb._export.export`` for the options: ``fps``,
    ``steps``, ``label``).

    Examples::

        dvclive_nb.export("pred", "pred.gif")                   # ./dvclive, 10 fps
        dvclive_nb.export("pred", "pred.webp", run="runs/a", fps=4, label=True)
    """
    from ._export import export as _export

    return _export(series, path, run, **kwargs)


def to_html(source, path, **kwargs):
    """Write a run (or a list of runs, as the compare board) as one self-contained HTML
    file that holds the whole viewer and opens offline with no kernel; returns what it
    kept (see ``dvclive_nb._share.to_html`` for ``series``, ``steps``, ``max_side``,
    ``max_mb``, ``title``).

    Examples::

        dvclive_nb.to_html("dvclive", "run.html")
        dvclive_nb.to_html(["lr-0.1", "lr-1"], "lr.html", max_side=128, max_mb=5)
    """
    from ._share import to_html as _to_html

    return _to_html(source, path, **kwargs)


def running(repo=None):
    """The runs going on now in this DVC repo: name, kind, pid, folder, last step
    (see ``dvclive_nb.runs.running``)."""
    from .runs import running as _running

    return _running(repo)


def experiments(repo=None, sort=None):
    """The DVC repo's experiments with their params and latest metrics, as a list of
    records that prints as a table; each record is its experiment's name, so
    ``show()`` and ``compare()`` take it (see ``dvclive_nb.exp_table.experiments``).

    Examples::

        dvclive_nb.experiments(sort="val_loss")            # best first
        dvclive_nb.compare(*dvclive_nb.experiments(sort="-acc")[:4])
    """
    from .exp_table import experiments as _experiments

    return _experiments(repo, sort)


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
