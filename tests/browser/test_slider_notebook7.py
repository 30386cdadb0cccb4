"""The slider in Notebook 7 (jupyter notebook): live, scrub, follow, typed step, Play."""

import time

from tests.support.images import FRAME_CODE
from tests.support.pages import (
    cell_busy,
    open_notebook,
    run_all,
    shown_step,
    slider,
    steps_while_playing,
    write_notebook,
)
from tests.support.waiting import wait_for

TRAIN = '''
import time
from dvclive_nb import Live

live = Live("run7", save_dvc_exp=False)
for i in range(50):
    live.log_image(f"pred/{live.step}.png", frame(live.step, 3))
    time.sleep(0.25)
    live.next_step()
live.end()
'''


def test_slider_in_notebook7(notebook7, page, workspace):
    write_notebook(workspace / "train7.ipynb", FRAME_CODE, TRAIN)
    open_notebook(page, notebook7.url("notebooks/train7.ipynb"))
    run_all(page)
    page.wait_for_selector(".dvnb-slider", timeout=30000)
    first = wait_for(lambda: shown_step(page, "pred", 3), timeout=20, what="a frame")
    # (Past step 3: stepping onto the newest step below would follow again.)
    wait_for(lambda: (shown_step(page, "pred", 3) or 0) > max(first, 3), timeout=15,
             what="advance")
    assert cell_busy(page, 1)

    # Scrub back while busy; new frames do not yank the view; Latest follows again.
    slider(page).focus()
    page.keyboard.press("Home")
    assert wait_for(lambda: shown_step(page, "pred", 3) == 0, timeout=3, what="step 0")
    page.keyboard.press("ArrowRight")
    assert wait_for(lambda: shown_step(page, "pred", 3) == 1, timeout=3, what="step 1")
    time.sleep(1.0)
    assert shown_step(page, "pred", 3) == 1
    assert cell_busy(page, 1)
    now = int(slider(page).get_attribute("max"))
    page.locator(".dvnb-latest").first.click()
    wait_for(lambda: (shown_step(page, "pred", 3) or 0) > now, timeout=10, what="following")

    # After the cell: a typed step, then Play.
    wait_for(lambda: not cell_busy(page, 1), timeout=60, what="cell end")
    box = page.locator(".dvnb-stepbox").first
    box.fill("23")
    box.press("Enter")
    assert wait_for(lambda: shown_step(page, "pred", 3) == 23, timeout=3, what="step 23")
    assert len(steps_while_playing(page, "pred", 3)) >= 8
