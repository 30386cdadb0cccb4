"""The view in a real kernel run by nbclient: mimetypes, static fallback, saved size."""

import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.slow  # real kernels (nbclient)

WIDGET = "application/vnd.jupyter.widget-view+json"

TRAIN = """
import numpy as np
from dvclive_nb import Live

rng = np.random.default_rng(0)
live = Live(save_dvc_exp=False{extra})
for _ in range(150):
    live.log_image(f"pred/{{live.step}}.png", rng.integers(0, 256, (128, 128, 3), np.uint8))
    live.log_image("latest.png", rng.integers(0, 256, (28, 28), np.uint8))
    live.log_metric("loss", 1.0)
    live.next_step()
live.end()
"""


def _run(tmp_path, extra=""):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(TRAIN.format(extra=extra))]
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    return nb


def test_training_notebook_view_fallback_and_size(tmp_path):
    nb = _run(tmp_path)
    outputs = nb.cells[0].outputs
    assert [o.output_type for o in outputs] == ["display_data", "display_data"]
    assert WIDGET in outputs[0].data
    static = outputs[1].data
    assert WIDGET not in static
    assert "pred · step 149" in static["text/html"]  # refreshed when the cell ended
    assert "latest.png · step 149" in static["text/html"]
    assert static["text/html"].count("<img src=\"data:image/") == 2
    assert "pred: step 149 (150 frames)" in static["text/plain"]
    assert "Loading widget" not in static["text/html"]
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    assert {m["model_name"] for m in state.values()} == {"AnyModel", "LayoutModel"}
    saved = nbformat.writes(nb)
    assert len(saved.encode()) <= 1_000_000, len(saved)


def test_slider_off(tmp_path):
    nb = _run(tmp_path, extra=", slider=False")
    assert nb.cells[0].outputs == []
    assert "widgets" not in nb.metadata


def test_terminal_ipython_gets_no_view(tmp_path):
    code = ("from dvclive_nb import Live; import numpy as np, sys; "
            "live = Live(save_dvc_exp=False); "
            "live.log_image('pred/0.png', np.zeros((4, 4), np.uint8)); "
            "print('VIEWS', live._views, 'ipywidgets' in sys.modules)")
    out = subprocess.run([sys.executable, "-m", "IPython", "--quick", "-c", code],
                         cwd=tmp_path, capture_output=True, text=True, check=True)
    assert "VIEWS None False" in out.stdout
    assert "Traceback" not in out.stderr
