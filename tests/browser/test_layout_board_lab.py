"""The board's modes and the metrics strip laid out right, in JupyterLab Light and Dark:
geometry from element boxes, values from the page's pixels (issue 21)."""

import json
import math
import urllib.request

import numpy as np
import pytest
from PIL import Image

from tests.support.pages import open_notebook, run_all, write_notebook
from tests.support.waiting import wait_for

THEMES = {"JupyterLab Light": "light", "JupyterLab Dark": "dark"}
STEPS = 10


def set_theme(lab, theme):
    url = lab.url("lab/api/settings/@jupyterlab/apputils-extension:themes")
    body = json.dumps({"raw": json.dumps({"theme": theme})}).encode()
    req = urllib.request.Request(url, data=body, method="PUT",
                                 headers={"Content-Type": "application/json"})
    urllib.request.urlopen(req, timeout=30).close()


def open_in_theme(lab, page, name, theme):
    set_theme(lab, theme)
    open_notebook(page, lab.url(f"lab/tree/{name}"))
    page.wait_for_selector(f'body[data-jp-theme-name="{theme}"]', state="attached",
                           timeout=30000)
    run_all(page)


def write_tsv(path, name, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"timestamp\tstep\t{name}"] + [f"0\t{s}\t{v}" for s, v in rows]
    path.write_text("\n".join(lines) + "\n")


YS, XS = np.mgrid[0:64, 0:64]


def position_frame(tag, step):
    """Every pixel says where it is: R = 3x, G = 3y; B = tag + step + x * tag // 64, so
    that two runs' difference grows from left to right."""
    return np.stack([XS * 3, YS * 3, blue(tag, step, XS)], -1).astype(np.uint8)


def blue(tag, step, x):
    return tag + step + x * tag // 64


def make_runs(workspace):
    for tag, run in ((10, "a"), (60, "b")):
        base = workspace / "runs" / run
        for step in range(STEPS):
            for series in ("pred", "target"):
                path = base / "plots" / "images" / series / f"{step}.png"
                path.parent.mkdir(parents=True, exist_ok=True)
                Image.fromarray(position_frame(tag, step)).save(path)
        # mse of run a at step s is s/100, of run b s/1000: the header says which step.
        scale = 100 if run == "a" else 1000
        write_tsv(base / "plots" / "metrics" / "mse.tsv", "mse",
                  [(s, s / scale) for s in range(STEPS)])
        (base / "metrics.json").write_text(json.dumps({"mse": (STEPS - 1) / scale}))


# Left edges of every image a board mode shows, by series: the side mode's first column,
# the swipe's images, the difference's canvas.
EDGES_JS = """(board) => {
  const out = {};
  for (const row of board.querySelectorAll('.dvnb-row-name')) {
    const series = row.textContent;
    const node = board.querySelector(`.dvnb-panel[data-name="0:${series}"] img`)
      || board.querySelector(`.dvnb-swipe[data-series="${series}"] img.dvnb-swipe-b`)
      || board.querySelector(`.dvnb-diff[data-series="${series}"] canvas.dvnb-diff-canvas`);
    out[series] = node ? node.getBoundingClientRect().left : null;
  }
  return out;
}"""

SWIPE_JS = """(board) => [...board.querySelectorAll('.dvnb-swipe')].map((fig) => {
  const img = fig.querySelector('img.dvnb-swipe-b').getBoundingClientRect();
  const range = fig.querySelector('.dvnb-swipe-range').getBoundingClientRect();
  return {img: [img.left, img.width], range: [range.left, range.width],
          caption: fig.querySelector('figcaption').textContent};
})"""


def board_shot(board, path):
    board.screenshot(path=str(path))


