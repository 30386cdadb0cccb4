"""Brightness, contrast, auto contrast and colour maps change the pixels as specified."""

import io

from PIL import Image

from tests.support.pages import cell_busy, interrupt, open_notebook, run_all, write_notebook
from tests.support.waiting import wait_for

TRAIN = '''
import time
import numpy as np
from dvclive_nb import Live

grey = np.full((64, 64), 50, np.uint8)
grey[:, 32:] = 150  # left half 50, right half 150
rgb = np.zeros((64, 64, 3), np.uint8)
rgb[:, :32], rgb[:, 32:] = (200, 40, 40), (40, 200, 40)

live = Live(save_dvc_exp=False)
for step in range(600):
    live.log_image(f"grey/{step}.png", grey)
    live.log_image(f"rgb/{step}.png", rgb)
    time.sleep(0.1)
    live.next_step()
'''

VIRIDIS_0, VIRIDIS_1 = (68, 1, 84), (253, 231, 37)


def _halves(page, name):
    """The on-screen colour at the middle of the left and right halves of a panel."""
    box = page.locator(f'.dvnb-panel[data-name="{name}"] .dvnb-stage').first.bounding_box()
    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    y = int(box["y"] + box["height"] / 2)
    return (shot.getpixel((int(box["x"] + box["width"] / 4), y)),
            shot.getpixel((int(box["x"] + 3 * box["width"] / 4), y)))


def _close(got, want, tol=2):
    return all(abs(g - w) <= tol for g, w in zip(got, want))


def _expect(page, name, left, right, what):
    def ok():
        a, b = _halves(page, name)
        return _close(a, left) and _close(b, right)

    try:
        wait_for(ok, timeout=3, interval=0.2, what=what)
    except AssertionError:
        raise AssertionError(f"{what}: {name} shows {_halves(page, name)}, "
                             f"not {(left, right)}") from None


def _press(page, label, key, times):
    control = page.get_by_role("slider", name=label).first
    control.focus()
    for _ in range(times):
        page.keyboard.press(key)


def test_windowing_while_training(lab, page, workspace, screenshot_dir):
    write_notebook(workspace / "tone.ipynb", TRAIN)
    open_notebook(page, lab.url("lab/tree/tone.ipynb"))
    run_all(page)
    page.wait_for_selector('.dvnb-panel[data-name="rgb"] img[src]', timeout=30000)
    page.mouse.move(5, 5)
    _expect(page, "grey", (50,) * 3, (150,) * 3, "the file's own values")
    _expect(page, "rgb", (200, 40, 40), (40, 200, 40), "the file's own values")
    assert cell_busy(page, 0)

    # Contrast x2 about mid-grey: (v - .5) * 2 + .5, clamped.
    _press(page, "contrast", "ArrowRight", 4)
    _expect(page, "grey", (0,) * 3, (172,) * 3, "contrast x2")
    _press(page, "contrast", "Home", 1)
    _press(page, "contrast", "ArrowRight", 12)  # back to x1 (from x1/8)
    # Brightness +0.2: v + .2.
    _press(page, "brightness", "ArrowRight", 4)
    _expect(page, "grey", (101,) * 3, (201,) * 3, "brightness +0.2")
    _press(page, "brightness", "ArrowLeft", 4)
    _expect(page, "grey", (50,) * 3, (150,) * 3, "back to plain")

    # Auto stretches each frame to its own range: grey 50..150 and RGB 40..200 to 0..255.
    auto = page.get_by_role("button", name="auto contrast").first
    auto.focus()
    page.keyboard.press("Enter")
    assert auto.get_attribute("aria-pressed") == "true"
    _expect(page, "grey", (0,) * 3, (255,) * 3, "auto contrast")
    _expect(page, "rgb", (255, 0, 0), (0, 255, 0), "auto contrast")

    # A colour map colours single-channel images only.
    page.get_by_role("combobox", name="colour map").first.select_option("viridis")
    _expect(page, "grey", VIRIDIS_0, VIRIDIS_1, "viridis")
    _expect(page, "rgb", (255, 0, 0), (0, 255, 0), "no map on RGB")
    assert cell_busy(page, 0)

    # The readout still gives the file's values.
    box = page.locator('.dvnb-panel[data-name="grey"] .dvnb-stage').first.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.75, box["y"] + box["height"] / 2)
    wait_for(lambda: page.locator(".dvnb-pixel").first.text_content().endswith("grey 150"),
             timeout=3, what="the file's value in the readout")
    if screenshot_dir:
        page.locator(".jp-OutputArea").first.screenshot(path=str(screenshot_dir / "tone.png"))
    interrupt(page)
