"""Is this a kernel that can show widgets? Decided cheaply, without importing IPython."""

import sys


def ipython_shell():
    """The running IPython shell (kernel or terminal), else None; never imports IPython."""
    ipython = sys.modules.get("IPython")
    return ipython.get_ipython() if ipython is not None else None


def widget_shell():
    """The IPython shell of a Jupyter kernel (or Colab), else None.

    Only ``sys.modules`` is consulted, so a script never imports IPython. A terminal
    IPython or qtconsole-less shell has no widget front end; unlike dvclive's own
    ``inside_notebook()``, no version strings are compared.
    """
    shell = ipython_shell()
    if shell is None:
        return None
    kernel_like = type(shell).__name__ == "ZMQInteractiveShell" or "google.colab" in sys.modules
    if kernel_like and getattr(shell, "kernel", None) is not None:
        return shell
    return None
