"""The slider in a real JupyterLab 4 and headless Chromium, while training runs."""

import time

from tests.support.images import FRAME_CODE
from tests.support.pages import (
    FRAMES_HELD_JS,
    cell_busy,
    open_notebook,
    run_all,
    shown_step,
    slider,
    steps_while_playing,
    wait_kernel_idle,
    write_notebook,
)
from tests.support.waiting import wait_for

TRAIN = '''
import time
from dvclive_nb import Live

live = Live(save_dvc_exp=False)
for i in range(70):
    if i % 2 == 0:  # sparse steps: 0, 2, 4, ...
        live.log_image(f"pred/{live.step}.png", frame(live.step, 1))
        live.log_image(f"target/{live.step}.png", frame(live.step, 2))
    if i % 4 == 0:  # a series with other steps: 0, 4, 8, ...
        live.log_image(f"coarse/{live.step}.png", frame(live.step, 4))
    time.sleep(0.25)
    live.next_step()
live.end()
'''


def test_slider_live_scrub_follow_play_typed_step(lab, page, workspace, screenshot_dir):
    write_notebook(workspace / "train.ipynb", FRAME_CODE, TRAIN)
    open_notebook(page, lab.url("lab/tree/train.ipynb"))
    run_all(page)

    # The slider appears during training and advances.
    page.wait_for_selector(".dvnb-slider", timeout=30000)
    first = wait_for(lambda: shown_step(page, "pred", tag=1) is not None and
                     shown_step(page, "pred", tag=1), timeout=20, what="a frame") or 0
    # (Past step 4: below, stepping onto the newest step would follow again.)
    later = wait_for(lambda: (s := shown_step(page, "pred", 1)) is not None
                     and s > max(first, 4) and s, timeout=15, what="the view to advance")
    assert later > first and later % 2 == 0
    assert cell_busy(page, 1)
    # Synced panels: "target" is logged just after "pred", so a flush may fall
    # between them and leave it one step behind for at most one flush (1/30 s).
    assert wait_for(lambda: (p := shown_step(page, "pred", 1)) is not None
                    and shown_step(page, "target", tag=2) == p, timeout=3,
                    what="the panels to show one step")

    # Scrub back while the cell is still [*]: the older frame shows at once.
    handle = slider(page)
    handle.focus()
    page.keyboard.press("Home")
    assert wait_for(lambda: shown_step(page, "pred", 1) == 0, timeout=3, what="step 0")
    page.keyboard.press("ArrowRight")
    assert wait_for(lambda: shown_step(page, "pred", 1) == 2, timeout=3, what="step 2")
    assert handle.get_attribute("aria-valuetext") == "step 2"
    assert shown_step(page, "coarse", 4) == 0  # its frame at or before step 2
    assert handle.evaluate("e => e.type") == "range"  # implicit ARIA role: slider
    assert cell_busy(page, 1)

    # Follow does not yank the user back while new frames arrive.
    n_before = int(handle.get_attribute("max"))
    time.sleep(1.5)
    assert int(handle.get_attribute("max")) > n_before  # the range grew
    assert shown_step(page, "pred", 1) == 2

    # "Latest" re-follows.
    page.locator(".dvnb-latest").first.click()
    now = wait_for(lambda: (s := shown_step(page, "pred", 1)) and s > later and s,
                   timeout=5, what="latest")
    wait_for(lambda: (s := shown_step(page, "pred", 1)) > now and s, timeout=5,
             what="following again")
    if screenshot_dir:
        page.locator(".jp-CodeCell").nth(1).screenshot(path=str(screenshot_dir / "slider.png"))

    # Scrub back again, then let the cell finish: no replay of stale positions.
    handle.focus()
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert wait_for(lambda: shown_step(page, "pred", 1) == 4, timeout=3, what="step 4")
    wait_kernel_idle(page, timeout=60)
    wait_for(lambda: not cell_busy(page, 1), timeout=30, what="cell end")
    time.sleep(1.0)
    assert shown_step(page, "pred", 1) == 4
    assert int(handle.get_attribute("max")) == 34  # 35 logged steps: 0, 2, ..., 68

    # Small frames are scaled up without blur; 1:1 shows them at actual size.
    img = page.locator('.dvnb-panel[data-name="pred"] img').first
    assert "dvnb-pixelated" in img.get_attribute("class")
    assert img.evaluate("e => e.getBoundingClientRect().width") == 256  # 32 px x 8
    page.locator(".dvnb-size").first.click()
    assert img.evaluate("e => e.getBoundingClientRect().width") == 32
    page.locator(".dvnb-size").first.click()
    caption = page.locator('.dvnb-panel[data-name="pred"] figcaption').first.text_content()
    assert caption == "pred · 32×32"  # at the selected step: the step box says which

    # A typed step jumps to the nearest logged one.
    box = page.locator(".dvnb-stepbox").first
    box.fill("17")
    box.press("Enter")
    assert wait_for(lambda: shown_step(page, "pred", 1) == 16, timeout=3, what="step 16")
    box.fill("51")
    box.press("Enter")
    assert wait_for(lambda: shown_step(page, "pred", 1) == 50, timeout=3, what="step 50")

    # Play animates, looping.
    seen = steps_while_playing(page, "pred", 1, seconds=4)
    assert len(seen) >= 10
    assert 0 in seen or 2 in seen  # wrapped around from the end

    # The static fallback is hidden next to the live view.
    assert not page.locator(".dvnb-static").first.is_visible()


