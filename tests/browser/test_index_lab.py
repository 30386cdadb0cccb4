"""Index sliders, in JupyterLab: a run that logs ``pred/{sample}/{step}.png`` shows one
panel with a sample slider under the step slider (js/src/index_sliders.js); the sliders
pick the right (sample, step), read from the frame's pixels (sample in blue, step in
red); the sample survives a cell re-run and a page reload (view_state.index); one axis
laid out as tiles shows every sample. The compare board's zoom and layout come back
after a reload too (remember.js's rememberBoard)."""

import time

from tests.support.images import FRAME_CODE
from tests.support.pages import (
    READ_PIXEL_JS,
    open_notebook,
    run_all,
    wait_kernel_idle,
    write_notebook,
)
from tests.support.waiting import wait_for

SAMPLES, STEPS, TAG = 4, 10, 10  # sample s carries blue = TAG + s
RUNS = f'''
import dvclive_nb
from dvclive_nb import Live

for folder in ("run-s", "run-t"):
    live = Live(folder, save_dvc_exp=False, slider=False)
    for _ in range({STEPS}):
        for s in range({SAMPLES}):
            live.log_image(f"pred/{{s}}/{{live.step}}.png", frame(live.step, {TAG} + s))
        live.next_step()
    live.end()
'''
SHOWN, SHOWN_CELL = 'dvclive_nb.show("run-s")', 2
BOARD, BOARD_CELL = 'dvclive_nb.compare("run-s", "run-t")', 3

# The names of the panels on show in code cell ``cell`` (the others are hidden); none
# while JupyterLab has not rendered that cell yet (after a reload it renders lazily).
VISIBLE_JS = """(cell) => [...(document.querySelectorAll('.jp-CodeCell')[cell]
  ?.querySelectorAll('.dvnb-panel') ?? [])]
  .filter((fig) => fig.closest('.dvnb-group')?.style.display !== 'none')
  .map((fig) => fig.dataset.name)"""


def shown(page, cell=SHOWN_CELL):
    """[name, step, tag] of each panel on show, read from its pixels; None while loading."""
    out = []
    names = page.evaluate(VISIBLE_JS, cell)
    if not names:
        return None
    for name in names:
        got = page.evaluate(READ_PIXEL_JS, [name, cell])
        if got is None:
            return None
        out.append([name, *got])
    return out


def at(sample, step):
    return [[f"pred/{sample}", step, TAG + sample]]


def cell(page, n):
    return page.locator(".jp-CodeCell").nth(n)


def test_index_sliders_pick_sample_and_step_and_come_back(lab, page, workspace):
    write_notebook(workspace / "index.ipynb", FRAME_CODE, RUNS, SHOWN, BOARD)
    open_notebook(page, lab.url("lab/tree/index.ipynb"))
    run_all(page)
    wait_kernel_idle(page)

    # One panel, not four: sample 0 (the first value) at the newest step.
    view = cell(page, SHOWN_CELL)
    assert wait_for(lambda: shown(page) == at(0, STEPS - 1), timeout=30, what="pred/0 at 9")
    index = view.locator('.dvnb-index-slider[data-pattern="pred/{0}"]')
    assert index.count() == 1
    # Sample 2, then step 3: the panel shows exactly that frame.
    index.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert wait_for(lambda: shown(page) == at(2, STEPS - 1), timeout=5, what="sample 2")
    view.locator(".dvnb-slider").focus()
    page.keyboard.press("Home")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert wait_for(lambda: shown(page) == at(2, 3), timeout=5, what="sample 2 at step 3")
    assert "2 · 3 of 4" in view.locator(".dvnb-index-value").text_content()

    # The sample axis as tiles: every sample at step 3; then back to the slider.
    tiles = view.locator(".dvnb-index-tiles")
    tiles.check()
    every = [x for s in range(SAMPLES) for x in at(s, 3)]
    assert wait_for(lambda: sorted(shown(page) or []) == every, timeout=5,
                    what="four tiles at step 3")
    tiles.uncheck()
    assert wait_for(lambda: shown(page) == at(2, 3), timeout=5, what="back to sample 2")

    # The board: 4x zoom and the swipe mode.
    board = cell(page, BOARD_CELL)
    board.locator(".dvnb-zoom").first.evaluate(
        "e => { e.value = '2'; e.dispatchEvent(new Event('input')); }")
    board.locator(".dvnb-mode").select_option("swipe")
    time.sleep(1.0)  # the page writes its state at most every 250 ms
    wait_kernel_idle(page)

    # A re-run of the view's cell: a new view, at sample 2 and step 3.
    cell(page, SHOWN_CELL).locator(".jp-InputPrompt").click()
    page.keyboard.press("Shift+Enter")
    wait_kernel_idle(page)
    assert wait_for(lambda: shown(page) == at(2, 3), timeout=20, what="the re-run view")

    # Saved, then a page reload: the view and the board come back from the kernel's state.
    time.sleep(1.0)
    cell(page, 0).locator(".jp-InputPrompt").click()
    page.keyboard.press("Control+s")
    saved = workspace / "index.ipynb"
    wait_for(lambda: "widget-view+json" in saved.read_text(), timeout=10, what="a save")
    page.reload()
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell:visible", timeout=60000)
    assert wait_for(lambda: shown(page) == at(2, 3), timeout=30, what="sample 2 after a reload")
    board = cell(page, BOARD_CELL)
    assert wait_for(lambda: board.locator(".dvnb-mode").input_value() == "swipe", timeout=10,
                    what="the board in swipe mode after a reload")
    assert board.locator(".dvnb-zoom").first.input_value() == "2"
