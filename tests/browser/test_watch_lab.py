"""show() following a run that another process writes, in JupyterLab: the slider
advances while it runs (with the kernel idle, then busy with another cell), scrubbing
back is not undone by new frames, and the view ends on the run's last step."""

import subprocess
import sys
import time

from tests.support.pages import (
    cell_busy,
    open_notebook,
    run_all,
    shown_step,
    slider,
    write_notebook,
)
from tests.support.scripts import writer
from tests.support.waiting import wait_for

WRITER = writer("ext-run")
SHOW = "import dvclive_nb\ndvclive_nb.show('ext-run')"
BUSY = "import time\ntime.sleep(6)"
STEPS = 50


def test_show_follows_another_process(lab, page, workspace):
    (workspace / "writer.py").write_text(WRITER)
    write_notebook(workspace / "watch.ipynb", SHOW, BUSY)
    open_notebook(page, lab.url("lab/tree/watch.ipynb"))
    (workspace / "ext-run").mkdir()  # the run has started, no image yet
    writer = subprocess.Popen([sys.executable, "writer.py", str(STEPS), "0.3"], cwd=workspace)
    try:
        # show() starts when the run already holds frames: it lists the older ones, and
        # their bytes must reach the page although the next cell keeps the kernel busy.
        wait_for((workspace / "ext-run/plots/images/pred/2.png").exists,
                 timeout=30, what="three frames on disk")
        run_all(page)
        # It advances while the writer runs, and the other cell keeps the kernel busy.
        first = wait_for(lambda: (s := shown_step(page, "pred", 3)) is not None and s + 1,
                         timeout=30, what="a first frame") - 1
        wait_for(lambda: cell_busy(page, 1), timeout=10, what="the busy cell")
        # (Past step 3, so that step 1 below is not the newest: there the view follows.)
        later = wait_for(lambda: (s := shown_step(page, "pred", 3) or 0) > max(first, 3) and s,
                         timeout=10, what="the view to advance")
        assert cell_busy(page, 1)
        status = page.locator(".dvnb-status").first.text_content()
        assert status == "● following ext-run"
        # Scrub back: new frames widen the range but do not move the view.
        handle = slider(page)
        handle.focus()
        page.keyboard.press("Home")
        assert wait_for(lambda: shown_step(page, "pred", 3) == 0, timeout=5, what="step 0")
        page.keyboard.press("ArrowRight")
        assert wait_for(lambda: shown_step(page, "pred", 3) == 1, timeout=5, what="step 1")
        width = int(handle.get_attribute("max"))
        wait_for(lambda: int(handle.get_attribute("max")) > width + 2, timeout=10,
                 what="more frames while scrubbed back")
        assert shown_step(page, "pred", 3) == 1
        assert writer.poll() is None and later < STEPS - 1
        # Latest follows again, to the run's last step once the writer is done.
        page.locator(".dvnb-latest").first.click()
        assert writer.wait(60) == 0
        assert wait_for(lambda: shown_step(page, "pred", 3) == STEPS - 1, timeout=15,
                        what="the last step")
        assert int(handle.get_attribute("max")) == STEPS - 1
    finally:
        writer.kill()
    time.sleep(0.5)
    assert page.get_by_text("Traceback").count() == 0
