"""The metrics strip: sparklines along the slider, a readout, and scrubbing by click."""

import time

from tests.support.images import FRAME_CODE
from tests.support.pages import (
    add_cell_and_run,
    cell_busy,
    interrupt,
    open_notebook,
    run_all,
    shown_step,
    write_notebook,
)
from tests.support.waiting import wait_for

TRAIN = '''
import time
from dvclive_nb import Live

live = Live(save_dvc_exp=False)
for i in range(400):
    live.log_metric("loss", float(live.step))  # a straight line: loss = step
    live.log_metric("acc", 1 / (live.step + 1))
    if i % 2 == 0:  # images every other step: 0, 2, 4, ...
        live.log_image(f"pred/{live.step}.png", frame(live.step, 1))
    time.sleep(0.15)
    live.next_step()
'''

# The topmost painted row of each column of the "loss" lane (the second: names sort).
LANE_JS = """() => {
  const canvas = document.querySelector('.dvnb-strip-canvas');
  const ctx = canvas.getContext('2d'), dpr = devicePixelRatio;
  const lane = 28 * dpr, top = lane, w = canvas.width;
  const data = ctx.getImageData(0, top, w, lane).data;
  const tops = [];
  for (let x = 0; x < w; x += Math.max(1, Math.floor(w / 40))) {
    let y = 0;
    while (y < lane && data[(y * w + x) * 4 + 3] < 128) y++;
    tops.push(y < lane ? y : null);
  }
  return tops;
}"""


def _readout(page):
    return page.locator(".dvnb-metrics-readout").first.text_content()


def test_strip_readout_and_click(lab, page, workspace):
    write_notebook(workspace / "strip.ipynb", FRAME_CODE, TRAIN)
    open_notebook(page, lab.url("lab/tree/strip.ipynb"))
    run_all(page)
    page.wait_for_selector(".dvnb-strip-canvas", state="visible", timeout=30000)
    wait_for(lambda: (shown_step(page, "pred") or 0) >= 30, timeout=30, what="15 frames")
    assert cell_busy(page, 1)

    # The readout follows the newest step: loss equals the step.
    def following():
        step = shown_step(page, "pred")
        text = _readout(page)
        return f"step {step} · " in text and f"loss {step}" in text and text
    text = wait_for(following, timeout=5, what="the readout at the newest step")
    assert "acc " in text

    # The loss lane is a rising line: its top edge climbs from left to right.
    tops = [t for t in page.evaluate(LANE_JS) if t is not None]
    assert len(tops) > 10 and tops[0] > tops[-1]
    assert all(a >= b for a, b in zip(tops, tops[1:]))

    # A click at a quarter of the strip lands on the step a quarter along the slider.
    lanes = page.locator(".dvnb-strip-lanes").first
    for _ in range(10):
        n = int(page.locator(".dvnb-slider").first.get_attribute("max")) + 1
        box = lanes.bounding_box()
        page.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + 5)
        if int(page.locator(".dvnb-slider").first.get_attribute("max")) + 1 == n:
            break  # no frame came in between: the strip had n steps when clicked
        time.sleep(0.05)
    want = 2 * round(0.25 * (n - 1))
    wait_for(lambda: shown_step(page, "pred") == want, timeout=3, what=f"step {want}")
    assert f"step {want} · " in _readout(page) and f"loss {want}" in _readout(page)
    assert page.locator(".dvnb-slider").first.get_attribute("aria-valuetext") == f"step {want}"

    # The keyboard scrubs from the strip too, and the strip has its accessible name.
    strip = page.get_by_role("slider", name="metrics").first
    strip.focus()
    page.keyboard.press("ArrowRight")
    wait_for(lambda: shown_step(page, "pred") == want + 2, timeout=3, what="one step on")
    assert cell_busy(page, 1)

    # Interrupt; show() of the run on disk has the strip too.
    interrupt(page)
    add_cell_and_run(page, 1, "import dvclive_nb; dvclive_nb.show()")
    page.wait_for_function(
        "() => document.querySelectorAll('.dvnb-metrics-readout').length >= 2 &&"
        " /loss \\d+/.test(document.querySelectorAll('.dvnb-metrics-readout')[1].textContent)",
        timeout=30000)
