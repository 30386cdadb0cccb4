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


TEN_RUNS = """
import gc, json, tracemalloc
import numpy as np
from dvclive_nb import Live

rng = np.random.default_rng(0)
warm = Live("warm", save_dvc_exp=False)  # imports and first-use costs, before measuring
warm.log_image("pred/0.png", rng.integers(0, 256, (8, 8, 3), np.uint8))
warm.end()
tracemalloc.start()
logged = 0
lives = []
for run in range(10):
    live = Live(f"run{run}", save_dvc_exp=False)
    for _ in range(20):
        for name in ("pred", "target"):
            img = rng.integers(0, 256, (128, 128, 3), np.uint8)  # ~49 KB as a PNG
            live.log_image(f"{name}/{live.step}.png", img)
        live.next_step()
    live.end()
    logged += sum(len(open(f"run{run}/plots/images/{n}/{s}.png", "rb").read())
                  for n in ("pred", "target") for s in range(20))
    lives.append(live)
"""

FETCH = """
gc.collect()
grown = tracemalloc.get_traced_memory()[0]
out = {"logged": logged, "grown": grown, "views": []}
for run, live in enumerate(lives):
    (view,) = live._views.views
    sent = []
    view.send = lambda content, buffers=None, sent=sent: sent.append((content, buffers))
    seqs = [seq for seq, r in enumerate(view._log) if r.step == 3]  # evicted in a page
    view._on_msg(view, {"type": "fetch", "seqs": seqs}, [])
    got = {(m["name"], m["step"]): bytes(buffers[m["buf"]])
           for content, buffers in sent for m in content["frames"]}
    right = all(got.get((n, 3)) == open(f"run{run}/plots/images/{n}/3.png", "rb").read()
                for n in ("pred", "target"))
    held = sum(len(n.data) for n in view._latest.values()) + len(view.frame.get("data", b""))
    biggest = max(len(open(f"run{run}/plots/images/{n}/{s}.png", "rb").read())
                  for n in ("pred", "target") for s in range(20))
    out["views"].append({"open": view.comm is not None, "right": right, "held": held,
                         "bound": 3 * biggest, "panels": len(view.panels)})
print(json.dumps(out))
"""


def test_ten_finished_views_keep_answering_with_bounded_memory(tmp_path):
    """Issue 21: views outlive their Live. Ten runs, each ended, in one kernel: every
    view still answers a page's fetch for an old step with the bytes on disk, and holds
    at most each panel's newest frame (plus the saved state's one) in the kernel."""
    import json

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(TEN_RUNS), nbformat.v4.new_code_cell(FETCH)]
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    widgets = [o for o in nb.cells[0].outputs if WIDGET in o.get("data", {})]
    assert len(widgets) == 11  # one view per Live (and the warm-up one)
    text = "".join(o.text for o in nb.cells[1].outputs
                   if o.output_type == "stream" and o.name == "stdout")
    out = json.loads(text)
    assert len(out["views"]) == 10
    for view in out["views"]:
        assert view["open"] and view["right"] and view["panels"] == 2
        assert view["held"] <= view["bound"]  # O(panels) frame bytes per view
    # The kernel grew by far less than what was logged (4 MB of frames): no copies kept.
    assert out["grown"] < out["logged"] / 2, out
