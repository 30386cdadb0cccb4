"""Boxes and overlays over the frames, by screen pixels, while a cell trains; then the
same run in show() and in compare() columns."""

import io

from PIL import Image

from tests.support.pages import cell_busy, interrupt, open_notebook, run_all, write_notebook
from tests.support.waiting import wait_for

GREY = 200
TRAIN = f'''
import time
import numpy as np
from dvclive_nb import Live

live = Live(save_dvc_exp=False, overlay={{"mask": "input"}},
            overlay_labels={{1: "sky", 2: "road"}})
image = np.full((64, 64, 3), {GREY}, np.uint8)  # plain: boxes and overlay stand out
mask = np.zeros((64, 64), np.uint8)
mask[0:6, 44:64] = 1
mask[50:64, 44:64] = 2
for step in range(900):
    live.log_image(f"input/{{step}}.png", image)
    live.log_image(f"mask/{{step}}.png", mask)
    # tlbr: cat's edges at x 20 and 40, y 10 and 30; dog's at x 5 and 25, y 40 and 60.
    live.log_bounding_boxes(f"input/{{step}}.png", [[10, 20, 30, 40], [40, 5, 60, 25]],
                            ["cat", "dog"], [0.9, 0.3])
    time.sleep(0.1)
    live.next_step()
'''

BOX_JS = """([cell, name]) => {
  const root = document.querySelectorAll('.jp-CodeCell')[cell];
  const img = root.querySelector(`figure[data-name="${name}"] img.dvnb-img`);
  img.scrollIntoView({block: "nearest"});  // a click below may have scrolled it away
  const r = img.getBoundingClientRect();
  const svg = img.parentElement.querySelector('svg.dvnb-boxes');
  const rects = svg ? [...svg.querySelectorAll('path[data-label]')]
    .map(x => [x.dataset.label, x.getAttribute('stroke')]) : [];
  return {left: r.left, top: r.top, width: r.width, height: r.height, nw: img.naturalWidth,
          rects, transform: img.style.transform,
          svgTransform: svg ? svg.style.transform : null};
}"""


def _rgb(text):
    return tuple(int(v) for v in text[text.index("(") + 1:-1].split(","))


def _grab(page, box):
    """The screen's pixels over the image, measured again (clicking the controls under
    the view scrolls the notebook): its size from ``box``, its place from now."""
    if "nw" in box:  # the image's box (BOX_JS), not another element's
        now = page.evaluate(BOX_JS, [0, "input"])
        box = {**box, "left": now["left"], "top": now["top"]}
    shot = page.screenshot(clip={"x": box["left"], "y": box["top"],
                                 "width": box["width"], "height": box["height"]})
    return Image.open(io.BytesIO(shot)).convert("RGB")


def _near(a, b, tol=3):
    return all(abs(x - y) <= tol for x, y in zip(a, b))


def _stroke_columns(pic, y, colour):
    return [x for x in range(pic.width) if _near(pic.getpixel((x, y)), colour, 2)]


def _on_edges(found, edges):
    """Stroke pixels lie on the edges (1.5 px either side), and every edge has some."""
    assert found and all(any(abs(c - e) <= 1.5 for e in edges) for c in found), (found, edges)
    assert all(any(abs(c - e) <= 1.5 for c in found) for e in edges), (found, edges)