QUICK = '''
from dvclive_nb import Live

live = Live("run2", save_dvc_exp=False)
for i in range(12):
    live.log_image(f"pred/{live.step}.png", frame(live.step, 1))
    live.next_step()
live.end()
'''


def test_static_fallback_and_show_after_kernel_restart(lab, page, workspace):
    write_notebook(workspace / "restart.ipynb", FRAME_CODE, QUICK)
    open_notebook(page, lab.url("lab/tree/restart.ipynb"))
    run_all(page)
    wait_for(lambda: shown_step(page, "pred", 1) == 11, timeout=30, what="last frame")
    wait_for(lambda: not cell_busy(page, 1), timeout=30, what="cell end")

    # Restart the kernel, save, reload: the dead widget must not show as broken; the
    # static fallback (the last frame and its step) shows instead.
    page.locator(".lm-MenuBar-itemLabel", has_text="Kernel").first.click()
    page.locator(".lm-Menu-item", has_text="Restart Kernel…").first.click()
    page.locator(".jp-Dialog-button.jp-mod-accept").click()
    wait_kernel_idle(page)
    page.keyboard.press("Control+s")
    time.sleep(1.5)
    open_notebook(page, lab.url("lab/tree/restart.ipynb"))
    static = page.locator(".dvnb-static").first
    static.wait_for(state="visible", timeout=15000)
    assert "pred · step 11" in static.text_content()
    time.sleep(2.5)  # ipywidgets gives up on a missing model after 2 s
    errors = page.get_by_text("Error displaying widget")
    assert all(not errors.nth(i).is_visible() for i in range(errors.count()))

    # show() in a new cell rebuilds the view from disk.
    page.locator(".jp-CodeCell").nth(1).click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    page.keyboard.press("Enter")  # edit the new cell
    page.keyboard.type("import dvclive_nb; dvclive_nb.show('run2')")
    page.keyboard.press("Shift+Enter")
    wait_for(lambda: shown_step(page, "pred", 1) == 11, timeout=30, what="show() view")
    live_slider = page.locator(".dvnb-slider:visible").first
    assert live_slider.get_attribute("max") == "11"
    live_slider.focus()
    page.keyboard.press("Home")
    assert wait_for(lambda: shown_step(page, "pred", 1) == 0, timeout=5, what="step 0")


CAPPED = '''
import numpy as np
from dvclive_nb import Live

rng = np.random.default_rng(0)
live = Live("run3", save_dvc_exp=False, browser_cache_mb=1)
for i in range(40):
    noise = rng.integers(0, 256, (160, 160, 3), np.uint8)  # ~77 KB as PNG
    noise[..., 0], noise[..., 1], noise[..., 2] = live.step, 0, 5
    noise[4:, 4:] = rng.integers(0, 256, (156, 156, 3), np.uint8)
    live.log_image(f"pred/{live.step}.png", noise)
    live.next_step()
'''


def test_frames_past_the_memory_cap_stay_reachable(lab, page, workspace):
    write_notebook(workspace / "capped.ipynb", CAPPED)
    open_notebook(page, lab.url("lab/tree/capped.ipynb"))
    run_all(page)
    wait_for(lambda: shown_step(page, "pred", 5) == 39, timeout=60, what="last frame")
    held = page.evaluate(FRAMES_HELD_JS)
    assert held[1] <= 1024 * 1024 and held[0] < 40  # older frames were dropped
    slider(page).focus()
    page.keyboard.press("Home")  # step 0 is no longer in the page: fetched from the kernel
    assert wait_for(lambda: shown_step(page, "pred", 5) == 0, timeout=15, what="step 0")
