"""Is this a kernel with a widget front end? (dvclive_nb/_notebook.py), asked of a plain
interpreter, IPython's terminal test shell and a real Jupyter kernel."""

import subprocess
import sys

import pytest

from dvclive_nb._notebook import ipython_shell, widget_shell

pytestmark = pytest.mark.slow  # real kernels, git + DVC repos, DVC's queue

CHECK = ("import sys\n"
         "from dvclive_nb._notebook import ipython_shell, widget_shell\n"
         "print(ipython_shell() is None, widget_shell() is None, 'IPython' in sys.modules)\n")


def test_a_script_has_no_shell_and_never_imports_ipython():
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["True", "True", "False"]


def test_a_terminal_shell_is_a_shell_without_widgets(ipshell):
    assert ipshell is not None
    assert ipython_shell() is ipshell
    assert widget_shell() is None  # IPython's terminal: no front end to draw widgets


def test_a_jupyter_kernel_has_widgets():
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3")
    try:
        lines = []
        client.execute_interactive(
            CHECK, timeout=60,
            output_hook=lambda msg: lines.append(msg["content"].get("text", "")))
        assert "".join(lines).split() == ["False", "False", "True"]
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
