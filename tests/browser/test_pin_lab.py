"""Pin a step and compare others with it, while a cell trains."""

import math

from PIL import Image

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
import numpy as np
from dvclive_nb import Live

xs = np.arange(32)[None, :].repeat(32, 0)
def frame(step):  # R = the step, G = (x - 1) * step: a difference that grows along x
    img = np.zeros((32, 32, 3), np.uint8)
    img[..., 0], img[..., 1], img[..., 2] = step, (np.maximum(xs - 1, 0) * step) % 256, 1
    return img

live = Live(save_dvc_exp=False)
for step in range(600):
    live.log_image(f"pred/{step}.png", frame(step))
    time.sleep(0.15)
    live.next_step()
'''

PINNED_STEP_JS = """(sel) => {
  const img = document.querySelector(sel);
  if (!img || !img.complete || !img.naturalWidth) return null;
  const c = document.createElement('canvas');
  c.width = img.naturalWidth; c.height = img.naturalHeight;
  c.getContext('2d').drawImage(img, 0, 0);
  return c.getContext('2d').getImageData(1, 1, 1, 1).data[0];
}"""

DIFF_JS = """() => {
  const fig = document.querySelector('.dvnb-pinned[data-name="pred"] .dvnb-diff');
  if (!fig || !fig.dataset.max) return null;
  const canvas = fig.querySelector('canvas');
  const px = (x) => [...canvas.getContext('2d').getImageData(x, 5, 1, 1).data.slice(0, 3)];
  return {max: Number(fig.dataset.max), steps: fig.dataset.steps,
          px: [px(0), px(10), px(31)], size: [canvas.width, canvas.height]};
}"""


def _heat(t):
    return [math.floor(v * 255 + 0.5) for v in
            (min(1, 3 * t), min(1, max(0, 3 * t - 1)), max(0, 3 * t - 2))]


def _step_of(page, sel):
    return page.evaluate(PINNED_STEP_JS, sel)


def test_pin_side_diff_swipe(lab, page, workspace):
    write_notebook(workspace / "pin.ipynb", TRAIN)
    open_notebook(page, lab.url("lab/tree/pin.ipynb"))
    run_all(page)
    page.wait_for_selector(".dvnb-slider", timeout=30000)
    wait_for(lambda: (shown_step(page, "pred") or 0) >= 8, timeout=30, what="8 steps")

    handle = slider(page)
    handle.focus()
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    wait_for(lambda: shown_step(page, "pred") == 2, timeout=3, what="step 2")
    pin = page.get_by_role("button", name="pin step").first
    pin.click()
    assert pin.get_attribute("aria-pressed") == "true" and "2" in pin.text_content()

    # Side by side: the pinned step stays while the slider moves the current one.
    handle.focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    wait_for(lambda: shown_step(page, "pred") == 6, timeout=3, what="step 6")
    wait_for(lambda: _step_of(page, '.dvnb-pinned[data-name="pred"] img') == 2, timeout=3,
             what="the pinned frame beside it")
    assert cell_busy(page, 0)

    # Difference: |step 6 - step 2| per pixel, the largest channel: max(4, 4(x - 1)).
    page.get_by_role("combobox", name="compare mode").first.select_option("diff")
    diff = wait_for(lambda: page.evaluate(DIFF_JS), timeout=5, what="the difference")
    assert diff["size"] == [32, 32] and diff["steps"] == "steps 6 / 2"
    assert diff["max"] == 120
    assert diff["px"] == [_heat(4 / 120), _heat(36 / 120), _heat(1.0)]

    # Swipe: current over pinned.
    page.get_by_role("combobox", name="compare mode").first.select_option("swipe")
    wait_for(lambda: _step_of(page, '.dvnb-pinned[data-name="pred"] .dvnb-swipe-a') == 6
             and _step_of(page, '.dvnb-pinned[data-name="pred"] .dvnb-swipe-b') == 2,
             timeout=3, what="the swipe of steps 6 and 2")
    assert page.get_by_role("slider", name="swipe position").count() == 1

    # Unpin: the comparison goes away.
    pin.click()
    wait_for(lambda: page.locator('.dvnb-pinned[data-name="pred"] *').count() == 0,
             timeout=3, what="unpinned")
    assert pin.get_attribute("aria-pressed") == "false"
    assert cell_busy(page, 0)

    # Export: asked while busy, answered once the kernel is idle, as a download.
    page.get_by_role("button", name="export").first.click()
    assert "once the kernel is idle" in page.locator(".dvnb-export-note").first.text_content()
    with page.expect_download(timeout=60000) as download:
        interrupt(page)
    assert download.value.suggested_filename == "pred.gif"
    gif = Image.open(download.value.path())
    steps = int(page.locator(".dvnb-slider").first.get_attribute("max")) + 1
    assert gif.n_frames == steps  # every frame of the series (distinct steps differ)
    gif.seek(3)
    assert gif.convert("RGB").getpixel((20, 20))[0] == 3  # step 3's red channel
