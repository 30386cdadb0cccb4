"""The slider in Notebook 7 (jupyter notebook): appears, advances, scrubs while busy."""

import time

from helpers import (FRAME_CODE, cell_busy, open_notebook, run_all, shown_step, slider,
                     wait_for, write_notebook)

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
    wait_for(lambda: (shown_step(page, "pred", 3) or 0) > first, timeout=10, what="advance")
    assert cell_busy(page, 1)
    slider(page).focus()
    page.keyboard.press("Home")
    assert wait_for(lambda: shown_step(page, "pred", 3) == 0, timeout=3, what="step 0")
    page.keyboard.press("ArrowRight")
    assert wait_for(lambda: shown_step(page, "pred", 3) == 1, timeout=3, what="step 1")
    time.sleep(1.0)
    assert shown_step(page, "pred", 3) == 1  # not yanked back by new frames
    assert cell_busy(page, 1)
