"""``Live(share_steps=N)``: a notebook run by nbclient and exported by
``jupyter nbconvert --to html`` scrubs through N saved steps in Chromium, opened from disk
with every request blocked, by the pixel markers of tests/browser/test_share_file.py."""

import subprocess
import sys

import nbformat
from nbclient import NotebookClient

from tests.browser.test_share_file import SERIES, STEPS, expect_step, open_offline

TRAIN = f'''
import numpy as np
from dvclive_nb import Live

def marker(step, k, size=16):
    arr = np.zeros((size, size, 3), np.uint8)
    arr[:, : size // 2] = (0, 60 * k + 10, 0)
    arr[:, size // 2:] = (10 * step, 60 * k + 10, 0)
    return arr

with Live(save_dvc_exp=False, share_steps=6) as live:
    for step in range({STEPS}):
        for k, name in enumerate({SERIES!r}):
            live.log_image(f"{{name}}/{{step}}.png", marker(step, k))
        live.next_step()
'''
KEPT = [0, 2, 4, 7, 9, 11]  # 6 of 12 steps, evenly spaced, the first and last kept


def test_exported_notebook_scrubs_its_saved_steps_offline(tmp_path, page):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(TRAIN)]
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    path = tmp_path / "trained.ipynb"
    nbformat.write(nb, path)
    subprocess.run([sys.executable, "-m", "nbconvert", "--to", "html", str(path)],
                   check=True, capture_output=True)
    html = tmp_path / "trained.html"

    requests, dialogs, errors = open_offline(page, html)
    expect_step(page, KEPT[-1])
    assert page.locator(".dvnb-slider").get_attribute("max") == str(len(KEPT) - 1)
    # The still images are hidden where the viewer runs.
    assert page.locator(".dvnb-static-figs").is_hidden()
    page.locator(".dvnb-slider").focus()
    page.keyboard.press("Home")
    expect_step(page, 0)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect_step(page, 4)
    box = page.locator(".dvnb-stepbox")
    box.fill("7")
    box.press("Enter")
    expect_step(page, 7)
    # Our part of the page asks for nothing: what was blocked is nbconvert's own
    # (its template's scripts from a CDN), never a frame or a file of ours.
    assert not [r for r in requests if "file:" in r or r.startswith("data:")], requests
    assert (dialogs, errors) == ([], [])
