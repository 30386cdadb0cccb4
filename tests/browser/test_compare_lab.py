"""compare() in JupyterLab: one synced slider over several runs, a running column that
keeps advancing while the user scrubs, and the difference mode's pixels."""

import subprocess
import sys
import time

import numpy as np
from PIL import Image

from tests.support.images import frame
from tests.support.pages import (
    open_notebook,
    run_all,
    shown_step,
    whole_screenshot,
    write_notebook,
)
from tests.support.scripts import writer
from tests.support.waiting import wait_for

WRITER = writer("runs/live", end=False)
BOARD = "import dvclive_nb\ndvclive_nb.compare('runs/a', 'runs/b', 'runs/live')"

DIFF_JS = """
([series, x, y]) => {
  const fig = document.querySelector(`.dvnb-diff[data-series="${series}"]`);
  const canvas = fig && fig.querySelector('canvas.dvnb-diff-canvas');
  if (!canvas || !fig.dataset.max) return null;
  const d = canvas.getContext('2d').getImageData(x, y, 1, 1).data;
  return {max: fig.dataset.max, px: [d[0], d[1], d[2]], steps: fig.dataset.steps};
}
"""


def save(path, array):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(array).save(path)


def heat(t):
    return [round(min(1, 3 * t) * 255), round(min(1, max(0, 3 * t - 1)) * 255),
            round(max(0, 3 * t - 2) * 255)]


