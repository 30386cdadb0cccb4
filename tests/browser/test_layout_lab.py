"""The single view laid out right (issue 21), in JupyterLab Light and Dark: geometry read
from element boxes and, for the swipe's handle, from the screen's pixels."""

import io

import pytest
from PIL import Image

from tests.browser.test_theme_lab import THEMES
from tests.support.pages import (
    open_notebook,
    run_all,
    wait_kernel_idle,
    whole_screenshot,
    write_notebook,
)
from tests.support.waiting import wait_for

PAINT = '''
import numpy as np
from dvclive_nb import Live

ys, xs = np.mgrid[0:96, 0:96]
target = np.stack([xs * 2.6, ys * 2.6, np.full(xs.shape, 160)], -1)
live = Live(save_dvc_exp=False)
live.log_image("target.png", target.astype(np.uint8))
for t in range(12):  # RGB frames that come closer to the target, step by step
    painting = target * (t + 1) / 12
    live.log_image(f"painting/{live.step}.png", painting.astype(np.uint8))
    live.log_image(f"error/{live.step}.png", (255 - np.abs(target - painting)).astype(np.uint8))
    live.log_metric("loss", 1 / (t + 1))
    live.next_step()
live.end()
'''

PREVIEWS = '''
import numpy as np
from PIL import Image
from matplotlib import pyplot as plt
from dvclive_nb import Live

with Live(save_dvc_exp=False) as live:
    live.log_image("numpy.png", np.full((500, 500), 255, np.uint8))
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3, 4])
    live.log_image("matplotlib.png", fig)
    live.log_image("pil.png", Image.new("RGB", (500, 500), (250, 250, 250)))
    live.log_image("sample.png", Image.new("RGB", (64, 64), (30, 120, 200)))
'''

LARGE = '''
import numpy as np
from dvclive_nb import Live

with Live(save_dvc_exp=False) as live:
    base = np.ones((500, 500), np.uint8)
    for i in range(10):
        live.log_image(f"numpy/{live.step}.png", base * i * 10)
        live.log_image(f"inverse/{live.step}.png", 255 - base * i * 10)
        live.next_step()
'''

# Boxes of the pinned layout: per series, its current image and what it is compared with.
PAIRS_JS = """() => {
  const box = (n) => { const r = n.getBoundingClientRect();
    return {x: r.left, y: r.top, r: r.right, b: r.bottom, w: r.width}; };
  const out = {};
  for (const name of ['painting', 'error']) {
    const cur = document.querySelector(`.dvnb-panel[data-name="${name}"] .dvnb-stage`);
    const slot = document.querySelector(`.dvnb-pinned[data-name="${name}"]`);
    const other = slot.querySelector('.dvnb-stage, .dvnb-swipe-stage, .dvnb-diff-stage');
    out[name] = {cur: box(cur), other: other && box(other),
                 caption: [...slot.querySelectorAll('figcaption')].map((c) => c.textContent)};
  }
  return out;
}"""

SWIPE_JS = """(name) => {
  const fig = document.querySelector(`.dvnb-pinned[data-name="${name}"] .dvnb-swipe`);
  const r = (n) => n.getBoundingClientRect();
  const stage = r(fig.querySelector('.dvnb-swipe-stage'));
  const range = r(fig.querySelector('.dvnb-swipe-range'));
  const line = fig.querySelector('.dvnb-swipe-line');
  return {stage: [stage.left, stage.width],
          range: [range.left, range.top, range.width, range.height],
          line: r(line).left + r(line).width / 2, brand: getComputedStyle(line).backgroundColor};
}"""


def _rgb(css):
    return tuple(int(v) for v in css[css.index("(") + 1:css.index(")")].split(",")[:3])


def _thumb_centre(page, range_box, brand):
    """The x of the swipe range's thumb on screen: the columns drawn in the brand colour
    down most of the range's height (the track is another colour)."""
    x, y, w, h = range_box
    shot = Image.open(io.BytesIO(page.screenshot(clip={"x": x - 4, "y": y, "width": w + 8,
                                                        "height": h}))).convert("RGB")
    cols = [c for c in range(shot.width)
            if sum(all(abs(a - b) <= 24 for a, b in zip(shot.getpixel((c, r)), brand))
                   for r in range(shot.height)) >= h * 0.6]
    assert cols, "no thumb drawn in the brand colour"
    return x - 4 + (cols[0] + cols[-1] + 1) / 2


