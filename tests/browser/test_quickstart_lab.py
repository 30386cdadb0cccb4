"""notebooks/quickstart.ipynb as a new user meets it (issue 21): in a fresh demo folder made
by ``binder/prepare-demo``, JupyterLab's Run All Cells, then, once the kernel is idle, the
series cell still holds a live slider, and scrubbing it changes the frame on screen.

The later cells make more ``Live`` objects: this is what once took the headline slider
away, leaving only the static fallback under the cell that introduces it.
"""

import os
import subprocess
import sys
from pathlib import Path

from tests.support.pages import READ_PIXEL_JS, open_notebook, run_all, wait_kernel_idle
from tests.support.waiting import wait_for

ROOT = Path(__file__).resolve().parents[2]
SERIES_CELL = 2  # the third code cell logs numpy/{step}.png and inverse/{step}.png


def grey(page, name):
    """The grey level panel ``name`` of the series cell shows (None: no frame yet).

    The quickstart's frames are flat: ``numpy`` at step i is i * 10 everywhere.
    """
    got = page.evaluate(READ_PIXEL_JS, [name, SERIES_CELL])
    return None if got is None else got[1]  # blue = the grey level


def test_quickstart_run_all_leaves_a_live_slider_under_its_series_cell(lab, page, workspace):
    demo = workspace / "quickstart-demo"
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    subprocess.run([ROOT / "binder" / "prepare-demo", demo], check=True, env=env,
                   capture_output=True)
    open_notebook(page, lab.url("lab/tree/quickstart-demo/quickstart.ipynb"))
    run_all(page)
    last = page.locator(".jp-CodeCell .jp-InputPrompt").last
    wait_for(lambda: "[4]" in (last.text_content() or ""), timeout=120,
             what="the last cell to run")
    wait_kernel_idle(page)

    cell = page.locator(".jp-CodeCell").nth(SERIES_CELL)
    cell.scroll_into_view_if_needed()  # Lab skips painting (and exposing) off-screen cells
    output = cell.locator(".jp-OutputArea")
    sliders = output.get_by_role("slider", name="step", exact=True)
    wait_for(lambda: sliders.count() == 1 or None, timeout=20,
             what="one step slider under the series cell")
    # The fallback is in the output too (for where widgets do not render), hidden here.
    assert output.locator(".dvnb-static:visible").count() == 0, "the fallback shows instead"
    for other in (0, 1, 3):  # the headline slider is the series cell's alone
        assert page.locator(".jp-CodeCell").nth(other).get_by_role(
            "slider", name="step", exact=True).count() == 0
    slider = sliders.first
    assert slider.is_enabled()
    assert slider.get_attribute("max") == "9"
    wait_for(lambda: grey(page, "numpy") == 90 or None, timeout=10, what="the last frame")

    # Scrub with the keyboard: the frame on screen follows, for both series.
    slider.focus()
    page.keyboard.press("Home")
    wait_for(lambda: grey(page, "numpy") == 0 and grey(page, "inverse") == 255 or None,
             timeout=10, what="step 0 on screen")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    wait_for(lambda: grey(page, "numpy") == 30 and grey(page, "inverse") == 225 or None,
             timeout=10, what="step 3 on screen")
    assert slider.get_attribute("aria-valuetext") == "step 3"
    assert output.get_by_role("spinbutton", name="go to step").input_value() == "3"

    # And with the mouse: a click near the right end of the track shows a late frame.
    box = slider.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 3, box["y"] + box["height"] / 2)
    wait_for(lambda: (grey(page, "numpy") or 0) >= 80 or None, timeout=10,
             what="a late step after a click on the track")
