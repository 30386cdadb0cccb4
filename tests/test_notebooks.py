"""Every demo notebook runs top to bottom in a real kernel, in a prepared demo workspace."""

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.slow  # runs the demo notebooks in real kernels

ROOT = Path(__file__).resolve().parents[1]
WIDGET = "application/vnd.jupyter.widget-view+json"
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    dest = tmp_path_factory.mktemp("demo")
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    subprocess.run([ROOT / "binder" / "prepare-demo", dest], check=True, env=env,
                   capture_output=True)
    return dest


def test_notebooks_are_committed_without_outputs():
    for name in NOTEBOOKS:
        nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, name


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs(workspace, name):
    nb = nbformat.read(workspace / name, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(workspace)}}).execute()
    text = "".join(
        o.get("text", "") + o.get("data", {}).get("text/plain", "")
        for c in nb.cells if c.cell_type == "code" for o in c.outputs
    )
    if name == "watch.ipynb":  # two queued runs, listed while they run, then finished
        assert "lr-0.1   queue" in text and "lr-0.5   queue" in text
        assert "step None" not in text  # listed once each has logged a step
        assert "still running: []" in text
        state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
        statuses = sorted(m["state"]["status"] for m in state.values()
                          if m["model_name"] == "AnyModel")
        assert statuses == ["lr-0.1 · finished · from its commit",
                            "lr-0.5 · finished · from its commit", "lr-0.5 · from its commit"]
        # What the text says: both converge, and by step 5 lr-0.5's loss is below the
        # loss lr-0.1 ends with.
        loss = {m[0]: (float(m[1]), float(m[2])) for m in re.findall(
            r"(lr-0\.[15]): loss ([\d.]+) at step 5, ([\d.]+) at step 24", text)}
        assert set(loss) == {"lr-0.1", "lr-0.5"}, text
        assert all(late < early < 1 for early, late in loss.values())
        assert loss["lr-0.5"][0] < loss["lr-0.1"][1]
    if name == "compare.ipynb":  # three experiments on one board, one in DVC's cache
        assert "<dvclive-nb comparison: sigma-2, sigma-5, sigma-10>" in text
        assert "sigma-10 · picture: step 29 (30 frames)" in text
        state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
        boards = [m["state"] for m in state.values() if m["model_name"] == "AnyModel"]
        assert [c["params"] for c in boards[0]["columns"]] == [
            {"sigma": "2"}, {"sigma": "5"}, {"sigma": "10"}]
    if name == "lightning.ipynb":  # an experiment per run, each with its view
        assert "lr-0.003\nlr-0.03" in text
        assert sum(WIDGET in o.get("data", {}) for c in nb.cells if c.cell_type == "code"
                   for o in c.outputs) == 2
    if name == "samples.ipynb":  # a series per sample: one indexed series on the page
        pred = workspace / "runs" / "samples" / "plots" / "images" / "pred"
        assert sorted(int(p.name) for p in pred.iterdir()) == list(range(6))
        assert len(list((pred / "5").glob("*.png"))) == 25
    if name == "quickstart.ipynb":
        assert "DataAlreadyLoggedError: Data 'once.png' has already been logged" in text
        assert "['.gitignore', 'images', 'images.dvc']" in text
        assert "'9.png'" in text