@pytest.mark.parametrize("theme", THEMES)
def test_board_modes_keep_images_in_place(lab, page, workspace, screenshot_dir, theme):
    short = THEMES[theme]
    if not (workspace / "runs" / "a").exists():
        make_runs(workspace)
    write_notebook(workspace / "board_layout.ipynb",
                   "import dvclive_nb\ndvclive_nb.compare('runs/a', 'runs/b', follow=False)")
    open_in_theme(lab, page, "board_layout.ipynb", theme)
    board = page.locator(".dvnb-board").first
    board.wait_for(timeout=60000)
    painted = """(b) => [...b.querySelectorAll('.dvnb-panel img')].filter(
        i => i.complete && i.naturalWidth && i.getAttribute('src')).length"""
    wait_for(lambda: board.evaluate(painted) == 4, timeout=30, what="4 frames")
    slider = board.locator(".dvnb-slider")
    slider.focus()
    page.keyboard.press("Home")
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    assert slider.get_attribute("data-step") == "5"

    # Headers: each run's metrics at the slider's step, from its rows.
    heads = board.locator(".dvnb-head-metrics")
    wait_for(lambda: heads.all_text_contents() == ["mse 0.05 · step 5", "mse 0.005 · step 5"],
             timeout=10, what=f"metrics at step 5, not {heads.all_text_contents()}")
    captions = board.locator(".dvnb-panel figcaption").all_text_contents()
    assert captions[0].startswith("runs/a · pred · step 5"), captions

    side = board.evaluate(EDGES_JS)
    assert set(side) == {"pred", "target"} and None not in side.values()
    if screenshot_dir:
        board_shot(board, screenshot_dir / "gallery" / f"board-side-{short}.png")

    # Swipe: no image moves; the range is exactly as wide as its image.
    board.locator(".dvnb-mode").select_option("swipe")
    page.wait_for_selector(".dvnb-swipe img.dvnb-swipe-b[src]")
    wait_for(lambda: board.evaluate(EDGES_JS) == side, timeout=5,
             what=f"swipe images where side's were: {board.evaluate(EDGES_JS)} vs {side}")
    swipes = board.evaluate(SWIPE_JS)
    assert len(swipes) == 2
    for s in swipes:
        assert abs(s["range"][0] - s["img"][0]) <= 2, s
        assert abs(s["range"][1] - s["img"][1]) <= 2, s
        assert s["img"][1] == 256  # 64 px frames, drawn at 4x
    assert swipes[0]["caption"] == "pred · step 5 · ◧ runs/a | runs/b ◨"
    if screenshot_dir:
        board_shot(board, screenshot_dir / "gallery" / f"board-swipe-{short}.png")

    # Difference: still in place; its caption names the series, the runs, the steps.
    board.locator(".dvnb-mode").select_option("diff")
    page.wait_for_selector('.dvnb-diff[data-series="pred"][data-max]')
    assert board.evaluate(EDGES_JS) == side
    cap = board.locator('.dvnb-diff[data-series="pred"] figcaption').text_content()
    most = int(np.abs(position_frame(10, 5).astype(int) - position_frame(60, 5)).max())
    assert cap == f"pred · step 5 · |runs/a − runs/b| · max {most} of 255", cap
    if screenshot_dir:
        board_shot(board, screenshot_dir / "gallery" / f"board-diff-{short}.png")

    # The pickers never hold one run: picking B's run as A swaps them.
    pick_a, pick_b = board.locator(".dvnb-pick-a"), board.locator(".dvnb-pick-b")
    assert (pick_a.input_value(), pick_b.input_value()) == ("0", "1")
    pick_b.select_option("0")
    assert (pick_a.input_value(), pick_b.input_value()) == ("1", "0")
    pick_a.select_option("0")
    assert (pick_a.input_value(), pick_b.input_value()) == ("0", "1")
    pick_a.select_option("1")
    assert (pick_a.input_value(), pick_b.input_value()) == ("1", "0")
    wait_for(lambda: "|runs/b − runs/a|" in board.locator(
        '.dvnb-diff[data-series="pred"] figcaption').text_content(), timeout=5,
        what="the swapped pair")
    assert board.locator(".dvnb-head-metrics").all_text_contents() == [
        "mse 0.005 · step 5", "mse 0.05 · step 5"]

    # Zoom on one panel zooms every panel; the readout names the exact pixel.
    board.locator(".dvnb-mode").select_option("side")
    img = board.locator('.dvnb-panel[data-name="0:pred"] img')
    box = img.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 4, box["y"] + box["height"] / 4)
    for _ in range(4):
        page.mouse.wheel(0, -200)
    transforms = "(b) => [...b.querySelectorAll('.dvnb-panel img')].map(i => i.style.transform)"
    wait_for(lambda: len(set(board.evaluate(transforms))) == 1
             and board.evaluate(transforms)[0], timeout=5, what="every panel zoomed alike")
    zoomed = img.evaluate("(i) => { const r = i.getBoundingClientRect();"
                          " return [r.left, r.top, r.width, r.height]; }")
    assert zoomed[2] > box["width"] * 1.5
    for fx, fy in ((0.3, 0.3), (0.6, 0.45)):
        x, y = box["x"] + box["width"] * fx, box["y"] + box["height"] * fy
        page.mouse.move(x, y)
        px = math.floor((x - zoomed[0]) / zoomed[2] * 64)
        py = math.floor((y - zoomed[1]) / zoomed[3] * 64)
        want = f"runs/a · pred · x {px}, y {py} · RGB({3 * px}, {3 * py}, {blue(10, 5, px)})"
        wait_for(lambda want=want: board.locator(".dvnb-pixel").text_content() == want,
                 timeout=5, what=f"{want}, not {board.locator('.dvnb-pixel').text_content()}")
    # The other run's panel, same zoom: its own pixel under the same image point.
    other = board.locator('.dvnb-panel[data-name="1:pred"] img').evaluate(
        "(i) => { const r = i.getBoundingClientRect(); return [r.left, r.top, r.width]; }")
    assert abs(other[2] - zoomed[2]) < 0.5
    ob = board.locator('.dvnb-panel[data-name="1:pred"] .dvnb-stage').bounding_box()
    x, y = ob["x"] + ob["width"] * 0.5, ob["y"] + ob["height"] * 0.5
    page.mouse.move(x, y)
    px = math.floor((x - other[0]) / other[2] * 64)
    py = math.floor((y - other[1]) / other[2] * 64)
    want = f"runs/b · pred · x {px}, y {py} · RGB({3 * px}, {3 * py}, {blue(60, 5, px)})"
    wait_for(lambda: board.locator(".dvnb-pixel").text_content() == want, timeout=5,
             what=want)
    if screenshot_dir:
        board_shot(board, screenshot_dir / "gallery" / f"board-zoom-{short}.png")
    # Zoomed, a swipe still cuts at its divider on screen.
    board.locator(".dvnb-mode").select_option("swipe")
    page.wait_for_selector(".dvnb-swipe img.dvnb-swipe-a[src]")
    cut = board.locator('.dvnb-swipe[data-series="pred"]').evaluate("""(f) => {
      const line = f.querySelector('.dvnb-swipe-line').getBoundingClientRect();
      const a = f.querySelector('img.dvnb-swipe-a');
      const r = a.getBoundingClientRect();
      const inset = parseFloat(getComputedStyle(a).clipPath.split(' ')[1]);
      return [line.left + line.width / 2, r.left + r.width * (1 - inset / 100)];
    }""")
    assert abs(cut[0] - cut[1]) <= 1.5, cut
    if screenshot_dir:
        board_shot(board, screenshot_dir / "gallery" / f"board-swipe-zoom-{short}.png")
    board.locator(".dvnb-zoom-reset").click()
    set_theme(lab, "JupyterLab Light")


