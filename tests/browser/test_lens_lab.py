"""Zoom, pan and the pixel readout, linked across panels, while a cell trains."""

from tests.support.pages import cell_busy, interrupt, open_notebook, run_all, write_notebook
from tests.support.waiting import wait_for

TRAIN = '''
import time
import numpy as np
from dvclive_nb import Live

ys, xs = np.mgrid[0:64, 0:64]
def frame(tag):  # every pixel says where it is: R = 3x, G = 3y, B = tag
    return np.stack([xs * 3, ys * 3, np.full_like(xs, tag)], -1).astype(np.uint8)

live = Live(save_dvc_exp=False)
for step in range(400):
    live.log_image(f"pred/{step}.png", frame(1))
    live.log_image(f"target/{step}.png", frame(2))
    live.log_image(f"mask/{step}.png", ((xs + ys) % 256).astype(np.uint8))  # greyscale
    time.sleep(0.1)
    live.next_step()
'''

# Where the image of a panel is on screen, and how it is drawn.
IMG_JS = """(name) => {
  const img = document.querySelector(`.dvnb-panel[data-name="${name}"] img`);
  const r = img.getBoundingClientRect(), s = img.parentElement.getBoundingClientRect();
  return {left: r.left, top: r.top, width: r.width, height: r.height,
          stage: [s.left, s.top, s.width, s.height], nw: img.naturalWidth,
          rendering: getComputedStyle(img).imageRendering, transform: img.style.transform};
}"""


def _img(page, name):
    return page.evaluate(IMG_JS, name)


def _expected_pixel(box, x, y):
    """The image pixel under screen point (x, y), from where the image is drawn."""
    return (int((x - box["left"]) / box["width"] * box["nw"]),
            int((y - box["top"]) / box["height"] * box["nw"]))


def _fractions(box):
    """The stage's top-left corner, as fractions of the image's width and height."""
    return (round((box["stage"][0] - box["left"]) / box["width"], 3),
            round((box["stage"][1] - box["top"]) / box["height"], 3))


def test_zoom_pan_and_readout_are_linked_and_exact(lab, page, workspace):
    write_notebook(workspace / "lens.ipynb", TRAIN)
    open_notebook(page, lab.url("lab/tree/lens.ipynb"))
    run_all(page)
    page.wait_for_selector('.dvnb-panel[data-name="mask"] img[src]', timeout=30000)
    wait_for(lambda: _img(page, "target")["nw"] == 64, timeout=10, what="frames")
    assert cell_busy(page, 0)

    # Wheel over pred, a quarter of the way in: both panels zoom about the same point.
    pred = _img(page, "pred")
    sx, sy, sw, sh = pred["stage"]
    page.mouse.move(sx + sw / 4, sy + sh / 4)
    page.mouse.wheel(0, -400)
    wait_for(lambda: _img(page, "pred")["width"] > 2 * sw, timeout=3, what="zoom")
    page.wait_for_timeout(100)
    pred, target = _img(page, "pred"), _img(page, "target")
    assert pred["transform"] and pred["transform"] == target["transform"]
    assert _fractions(pred) == _fractions(target)  # the same region of both
    assert pred["rendering"] == "pixelated"  # sharp pixels past 1:1
    zoom = page.locator(".dvnb-zoom").first.get_attribute("aria-valuetext")
    assert zoom.endswith("×") and float(zoom[:-1]) > 2
    # The point under the cursor stayed put.
    assert abs((sx + sw / 4 - pred["left"]) / pred["width"] - 0.25) < 0.02

    # Hover: the readout is the file's pixel, at this zoom.
    for name, tag in (("pred", 1), ("target", 2)):
        box = _img(page, name)
        x, y = box["stage"][0] + 37.3, box["stage"][1] + 21.6
        page.mouse.move(x, y)
        px, py = _expected_pixel(box, x, y)
        want = f"{name} · x {px}, y {py} · RGB({3 * px}, {3 * py}, {tag})"
        wait_for(lambda w=want: page.locator(".dvnb-pixel").first.text_content() == w,
                 timeout=3, what=f"readout {want}")
    box = _img(page, "mask")
    x, y = box["stage"][0] + 11.5, box["stage"][1] + 30.5
    page.mouse.move(x, y)
    px, py = _expected_pixel(box, x, y)
    want = f"mask · x {px}, y {py} · grey {(px + py) % 256}"
    readout = page.locator(".dvnb-pixel").first
    wait_for(lambda: readout.text_content() == want, timeout=3,
             what=f"{want}, not {readout.text_content()}")

    # Drag pred: every panel pans by the same fraction.
    before = _fractions(_img(page, "target"))
    pred = _img(page, "pred")
    sx, sy, sw, sh = pred["stage"]
    page.mouse.move(sx + sw / 2, sy + sh / 2)
    page.mouse.down()
    page.mouse.move(sx + sw / 2 + 20, sy + sh / 2 + 10, steps=5)
    page.mouse.up()
    page.wait_for_timeout(100)
    after_pred, after_target = _fractions(_img(page, "pred")), _fractions(_img(page, "target"))
    assert after_pred == after_target
    assert after_target[0] < before[0] and after_target[1] < before[1]  # moved up-left
    assert cell_busy(page, 0)

    # Double-click resets; the keyboard zooms too, and "reset zoom" is a button.
    page.mouse.dblclick(sx + sw / 2, sy + sh / 2)
    wait_for(lambda: not _img(page, "target")["transform"], timeout=3, what="reset")
    zoom = page.get_by_role("slider", name="zoom").first
    zoom.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    wait_for(lambda: _img(page, "target")["transform"], timeout=3, what="keyboard zoom")
    reset = page.get_by_role("button", name="reset zoom").first
    reset.focus()
    page.keyboard.press("Enter")
    wait_for(lambda: not _img(page, "pred")["transform"], timeout=3, what="reset button")
    assert cell_busy(page, 0)
    interrupt(page)
