"""Where views appear, in a real kernel run by nbclient: later cells, ``clear_output``
loops and ``%%capture`` (dvclive_nb/_cells.py, _route.py and _present.py)."""

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.slow  # a real kernel (nbclient)

WIDGET = "application/vnd.jupyter.widget-view+json"

SETUP = """
import numpy as np
from IPython.display import clear_output
from dvclive_nb import Live

live = Live(save_dvc_exp=False)
def train(n):
    for _ in range(n):
        live.log_image(f"pred/{live.step}.png", np.full((8, 8), live.step, np.uint8))
        live.next_step()
"""
LATER = "train(5)"
CLEAR_BEFORE = """
for epoch in range(4):
    clear_output(wait=True)
    print(f"epoch {epoch}")
    train(1)
"""
CLEAR_AFTER = """
for epoch in range(4):
    train(1)
    clear_output(wait=True)
    print(f"epoch {epoch}")
"""
CAPTURED = """%%capture captured
train(3)
clear_output()
train(1)
"""
AFTER_CAPTURE = """
WIDGET = "application/vnd.jupyter.widget-view+json"
print("views captured:", sum(1 for o in captured.outputs if WIDGET in o.data))
"""


def _kinds(outputs):
    """Each output as "stream", "view <model id>" or "static"."""
    out = []
    for o in outputs:
        if o.output_type == "stream":
            out.append("stream")
        elif WIDGET in o.data:
            out.append(f"view {o.data[WIDGET]['model_id']}")
        elif "dvnb-static" in o.data.get("text/html", ""):
            out.append("static")
        else:
            out.append(o.output_type)
    return out


def test_views_in_later_cells_after_clear_output_and_in_capture(tmp_path):
    nb = nbformat.v4.new_notebook()
    sources = [SETUP, LATER, LATER, CLEAR_BEFORE, CLEAR_AFTER, CAPTURED, AFTER_CAPTURE]
    nb.cells = [nbformat.v4.new_code_cell(src) for src in sources]
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    cells = [_kinds(cell.outputs) for cell in nb.cells]
    assert cells[0] == []
    model = cells[1][0].split()[1]
    view = f"view {model}"
    # Each later cell that trains shows the same model, with a fallback of its own.
    assert cells[1] == [view, "static"]
    assert cells[2] == [view, "static"]
    # clear_output(wait=True) loops: the cell ends with what was printed last and a
    # view, shown once per clear, never twice.
    for cell in (3, 4):
        streams = [o for o in nb.cells[cell].outputs if o.output_type == "stream"]
        assert "".join(o.text for o in streams) == "epoch 3\n"
        assert cells[cell][len(streams):] == [view, "static"]
    # %%capture keeps everything: no view escapes into the cell, and its own clear is
    # left alone (the view is not shown again inside the capture either).
    assert cells[5] == []
    assert "".join(o.text for o in nb.cells[6].outputs) == "views captured: 0\n"

    # The fallbacks share a display id: each is refreshed as cells end, to the newest step.
    statics = [o.data["text/html"] for c in nb.cells for o in c.outputs
               if "dvnb-static" in o.get("data", {}).get("text/html", "")]
    assert len(statics) == 4 and all("pred · step 17" in s for s in statics)

    # One widget model for all those views; the notebook stays small.
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    views = [m for m in state.values() if m["model_name"] == "AnyModel"]
    assert len(views) == 1 and model in state
    # The saved model carries anywidget's module (the 81 KB bundle) and CSS once per view,
    # so the bound is that plus room for the frame and the fallbacks, not a copy per cell.
    bundle = len(views[0]["state"]["_esm"].encode()) + len(views[0]["state"]["_css"].encode())
    assert len(nbformat.writes(nb).encode()) < bundle + 40_000