def make_strip_run(workspace):
    base = workspace / "strip_run"
    for step in range(STEPS):
        path = base / "plots" / "images" / "pred" / f"{step}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(position_frame(1, step)).save(path)
    # acc: linear in [0, 1]; loss: 1e-3 .. 1e3, a straight line on a log scale;
    # div: diverges, inf from step 7 on.
    write_tsv(base / "plots" / "metrics" / "acc.tsv", "acc",
              [(s, s / (STEPS - 1)) for s in range(STEPS)])
    write_tsv(base / "plots" / "metrics" / "loss.tsv", "loss",
              [(s, 10 ** (6 * s / (STEPS - 1) - 3)) for s in range(STEPS)])
    write_tsv(base / "plots" / "metrics" / "div.tsv", "div",
              [(s, "inf" if s >= 7 else 2.0 ** s) for s in range(STEPS)])


# Per lane of the strip: its most opaque pixels' colour, and the topmost painted row of
# sampled columns (in CSS px), read from the canvas.
LANES_JS = """() => {
  const canvas = document.querySelector('.dvnb-strip-canvas');
  const ctx = canvas.getContext('2d'), dpr = devicePixelRatio;
  const lane = Math.round(28 * dpr), w = canvas.width;
  const out = [];
  for (let k = 0; k * lane < canvas.height; k++) {
    const d = ctx.getImageData(0, k * lane, w, lane).data;
    let best = [0, 0, 0, 0];
    const tops = [];
    for (let x = 0; x < w; x++) {
      let top = null;
      for (let y = 3 * dpr + 1; y < lane; y++) {  // below the inf marks' band
        const i = (y * w + x) * 4;
        if (d[i + 3] > best[3]) best = [d[i], d[i + 1], d[i + 2], d[i + 3]];
        if (top === null && d[i + 3] >= 128) top = y;
      }
      tops.push(top === null ? null : top / dpr);
    }
    let band = 0;  // painted pixels in the top 3 px (the inf marks)
    for (let y = 0; y < 3 * dpr; y++)
      for (let x = 0; x < w; x++) if (d[(y * w + x) * 4 + 3] >= 128) band++;
    out.push({colour: best.slice(0, 3), tops, band, width: w / dpr});
  }
  return out;
}"""