def test_boxes_and_overlay_while_training(lab, page, workspace):
    write_notebook(workspace / "boxes.ipynb", TRAIN)
    open_notebook(page, lab.url("lab/tree/boxes.ipynb"))
    run_all(page)
    page.wait_for_selector('.dvnb-panel[data-name="input"] svg.dvnb-boxes path', timeout=30000)
    box = wait_for(lambda: (b := page.evaluate(BOX_JS, [0, "input"]))["nw"] == 64 and b,
                   timeout=10, what="the frame")
    assert cell_busy(page, 0)
    strokes = dict(box["rects"])
    cat, dog = _rgb(strokes["cat"]), _rgb(strokes["dog"])
    assert cat != dog
    scale = box["width"] / 64
    assert scale == 4  # a small frame is scaled up by a whole factor

    # 1x: the cat's left and right edges sit on image x 20 and 40, along its rows.
    pic = _grab(page, box)
    row = int(20 * scale)
    _on_edges(_stroke_columns(pic, row, cat), [20 * scale, 40 * scale])
    col = int(30 * scale)  # top and bottom, at y 10 and 30
    _on_edges([y for y in range(pic.height) if _near(pic.getpixel((col, y)), cat, 2)],
              [10 * scale, 30 * scale])
    assert _near(pic.getpixel((int(30 * scale), int(20 * scale))), (GREY,) * 3)  # inside

    # The overlay: 50 % normal over grey, each class its own colour; 0 is transparent.
    sky = pic.getpixel((int(54 * scale), int(3 * scale)))
    road = pic.getpixel((int(54 * scale), int(57 * scale)))
    none = pic.getpixel((int(54 * scale), int(30 * scale)))
    assert _near(none, (GREY,) * 3)
    # classColour(1) = (230, 25, 75), classColour(2) = (60, 180, 75); half over 200.
    assert _near(sky, ((230 + GREY) / 2, (25 + GREY) / 2, (75 + GREY) / 2)), sky
    assert _near(road, ((60 + GREY) / 2, (180 + GREY) / 2, (75 + GREY) / 2)), road

    # Hovering a box says its label and score.
    page.mouse.move(box["left"] + 30 * scale, box["top"] + 20 * scale)
    tip = page.locator(".dvnb-box-tip").first
    wait_for(lambda: tip.is_visible() and tip.text_content() == "cat 0.90", timeout=3, what="tip")

    # A label's toggle hides exactly its boxes.
    page.get_by_role("checkbox", name="cat").first.uncheck()
    wait_for(lambda: not _stroke_columns(_grab(page, box), row, cat), timeout=3, what="cat hidden")
    # The dog's stay (waited for: training still runs, and a frame that arrives is
    # painted before its boxes are drawn on it).
    assert wait_for(lambda: _stroke_columns(_grab(page, box), int(50 * scale), dog),
                    timeout=3, what="the dog's boxes")
    pic = _grab(page, box)
    page.get_by_role("checkbox", name="cat").first.check()

    # The threshold hides the low scores: dog (0.3) goes at 0.5, cat (0.9) stays.
    threshold = page.get_by_role("slider", name="score threshold").first
    threshold.focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    wait_for(lambda: not _stroke_columns(_grab(page, box), int(50 * scale), dog), timeout=3,
             what="dog below the threshold")
    assert _stroke_columns(_grab(page, box), row, cat)
    for _ in range(10):
        page.keyboard.press("ArrowLeft")

    # A class toggle hides its class only.
    page.get_by_role("checkbox", name="road").first.uncheck()
    wait_for(lambda: _near(_grab(page, box).getpixel((int(54 * scale), int(57 * scale))),
                           (GREY,) * 3), timeout=3, what="road hidden")
    assert _near(_grab(page, box).getpixel((int(54 * scale), int(3 * scale))), sky)
    page.get_by_role("checkbox", name="road").first.check()

    # Zoomed 2x about the centre: the layers move with the image, edges still exact.
    zoom = page.get_by_role("slider", name="zoom").first
    zoom.focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    wait_for(lambda: page.evaluate(BOX_JS, [0, "input"])["width"] > 400, timeout=3, what="zoom")
    page.wait_for_timeout(200)
    zoomed = page.evaluate(BOX_JS, [0, "input"])
    assert zoomed["svgTransform"] == zoomed["transform"]
    k = zoomed["width"] / 64
    stage = page.evaluate("""() => { const s = document.querySelector(
        '.dvnb-panel[data-name="input"] .dvnb-stage').getBoundingClientRect();
        return {left: s.left, top: s.top, width: s.width, height: s.height}; }""")
    pic = _grab(page, stage)
    # The stage shows image x 16..48, y 16..48; the cat's right edge (x 40) at row y 20.
    y = int((20 * k + zoomed["top"]) - stage["top"])
    cols = _stroke_columns(pic, y, cat)
    want = 40 * k + zoomed["left"] - stage["left"]
    assert cols and any(abs(c - want) <= 1.5 for c in cols), (cols, want)
    sky_x = int(47 * k + zoomed["left"] - stage["left"])
    assert _near(pic.getpixel((sky_x, int(17 * k + zoomed["top"] - stage["top"]))),
                 (GREY,) * 3)  # 17 is below the sky's rows (0-5): no overlay there

    # Every control has a name and is reached with Tab.
    page.get_by_role("checkbox", name="boxes").first.focus()
    names = []
    for _ in range(9):
        names.append(page.evaluate("() => document.activeElement.getAttribute('aria-label')"))
        page.keyboard.press("Tab")
    assert names[:4] == ["boxes", "score threshold", "cat", "dog"], names
    assert names[4:9] == ["overlay", "opacity", "blend", "sky", "road"], names
    assert cell_busy(page, 0)
    interrupt(page)
