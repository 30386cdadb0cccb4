"""A notebook saved after training, exported by nbconvert to HTML and opened where no
widget can render: each series' final frame and step show, not "Loading widget…"."""

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

TRAIN = """
import numpy as np
from dvclive_nb import Live

live = Live(save_dvc_exp=False)
for _ in range(12):
    img = np.zeros((32, 32, 3), np.uint8)
    img[..., 0] = live.step
    live.log_image(f"pred/{live.step}.png", img)
    live.next_step()
live.end()
"""


def test_nbconvert_html_shows_the_static_fallback(tmp_path, page):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(TRAIN)]
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    html, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    path = tmp_path / "trained.html"
    path.write_text(html)

    page.goto(path.as_uri(), wait_until="domcontentloaded")
    page.wait_for_timeout(3000)  # let the (offline) widget manager try, and fail
    static = page.locator(".dvnb-static").first
    assert static.is_visible()
    assert "pred · step 11" in static.text_content()
    img = static.locator("img").first
    assert img.evaluate("e => e.complete && e.naturalWidth") == 32
    red = img.evaluate("""e => { const c = document.createElement('canvas');
        c.width = e.naturalWidth; c.height = e.naturalHeight;
        const x = c.getContext('2d'); x.drawImage(e, 0, 0);
        return x.getImageData(1, 1, 1, 1).data[0]; }""")
    assert red == 11  # the final frame, by its pixels
    loading = page.get_by_text("Loading widget")
    assert all(not loading.nth(i).is_visible() for i in range(loading.count()))
    widget = page.locator(".jupyter-widgets.jp-OutputArea-output").first
    assert widget.count() == 1 and not widget.is_visible()  # the dead widget is hidden
