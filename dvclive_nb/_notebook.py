"""Is this a kernel that can show widgets? Decided cheaply, without importing IPython."""

import sys


def widget_shell():
    """The IPython shell of a Jupyter kernel (or Colab), else None.

    Only ``sys.modules`` is consulted, so a script never imports IPython. A terminal
    IPython or qtconsole-less shell has no widget front end; unlike dvclive's own
    ``inside_notebook()``, no version strings are compared.
    """
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return None
    shell = ipython.get_ipython()
    if shell is None:
        return None
    if type(shell).__name__ == "ZMQInteractiveShell" or "google.colab" in sys.modules:
        if getattr(shell, "kernel", None) is not None:
            return shell
    return None