@pytest.mark.parametrize("theme", THEMES)
def test_strip_colours_scales_log_and_inf(lab, page, workspace, screenshot_dir, theme):
    short = THEMES[theme]
    if not (workspace / "strip_run").exists():
        make_strip_run(workspace)
    write_notebook(workspace / "strip_scale.ipynb",
                   "import dvclive_nb\ndvclive_nb.show('strip_run', follow=False)")
    open_in_theme(lab, page, "strip_scale.ipynb", theme)
    strip = page.locator(".dvnb-strip").first
    strip.wait_for(timeout=60000)
    wait_for(lambda: page.locator(".dvnb-strip-scale").count() == 3, timeout=20,
             what="three metric rows")
    rows = page.evaluate("""() => [...document.querySelectorAll('.dvnb-strip-scale')].map(
      r => [r.dataset.metric, r.dataset.log, r.dataset.odd,
            r.querySelector('.dvnb-strip-max').textContent,
            r.querySelector('.dvnb-strip-min').textContent])""")
    assert rows == [["acc", "false", "", "1", "0"], ["div", "false", "inf", "64", "1"],
                    ["loss", "true", "", "1000", "0.001"]], rows

    # The labels sit in a gutter left of the lines, never on them.
    gutter = page.locator(".dvnb-strip-gutter").first.bounding_box()
    lanes = page.locator(".dvnb-strip-lanes").first.bounding_box()
    assert gutter["x"] + gutter["width"] <= lanes["x"] + 0.5
    for label in page.locator(".dvnb-strip-scale").all():
        b = label.bounding_box()
        assert b["x"] + b["width"] <= lanes["x"] + 0.5 and b["width"] > 40
    # The lanes line up with the slider's track (its ends, thumb half-width in).
    track = page.locator(".dvnb-slider").first.bounding_box()
    assert abs(lanes["x"] - (track["x"] + 8)) <= 1.5
    assert abs(lanes["width"] - (track["width"] - 16)) <= 1.5

    lanes_px = page.evaluate(LANES_JS)
    assert len(lanes_px) == 3
    colours = [tuple(lane["colour"]) for lane in lanes_px]
    assert len(set(colours)) == 3, colours
    for a in range(3):
        for b in range(a + 1, 3):
            assert sum(abs(p - q) for p, q in zip(colours[a], colours[b])) > 80, colours
    # Each line's colour stands out from the lanes' background in this theme.
    bg = page.evaluate("""() => getComputedStyle(
      document.querySelector('.dvnb-strip-lanes')).backgroundColor""")
    bg_rgb = [int(v) for v in bg[bg.index("(") + 1:bg.index(")")].split(",")[:3]]
    for c in colours:
        assert sum(abs(p - q) for p, q in zip(c, bg_rgb)) > 150, (theme, c, bg_rgb)

    # loss on a log scale: 1e-3 .. 1e3 is a straight line, its middle (1) mid-lane.
    tops = lanes_px[2]["tops"]
    width = len(tops)
    xs = [round(f * (width - 1)) for f in (0.0, 0.25, 0.5, 0.75, 1.0)]
    ys = [next(t for t in tops[max(0, x - 2):x + 3] if t is not None) for x in xs]
    for y0, y1, y2 in zip(ys, ys[1:], ys[2:]):
        assert abs((y1 - y0) - (y2 - y1)) <= 2.5, ys  # equal rises: a straight line
    assert ys[0] > ys[-1] + 15  # rising over most of the lane

    # inf is marked: a band along the div lane's top, and the readout says "inf".
    assert lanes_px[1]["band"] > 0 and lanes_px[0]["band"] == 0
    page.locator(".dvnb-slider").first.focus()
    page.keyboard.press("End")
    readout = page.locator(".dvnb-metrics-readout").first
    wait_for(lambda: "div inf" in readout.text_content(), timeout=5,
             what=f"div inf in {readout.text_content()}")
    page.keyboard.press("Home")
    wait_for(lambda: "div 1 " in readout.text_content() + " ", timeout=5, what="div 1")
    if screenshot_dir:
        page.mouse.move(5, 5)
        view = page.locator(".dvnb").first
        view.locator(".dvnb-strip").screenshot(
            path=str(screenshot_dir / "gallery" / f"strip-{short}.png"))
    set_theme(lab, "JupyterLab Light")
