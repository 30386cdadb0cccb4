"""Where views appear, in JupyterLab: a later cell that goes on training, and a cell
that calls ``clear_output(wait=True)`` every epoch (dvclive_nb/_cells.py)."""

import time

from tests.support.images import FRAME_CODE
from tests.support.pages import (
    cell_busy,
    open_notebook,
    run_all,
    shown_step,
    wait_kernel_idle,
    write_notebook,
)
from tests.support.waiting import wait_for

SETUP = '''
import time
from IPython.display import clear_output
from dvclive_nb import Live

live = Live("cells-run", save_dvc_exp=False)
def train(n, pause):
    for _ in range(n):
        live.log_image(f"pred/{live.step}.png", frame(live.step, 7))
        time.sleep(pause)
        live.next_step()
'''
FIRST = "train(10, 0.02)"           # steps 0-9
LATER = "train(30, 0.25)"           # steps 10-39, slowly: checked while it runs
CLEARING = '''
for epoch in range(6):              # steps 40-45
    clear_output(wait=True)
    print(f"epoch {epoch}")
    train(1, 0.1)
'''
FIRST_CELL, LATER_CELL, CLEAR_CELL = 2, 3, 4


def views_in(page, cell):
    return page.locator(".jp-CodeCell").nth(cell).locator(".dvnb-slider")


def test_later_cell_and_clear_output_loop(lab, page, workspace):
    write_notebook(workspace / "cells.ipynb", FRAME_CODE, SETUP, FIRST, LATER, CLEARING)
    open_notebook(page, lab.url("lab/tree/cells.ipynb"))
    run_all(page)

    # The later cell shows a view of its own while it trains, on the newest step...
    wait_for(lambda: views_in(page, LATER_CELL).count() == 1, timeout=60,
             what="a view under the later cell")
    newest = wait_for(lambda: (s := shown_step(page, "pred", 7, cell=LATER_CELL)) and s > 12
                      and s, timeout=30, what="the later view to advance")
    assert cell_busy(page, LATER_CELL)
    # ...and it holds the whole history: Home goes back to step 0, while busy.
    views_in(page, LATER_CELL).first.focus()
    page.keyboard.press("Home")
    assert wait_for(lambda: shown_step(page, "pred", 7, cell=LATER_CELL) == 0, timeout=5,
                    what="step 0 in the later view")
    assert cell_busy(page, LATER_CELL)
    # The earlier cell's view is the same model: live, and it scrubs (both move).
    earlier = views_in(page, FIRST_CELL)
    assert earlier.count() == 1
    earlier.first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert wait_for(lambda: shown_step(page, "pred", 7, cell=FIRST_CELL) == 2, timeout=5,
                    what="step 2 in the earlier view")
    assert shown_step(page, "pred", 7, cell=LATER_CELL) == 2
    assert int(earlier.first.get_attribute("max")) >= newest
    page.locator(".jp-CodeCell").nth(FIRST_CELL).locator(".dvnb-latest").click()
    assert wait_for(lambda: (shown_step(page, "pred", 7, cell=FIRST_CELL) or 0) >= newest,
                    timeout=10, what="the earlier view to follow again")

    # The clear_output(wait=True) loop: when it ends, its cell still holds a live view
    # on the last frame, below what it printed last.
    wait_for(lambda: not cell_busy(page, CLEAR_CELL) and
             page.locator(".jp-CodeCell").nth(CLEAR_CELL).locator(".jp-InputPrompt")
             .text_content().strip() not in ("[ ]:", "[ ]"), timeout=90, what="the loop to end")
    wait_kernel_idle(page)
    clearing = page.locator(".jp-CodeCell").nth(CLEAR_CELL)
    assert wait_for(lambda: shown_step(page, "pred", 7, cell=CLEAR_CELL) == 45, timeout=10,
                    what="the last frame under the clearing cell")
    assert clearing.locator(".dvnb-slider").count() == 1
    assert clearing.locator(".jp-OutputArea-output").first.text_content().strip() == "epoch 5"
    assert clearing.locator(".dvnb[class*='dvnb-live-']").count() == 1  # connected, live
    assert not clearing.locator(".dvnb-static").first.is_visible()  # its fallback hides
    assert clearing.locator(".dvnb-static").count() == 1
    # It is a live slider: scrub it back, and the first cell's view scrubs along.
    clearing.locator(".dvnb-slider").focus()
    page.keyboard.press("Home")
    assert wait_for(lambda: shown_step(page, "pred", 7, cell=CLEAR_CELL) == 0, timeout=5,
                    what="step 0 under the clearing cell")
    time.sleep(0.3)
    assert shown_step(page, "pred", 7, cell=FIRST_CELL) == 0
