"""``Live(async_images=True)`` in a real JupyterLab 4 and headless Chromium: frames
written by worker threads reach the slider while the cell trains, every step, in order."""

from tests.support.images import FRAME_CODE
from tests.support.pages import (
    cell_busy,
    open_notebook,
    run_all,
    shown_step,
    slider,
    wait_kernel_idle,
    write_notebook,
)
from tests.support.waiting import wait_for

TRAIN = '''
import time
from dvclive_nb import Live

live = Live(save_dvc_exp=False, async_images=True, async_workers=2)
for i in range(40):
    live.log_image(f"pred/{live.step}.png", frame(live.step, 1, size=192))
    live.log_image(f"target/{live.step}.png", frame(live.step, 2, size=64))
    live.log_image("latest.png", frame(live.step, 3))
    time.sleep(0.15)
    live.next_step()
live.end()
'''
COUNT = "import os; print(len(os.listdir('dvclive/plots/images/pred')))"


def test_async_frames_reach_the_slider_in_order(lab, page, workspace):
    write_notebook(workspace / "async.ipynb", FRAME_CODE, TRAIN, COUNT)
    open_notebook(page, lab.url("lab/tree/async.ipynb"))
    run_all(page)

    # The view appears under the training cell while it runs, and advances.
    page.wait_for_selector(".dvnb-slider", timeout=30000)
    first = wait_for(lambda: (s := shown_step(page, "pred", 1, cell=1)) is not None
                     and s + 1, timeout=30, what="a frame") - 1
    later = wait_for(lambda: (s := shown_step(page, "pred", 1, cell=1)) is not None
                     and s > first and s, timeout=15, what="the view to advance")
    assert later > first
    assert cell_busy(page, 1)
    # The preview of the image overwritten each step follows too.
    wait_for(lambda: (s := shown_step(page, "latest.png", 3, cell=1)) is not None
             and s >= later, timeout=10, what="the preview to follow")

    wait_kernel_idle(page, timeout=90)
    wait_for(lambda: not cell_busy(page, 1), timeout=60, what="cell end")
    assert wait_for(lambda: shown_step(page, "pred", 1, cell=1) == 39, timeout=10,
                    what="the last step")
    assert shown_step(page, "target", 2, cell=1) == 39
    assert shown_step(page, "latest.png", 3, cell=1) == 39  # the last write won
    handle = slider(page)
    assert handle.get_attribute("max") == "39"  # every one of the 40 steps, none lost

    # Step through the history: each step shows its own frame, in order.
    handle.focus()
    page.keyboard.press("Home")
    for step in range(40):
        assert wait_for(lambda s=step: shown_step(page, "pred", 1, cell=1) == s
                        and shown_step(page, "target", 2, cell=1) == s,
                        timeout=5, what=f"step {step}")
        assert handle.get_attribute("aria-valuetext") == f"step {step}"
        page.keyboard.press("ArrowRight")

    # The files were all on disk when the cell ended.
    out = page.locator(".jp-CodeCell").nth(2).locator(".jp-OutputArea-output")
    assert wait_for(lambda: out.count() and out.first.text_content().strip(), timeout=10,
                    what="the count") == "40"
