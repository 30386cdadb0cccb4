"""Many series in one view: a grid of tiles on one slider, with a filter and tile size
(here the samples of ``samples/{k}/{step}``, their index axis laid out as tiles)."""

from tests.support.images import FRAME_CODE
from tests.support.pages import (
    cell_busy,
    interrupt,
    open_notebook,
    run_all,
    shown_step,
    slider,
    write_notebook,
)
from tests.support.waiting import wait_for

TRAIN = '''
import time
from dvclive_nb import Live

live = Live(save_dvc_exp=False)
for step in range(400):
    for k in range(12):  # 12 samples a step, each its own series
        live.log_image(f"samples/{k}/{step}.png", frame(step, k + 1, size=16))
    time.sleep(0.2)
    live.next_step()
'''

VISIBLE_JS = """() => [...document.querySelectorAll('.dvnb-panel')]
  .filter(f => f.offsetParent !== null).map(f => f.dataset.name)"""


def _steps(page, names):
    return {shown_step(page, n, tag=int(n.split("/")[1]) + 1) for n in names}


def test_grid_filter_and_size(lab, page, workspace):
    write_notebook(workspace / "grid.ipynb", FRAME_CODE, TRAIN)
    open_notebook(page, lab.url("lab/tree/grid.ipynb"))
    run_all(page)
    # samples/{k}/{step} is one series with a sample slider (index_sliders.js): one
    # panel, until the sample axis is laid out as tiles, which makes the grid.
    tiles = page.get_by_role("checkbox", name="samples/{0} as tiles").first
    tiles.wait_for(timeout=30000)
    assert page.evaluate(VISIBLE_JS) == ["samples/0"]
    tiles.check()
    page.wait_for_selector(".dvnb-panels.dvnb-gridded", timeout=30000)
    count = page.locator(".dvnb-grid-count").first
    wait_for(lambda: count.text_content() == "12 of 12 series", timeout=10, what="12 tiles")
    names = [f"samples/{k}" for k in range(12)]
    assert sorted(page.evaluate(VISIBLE_JS)) == sorted(names)

    # One slider: scrubbed back, every tile shows that step of its own series.
    handle = slider(page)
    # (Past step 4 first: stepping onto the newest step would follow again.)
    wait_for(lambda: int(handle.get_attribute("max")) >= 4, timeout=10, what="5 steps")
    handle.focus()
    page.keyboard.press("Home")
    wait_for(lambda: _steps(page, names) == {0}, timeout=5, what="step 0 everywhere")
    page.keyboard.press("ArrowRight")
    wait_for(lambda: _steps(page, names) == {1}, timeout=5, what="step 1 everywhere")
    assert cell_busy(page, 1)

    # The filter keeps the names that contain it.
    search = page.get_by_role("searchbox", name="filter series").first
    search.fill("samples/1")
    seen = []
    for _ in range(10):  # right after the filter, and for a while: still step 1
        seen.append(handle.get_attribute("aria-valuetext"))
        seen.append(_steps(page, ["samples/1", "samples/10", "samples/11"]))
    wait_for(lambda: sorted(page.evaluate(VISIBLE_JS)) ==
             ["samples/1", "samples/10", "samples/11"], timeout=3, what="three tiles")
    assert count.text_content() == "3 of 12 series"
    assert seen == ["step 1", {1}] * 10, seen

    # Tile size: the largest makes 16-pixel frames 256 pixels wide, sharp.
    size = page.get_by_role("slider", name="tile size").first
    size.focus()
    page.keyboard.press("End")
    img = page.locator('.dvnb-panel[data-name="samples/10"] img').first
    wait_for(lambda: img.evaluate("e => e.getBoundingClientRect().width") == 256, timeout=3,
             what="256-pixel tiles")
    assert img.evaluate("e => getComputedStyle(e).imageRendering") == "pixelated"
    search.fill("")
    wait_for(lambda: len(page.evaluate(VISIBLE_JS)) == 12, timeout=3, what="all tiles again")
    assert cell_busy(page, 1)
    interrupt(page)