def test_compare_synced_slider_running_column_and_difference(lab, page, workspace):
    a = workspace / "runs" / "a" / "plots" / "images"
    b = workspace / "runs" / "b" / "plots" / "images"
    for step in range(20):
        save(a / "pred" / f"{step}.png", frame(step, 1))
    for step in range(0, 20, 2):  # b logged every other step
        save(b / "pred" / f"{step}.png", frame(step, 2))
    pair = np.zeros((8, 8, 3), np.uint8)
    pair[:, :4, 0], pair[:, 4:, 0] = 10, 50  # |a - b| is 10 on the left, 50 on the right
    save(a / "pair" / "0.png", pair)
    save(b / "pair" / "0.png", np.zeros((8, 8, 3), np.uint8))
    (workspace / "compare_writer.py").write_text(WRITER)
    (workspace / "runs" / "live").mkdir()
    write_notebook(workspace / "compare.ipynb", BOARD)
    open_notebook(page, lab.url("lab/tree/compare.ipynb"))
    writer = subprocess.Popen([sys.executable, "compare_writer.py", "60"], cwd=workspace)

    def shown(col, series="pred"):
        return shown_step(page, f"{col}:{series}")  # the panels are "<column>:<series>"

    try:
        run_all(page)
        wait_for(lambda: shown(2) is not None and shown(2) >= 2, timeout=40,
                 what="the running column")
        heads = page.locator(".dvnb-head-name").all_text_contents()
        assert heads == ["runs/a", "runs/b", "runs/live"]
        # The synced slider: every column moves to the step, or the one before it.
        slider = page.locator(".dvnb-slider").first
        slider.focus()
        page.keyboard.press("Home")
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        assert wait_for(lambda: (shown(0), shown(1), shown(2)) == (3, 2, 3), timeout=5,
                        what="step 3 in every column")
        caption = page.locator('.dvnb-panel[data-name="1:pred"] figcaption').text_content()
        assert caption.startswith("runs/b · pred · step 2")  # the run, the series, the step
        # The running column keeps advancing while the user looks at step 3.
        width = int(slider.get_attribute("max"))
        # Its header shows its metrics at the slider's step, not its latest (issue 21).
        metrics = page.locator('.dvnb-head[data-column="2"] .dvnb-head-metrics')
        assert wait_for(lambda: metrics.text_content() == "seen 3 · step 3", timeout=10,
                        what=f"seen 3 at step 3, not {metrics.text_content()}")
        wait_for(lambda: int(slider.get_attribute("max")) > width + 2, timeout=10,
                 what="more steps while scrubbed back")
        assert (shown(0), shown(1), shown(2)) == (3, 2, 3)
        assert metrics.text_content() == "seen 3 · step 3"
        page.keyboard.press("End")
        newest = int(slider.get_attribute("data-step"))
        assert wait_for(lambda: shown(2) == newest and shown(0) == 19 and shown(1) == 18,
                        timeout=5, what="the newest step")

        def at_newest():  # its newest row: the one of the newest step, or the step before
            seen, _, step = metrics.text_content().removeprefix("seen ").partition(" · step ")
            return seen == step and int(step) >= newest - 1
        assert wait_for(at_newest, timeout=10, what="its metrics at the newest step")

        # Two columns as their absolute difference, with its colour scale.
        page.locator("summary", has_text="series").click()
        page.locator(".dvnb-series-item input[aria-label='pair']").check()  # shown already?
        page.locator(".dvnb-mode").select_option("diff")
        page.locator(".dvnb-pick-a").select_option("0")
        page.locator(".dvnb-pick-b").select_option("1")
        slider.focus()
        page.keyboard.press("Home")
        got = wait_for(lambda: page.evaluate(DIFF_JS, ["pair", 1, 1]), timeout=10,
                       what="the difference image")
        assert got["max"] == "50" and got["steps"] == "steps 0 / 0"
        assert got["px"] == heat(10 / 50)
        assert page.evaluate(DIFF_JS, ["pair", 6, 1])["px"] == heat(1.0)
        assert page.locator('.dvnb-diff[data-series="pair"] .dvnb-legend-hi').text_content() == "50"
        page.locator(".dvnb-scale").select_option("grey")
        assert wait_for(lambda: (g := page.evaluate(DIFF_JS, ["pair", 1, 1])) and
                        g["px"] == [51, 51, 51], timeout=5, what="the grey scale")
        # pred differs by the tag only (blue 1 vs 2): 1 everywhere, the top of the scale.
        assert page.evaluate(DIFF_JS, ["pred", 3, 3]) == {"max": "1", "px": [255, 255, 255],
                                                          "steps": "steps 0 / 0"}
        # A swipe shows A over B, cut where the divider is.
        page.locator(".dvnb-mode").select_option("swipe")
        stage = page.locator('.dvnb-swipe[data-series="pred"]')
        stage.locator(".dvnb-swipe-range").fill("25")
        # The board cuts A itself, in the zoomed image's own box (board_view.js clipSwipes).
        assert "inset(0px 75%" in stage.locator(".dvnb-swipe-a").evaluate(
            "e => getComputedStyle(e).clipPath")
    finally:
        writer.kill()
    time.sleep(0.3)
    assert page.get_by_text("Traceback").count() == 0


ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def test_compare_demo_notebook(lab, page, workspace, screenshot_dir):
    """notebooks/compare.ipynb in a demo repo: three experiments on one board; saves the
    README's pictures when asked (DVCLIVE_NB_SCREENSHOTS=1)."""
    import os
    import shutil

    demo = workspace / "compare-demo"
    env = dict(os.environ, PATH=f"{os.path.dirname(sys.executable)}:{os.environ['PATH']}")
    subprocess.run([ROOT / "binder" / "prepare-demo", demo], check=True, env=env,
                   capture_output=True)
    shutil.copy(ROOT / "notebooks" / "compare.ipynb", demo / "compare.ipynb")
    open_notebook(page, lab.url("lab/tree/compare-demo/compare.ipynb"))
    run_all(page)
    board = page.locator(".dvnb-board").first
    board.wait_for(timeout=90000)
    assert wait_for(lambda: board.locator(".dvnb-head-name").all_text_contents() ==
                    ["sigma-2", "sigma-5", "sigma-10"], timeout=30, what="three columns")
    # Every column paints both series, at the same step.
    painted = """(b) => [...b.querySelectorAll('.dvnb-panel img')].filter(
        i => i.complete && i.naturalWidth && i.getAttribute('src')).length"""
    assert wait_for(lambda: board.evaluate(painted) == 6, timeout=30, what="6 frames")
    steps = board.evaluate("b => [...b.querySelectorAll('.dvnb-panel')].map(f => f.dataset.step)")
    assert steps == ["29"] * 6
    assert board.locator(".dvnb-head-params").all_text_contents() == [
        "≠ sigma=2", "≠ sigma=5", "≠ sigma=10"]  # marked: the params that differ
    board.locator(".dvnb-slider").focus()
    page.keyboard.press("Home")
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    assert wait_for(lambda: board.evaluate(
        "b => [...b.querySelectorAll('.dvnb-panel')].every(f => f.dataset.step === '4')"),
        timeout=5, what="step 4 everywhere")
    if screenshot_dir:
        whole_screenshot(page, page.locator(".jp-CodeCell").nth(2), screenshot_dir / "compare.png")
    board.locator(".dvnb-mode").select_option("diff")
    board.locator(".dvnb-pick-a").select_option("1")
    board.locator(".dvnb-pick-b").select_option("2")
    assert wait_for(lambda: board.locator('.dvnb-diff[data-series="picture"]').get_attribute(
        "data-max"), timeout=10, what="a difference image")
    if screenshot_dir:
        whole_screenshot(page, page.locator(".jp-CodeCell").nth(2),
                         screenshot_dir / "compare-diff.png")
