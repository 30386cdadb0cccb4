"""The magic in a kernel run by nbclient, with the real inline backend."""

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient
from PIL import Image

pytestmark = pytest.mark.slow  # a real kernel (nbclient)

CELLS = [
    "%matplotlib inline\nimport matplotlib.pyplot as plt\nfrom dvclive_nb import Live\n"
    "live = Live(save_dvc_exp=False)",
    # The plotting cell: log it, and keep what savefig makes, to compare pixels.
    "fig, ax = plt.subplots(figsize=(3, 2))\nax.plot([0, 3, 1, 2], color='C3')\n"
    "fig.savefig('expected.png')\n%dvclive_image plot.png",
    # A later cell: the inline backend closed the figure.
    "%dvclive_image later.png",
    "%%dvclive_image cell/{step}.png\nfig, ax = plt.subplots(figsize=(3, 2))\n"
    "ax.bar([1, 2], [3, 1])\nfig.savefig('expected_cell.png')",
]


def _pngs(outputs):
    return [o for o in outputs if "image/png" in o.get("data", {})]


def test_magic_with_inline_backend(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in CELLS]
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    images = tmp_path / "dvclive" / "plots" / "images"

    plot = nb.cells[1].outputs
    assert not [o for o in plot if o.output_type == "error"]
    assert len(_pngs(plot)) == 1  # the figure stays shown, once
    got = np.asarray(Image.open(images / "plot.png"))
    assert np.array_equal(got, np.asarray(Image.open(tmp_path / "expected.png")))

    later = nb.cells[2].outputs
    # IPython shows a UsageError as one line on stderr, without a traceback.
    text = "".join(o.get("text", "") for o in later if o.get("name") == "stderr")
    assert text.startswith("UsageError: No matplotlib figure to log")
    assert "in the cell that plots" in text and "Traceback" not in text
    assert not (images / "later.png").exists()

    cell = nb.cells[3].outputs
    assert not [o for o in cell if o.output_type == "error"]
    assert len(_pngs(cell)) == 1
    got = np.asarray(Image.open(images / "cell" / "0.png"))
    assert np.array_equal(got, np.asarray(Image.open(tmp_path / "expected_cell.png")))
