"""The detection demo in JupyterLab: boxes and the mask overlay under the training cell,
again in show(), in compare() columns (side by side and swipe) and beside a pinned step.
Saves the README's screenshot, in Light (docs/detection.png) and Dark, when asked
(DVCLIVE_NB_SCREENSHOTS=1)."""

from pathlib import Path

import nbformat

from tests.support.pages import open_notebook, run_all, wait_kernel_idle
from tests.support.waiting import wait_for

ROOT = Path(__file__).resolve().parents[2]

# Per view (code cell), per panel: boxes drawn, and whether an overlay is on it.
LAYERS_JS = """(cell) => {
  const root = document.querySelectorAll('.jp-CodeCell')[cell];
  const out = {};
  if (!root) return out;
  for (const img of root.querySelectorAll('img.dvnb-img')) {
    const fig = img.closest('[data-name], [data-series]');
    const cls = img.classList;
    const key = (fig ? fig.dataset.name || fig.dataset.series : '?')
      + (img.closest('.dvnb-pinned') ? ' pinned' : '')
      + (cls.contains('dvnb-swipe-a') ? ' A' : cls.contains('dvnb-swipe-b') ? ' B' : '');
    const svg = img.parentElement.querySelector('svg.dvnb-boxes');
    const over = [...img.parentElement.querySelectorAll('.dvnb-overlay')]
      .some(n => n.style.display !== 'none' && (n.tagName === 'CANVAS' ? n.width : n.src));
    const shown = svg && svg.style.display !== 'none';
    out[key] = {boxes: shown ? Number(svg.dataset.boxes || 0) : 0, overlay: over};
  }
  return out;
}"""


def _layers(page, cell):
    return page.evaluate(LAYERS_JS, cell)


def test_detection_demo_everywhere(lab, page, workspace, screenshot_dir):
    folder = workspace / "detection-demo"
    folder.mkdir()
    nb = nbformat.read(ROOT / "notebooks" / "detection.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(  # the run, and a copy of it, on a board
        'import shutil\nshutil.copytree("dvclive", "run2")\n'
        'dvclive_nb.compare("dvclive", "run2", overlay={"mask": "input"})'))
    nbformat.write(nb, folder / "detection.ipynb")
    open_notebook(page, lab.url("lab/tree/detection-demo/detection.ipynb"))
    run_all(page)
    train_cell, show_cell, board_cell = 1, 2, 3  # code cells

    # While it trains: the picture has boxes and the mask over it.
    wait_for(lambda: (v := _layers(page, train_cell).get("input")) and v["boxes"]
             and v["overlay"], timeout=60, what="boxes and overlay while training")
    wait_kernel_idle(page)
    wait_for(lambda: (v := _layers(page, show_cell).get("input")) and v["boxes"]
             and v["overlay"], timeout=30, what="boxes and overlay in show()")
    shown = page.locator(".jp-CodeCell").nth(show_cell)
    assert shown.get_by_role("checkbox", name="disc").count() == 2  # a box label, a class

    # The pin: the pinned step has its own boxes and overlay.
    shown.get_by_role("button", name="pin step").click()
    shown.locator(".dvnb-slider").focus()
    page.keyboard.press("Home")
    wait_for(lambda: (v := _layers(page, show_cell).get("input pinned")) and v["overlay"],
             timeout=10, what="the pinned step's layers")

    # compare(): each column draws its own boxes and overlay; then as a swipe.
    wait_for(lambda: all((v := _layers(page, board_cell).get(f"{i}:input")) and v["boxes"]
                         and v["overlay"] for i in (0, 1)), timeout=60, what="board layers")
    board = page.locator(".jp-CodeCell").nth(board_cell)
    board.locator(".dvnb-mode").select_option("swipe")
    wait_for(lambda: all((v := _layers(page, board_cell).get(f"input {s}")) and v["boxes"]
                         for s in ("A", "B")), timeout=10, what="swipe layers")

    if screenshot_dir:  # the demo's training cell alone, in Light and in Dark (to look at)
        nb.cells = nb.cells[:3]
        nbformat.write(nb, folder / "shot.ipynb")
        shots = {"JupyterLab Light": screenshot_dir / "detection.png",
                 "JupyterLab Dark": Path("/tmp") / "detection-dark.png"}
        try:
            for theme, path in shots.items():
                lab.set_theme(theme)
                open_notebook(page, lab.url("lab/tree/detection-demo/shot.ipynb"))
                page.wait_for_selector(f'body[data-jp-theme-name="{theme}"]',
                                       state="attached", timeout=30000)
                run_all(page)
                wait_kernel_idle(page)
                _screenshot(page, 1, path)
        finally:
            lab.set_theme("JupyterLab Light")


def _screenshot(page, cell, path):
    wait_for(lambda: (v := _layers(page, cell).get("input")) and v["boxes"] and v["overlay"],
             timeout=30, what="layers for the screenshot")
    view = page.locator(".jp-CodeCell").nth(cell).locator(".dvnb").first
    view.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    view.screenshot(path=str(path))