def _check_swipe(page, name, what):
    page.evaluate("document.activeElement && document.activeElement.blur()")
    s = page.evaluate(SWIPE_JS, name)
    assert abs(s["range"][2] - s["stage"][1]) <= 2, (what, s)  # as wide as its image
    assert abs(s["range"][0] - s["stage"][0]) <= 1, (what, s)  # and under it
    thumb = _thumb_centre(page, s["range"], _rgb(s["brand"]))
    assert abs(thumb - s["line"]) <= 2, (what, thumb, s)  # the handle is on the split
    return s


SHOWN = {"side": "img[src]", "swipe": ".dvnb-swipe-b[src]", "diff": ".dvnb-diff[data-max]"}


def _gallery(page, screenshot_dir, name):
    if screenshot_dir:
        (screenshot_dir / "gallery").mkdir(exist_ok=True)
        whole_screenshot(page, page.locator(".dvnb").first,
                         screenshot_dir / "gallery" / f"{name}.png")


@pytest.fixture
def tall(browser):
    """A 1400 x 1000 page, the size the issue's screenshots were taken at."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    yield context.new_page()
    context.close()


def _open(lab, page, name, theme):
    lab.set_theme(theme)
    open_notebook(page, lab.url(f"lab/tree/{name}"))
    page.wait_for_selector(f'body[data-jp-theme-name="{theme}"]', state="attached", timeout=30000)
    run_all(page)
    page.wait_for_selector(".dvnb-panel img[src]", timeout=60000)
    wait_kernel_idle(page)
    page.mouse.move(1, 1)


def test_pinned_frames_a_column_and_a_swipe_as_wide_as_its_image(lab, tall, workspace,
                                                                  screenshot_dir):
    write_notebook(workspace / "pinned.ipynb", PAINT)
    for theme, short in THEMES.items():
        _pinned_in(lab, tall, theme, short, screenshot_dir)
    lab.set_theme("JupyterLab Light")


def _pinned_in(lab, page, theme, short, screenshot_dir):
    _open(lab, page, "pinned.ipynb", theme)
    slider = page.locator(".dvnb-slider").first
    wait_for(lambda: slider.get_attribute("max") == "11", timeout=30, what="12 steps")

    # The slider keeps its width when "following" goes and comes back.
    following = page.locator(".dvnb-following").first
    assert following.is_visible()
    width_following = slider.bounding_box()["width"]
    slider.focus()
    page.keyboard.press("Home")
    wait_for(lambda: not following.is_visible(), timeout=3, what="not following")
    assert slider.bounding_box()["width"] == width_following
    page.keyboard.press("End")
    wait_for(following.is_visible, timeout=3, what="following again")
    assert slider.bounding_box()["width"] == width_following
    # The step shows once, in its box: the captions at that step do not repeat it.
    assert page.locator(".dvnb-stepbox").first.input_value() == "11"
    caption = page.locator('.dvnb-panel[data-name="painting"] figcaption').first
    assert caption.text_content() == "painting · 96×96"
    target = page.locator('.dvnb-panel[data-name="target.png"] figcaption')
    assert "step 0" in target.text_content()  # a frame of another step says so

    # Export: one GIF per series, each named as it comes down.
    export = page.get_by_role("button", name="export").first
    assert export.text_content() == "Export 2 GIFs"
    assert "painting.gif" in export.get_attribute("title")
    assert "error.gif" in export.get_attribute("title")
    downloads = []

    def on_download(download):
        downloads.append(download)

    page.on("download", on_download)
    export.click()
    note = page.locator(".dvnb-export-note").first
    # (The sync API delivers events while it waits, not while Python sleeps.)
    wait_for(lambda: page.wait_for_timeout(100) or len(downloads) == 2, timeout=60,
             what="two downloads")
    assert sorted(d.suggested_filename for d in downloads) == ["error.gif", "painting.gif"]
    wait_for(lambda: "painting.gif" in note.text_content() and "error.gif" in note.text_content(),
             timeout=5, what="both files named")
    page.remove_listener("download", on_download)

    # The colour map on RGB images only: disabled, and says why.
    cmap = page.get_by_role("combobox", name="colour map").first
    wait_for(cmap.is_disabled, timeout=5, what="the colour map disabled on RGB")
    assert "single-channel" in cmap.get_attribute("title")

    # Pin step 3, look at step 11 beside it.
    slider.focus()
    for _ in range(8):
        page.keyboard.press("ArrowLeft")
    page.get_by_role("button", name="pin step").first.click()
    slider.focus()
    page.keyboard.press("End")
    lefts = {}
    for mode in ("side", "swipe", "diff"):
        page.get_by_role("combobox", name="compare mode").first.select_option(mode)
        page.wait_for_selector(f'.dvnb-pinned[data-name="error"] {SHOWN[mode]}', timeout=10000)
        page.wait_for_timeout(300)
        got = page.evaluate(PAIRS_JS)
        for name, g in got.items():
            cur, other = g["cur"], g["other"]
            # Adjacent: beside its current frame, on the same row, one gap away.
            assert abs(other["y"] - cur["y"]) <= 1, (mode, name, got)
            assert 0 <= other["x"] - cur["r"] <= 16, (mode, name, got)
            # Every caption names its series and steps.
            assert any(name in c for c in g["caption"]), (mode, g["caption"])
            assert any("3" in c for c in g["caption"]), (mode, g["caption"])
        # The pinned frames share one column.
        assert abs(got["painting"]["other"]["x"] - got["error"]["other"]["x"]) <= 1, got
        assert got["error"]["cur"]["y"] > got["painting"]["cur"]["b"], got  # not wrapped
        lefts[mode] = [got[n][k]["x"] for n in ("painting", "error") for k in ("cur", "other")]
        _gallery(page, screenshot_dir, f"pin-{mode}-{short}")
    # No mode moves an image's left edge.
    assert lefts["side"] == lefts["swipe"] == lefts["diff"], lefts

    # The swipe's range spans its image, its handle on the split: middle, ends, zoomed.
    page.get_by_role("combobox", name="compare mode").first.select_option("swipe")
    swipe = page.get_by_role("slider", name="swipe position").first
    page.wait_for_selector('.dvnb-pinned[data-name="painting"] .dvnb-swipe-b[src]')
    _check_swipe(page, "painting", "at 50")
    for key, presses in (("Home", 1), ("End", 1), ("ArrowLeft", 70)):
        swipe.focus()
        for _ in range(presses):
            page.keyboard.press(key)
        _check_swipe(page, "painting", f"after {key}")
    before = page.evaluate(SWIPE_JS, "painting")
    zoom = page.get_by_role("slider", name="zoom").first
    zoom.focus()
    for _ in range(8):
        page.keyboard.press("ArrowRight")  # 4x
    wait_for(lambda: "4.0" in page.locator(".dvnb-zoom-value").first.text_content(), timeout=3,
             what="the zoom's value shown")
    zoomed = _check_swipe(page, "painting", "zoomed")
    assert zoomed["stage"] == before["stage"]  # zooming moves and grows no box
    transform = page.locator('.dvnb-pinned[data-name="painting"] .dvnb-swipe-a').evaluate(
        "n => getComputedStyle(n).transform")
    assert transform != "none"  # the swipe zooms with the other panels
    _gallery(page, screenshot_dir, f"pin-swipe-zoomed-{short}")
    page.get_by_role("button", name="reset zoom").first.click()


# The previews' boxes: each stage and its caption, and the hairline over the stage.
PREVIEWS_JS = """() => [...document.querySelectorAll('.dvnb-panel')].map((f) => {
  const s = f.querySelector('.dvnb-stage'), img = f.querySelector('img');
  const cap = f.querySelector('figcaption');
  const r = s.getBoundingClientRect(), c = cap.getBoundingClientRect();
  return {name: f.dataset.name, natural: img.naturalWidth, w: r.width, capBottom: c.bottom,
          capHeight: c.height, text: cap.textContent,
          title: cap.title, cw: cap.clientWidth,
          hairline: getComputedStyle(s, '::after').borderTopWidth};
})"""


def test_previews_and_large_series_fit(lab, tall, workspace, screenshot_dir):
    write_notebook(workspace / "previews.ipynb", PREVIEWS)
    write_notebook(workspace / "large.ipynb", LARGE)
    for theme, short in THEMES.items():
        _previews_in(lab, tall, theme, short, screenshot_dir)
    lab.set_theme("JupyterLab Light")


def _previews_in(lab, page, theme, short, screenshot_dir):
    _open(lab, page, "previews.ipynb", theme)
    wait_for(lambda: page.locator(".dvnb-panel img[src]").count() == 4, timeout=30,
             what="four previews")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.dvnb-panel img')].every(i => i.naturalWidth)")
    page.wait_for_timeout(300)
    got = {p["name"]: p for p in page.evaluate(PREVIEWS_JS)}
    # One baseline: every caption ends at the same height.
    bottoms = [p["capBottom"] for p in got.values()]
    assert max(bottoms) - min(bottoms) <= 1, got
    # Captions one line high each, the small image's too (not wrapped word by word under
    # its 64 px: its panel is wider than its image), its full text in its title.
    heights = [p["capHeight"] for p in got.values()]
    assert max(heights) - min(heights) <= 1 and max(heights) < 24, got
    assert got["sample.png"]["cw"] >= 120, str(got["sample.png"])
    assert all(p["title"] == p["text"] and p["text"].startswith(p["name"])
               for p in got.values()), got
    # A hairline round each image: the all-white one shows.
    assert all(p["hairline"] == "1px" for p in got.values()), got
    # One scale rule: the 64x64 image is drawn no larger than the 500x500 ones.
    assert got["sample.png"]["w"] <= min(got["numpy.png"]["w"], got["pil.png"]["w"]), got
    assert got["numpy.png"]["w"] == got["pil.png"]["w"], got
    # Still images: no Pin, no Export, no slider.
    for sel in (".dvnb-pin", ".dvnb-export"):
        assert page.locator(sel).count() == 1 and not page.locator(sel).is_visible(), sel
    assert not page.locator(".dvnb-slider").first.is_visible()
    # A grey image is among them: the colour map applies, and the tone shows its values.
    cmap = page.get_by_role("combobox", name="colour map").first
    wait_for(cmap.is_enabled, timeout=5, what="the colour map enabled for a grey image")
    bright = page.get_by_role("slider", name="brightness").first
    bright.focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    assert page.locator(".dvnb-brightness-value").first.text_content() == "+0.20"
    assert page.locator(".dvnb-contrast-value").first.text_content() == "×1.00"
    page.mouse.move(1, 1)
    _gallery(page, screenshot_dir, f"previews-{short}")

    # Two 500x500 series side by side, and with their slider in a 1000 px tall page.
    _open(lab, page, "large.ipynb", theme)
    wait_for(lambda: page.locator(".dvnb-panel img[src]").count() == 2, timeout=30,
             what="two series")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.dvnb-panel img')].every(i => i.naturalWidth)")
    page.wait_for_timeout(300)
    page.locator(".dvnb-panel").first.evaluate("n => n.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    a, b = (page.locator(".dvnb-panel .dvnb-stage").nth(i).bounding_box() for i in (0, 1))
    bar = page.locator(".dvnb-slider").first.bounding_box()
    assert abs(a["y"] - b["y"]) <= 1 and b["x"] > a["x"] + a["width"], (a, b)  # side by side
    assert a["y"] >= 0 and bar["y"] + bar["height"] <= 1000, (a, bar)
    scroller = page.locator(".jp-WindowedPanel-outer").first.bounding_box()
    assert bar["y"] + bar["height"] <= scroller["y"] + scroller["height"], (bar, scroller)
    assert a["width"] >= 300, a  # fitted, not shrunk to a thumbnail
    _gallery(page, screenshot_dir, f"large-series-{short}")

    # Grey series: the colour map applies; the tone controls show their values.
    cmap = page.get_by_role("combobox", name="colour map").first
    wait_for(cmap.is_enabled, timeout=5, what="the colour map enabled on grey series")
    assert "single-channel" in cmap.get_attribute("title")
    cmap.select_option("viridis")
    contrast = page.get_by_role("slider", name="contrast").first
    contrast.focus()
    page.keyboard.press("ArrowRight")
    assert page.locator(".dvnb-contrast-value").first.text_content() == "×1.19"
    page.mouse.move(1, 1)
    _gallery(page, screenshot_dir, f"tone-{short}")
