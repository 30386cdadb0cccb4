"""A view that remembers, in JupyterLab: ``step`` linked with ipywidgets.jslink between
two views and to an IntSlider, and step + zoom back after a cell re-run and a page
reload (dvclive_nb/widget.py's ``step`` / ``view_state``, js/src/remember.js)."""

import time

from tests.support.images import FRAME_CODE
from tests.support.pages import (
    open_notebook,
    run_all,
    shown_step,
    slider,
    wait_kernel_idle,
    write_notebook,
)
from tests.support.waiting import wait_for

RUNS = '''
import dvclive_nb
import ipywidgets as w
from IPython.display import display
from dvclive_nb import Live

for folder, series, tag in (("run-a", "pred", 1), ("run-b", "other", 2), ("run-c", "pred", 3)):
    live = Live(folder, save_dvc_exp=False, slider=False)
    for _ in range(10):
        live.log_image(f"{series}/{live.step}.png", frame(live.step, tag))
        live.next_step()
    live.end()
'''
LINKED = '''
a = dvclive_nb.show("run-a", display=False)
b = dvclive_nb.show("run-b", display=False)
s = w.IntSlider(value=7, min=0, max=9, description="step")
w.jslink((s, "value"), (a, "step"))
w.jslink((a, "step"), (b, "step"))
display(w.VBox([s, a, b]))
'''
# Another run: show() of the same source would replace (close) view a.
SHOWN = 'dvclive_nb.show("run-c")'
SHOWN_CELL = 3
ZOOM_JS = """(cell) => {
  const img = document.querySelectorAll('.jp-CodeCell')[cell].querySelector('.dvnb-panel img');
  return img ? img.style.transform : null;
}"""


def in_cell(page, name, tag, cell):
    return shown_step(page, name, tag, cell=cell)


def rerun(page, cell):
    page.locator(".jp-CodeCell .jp-InputPrompt").nth(cell).click()
    page.keyboard.press("Shift+Enter")


def test_jslink_int_slider_and_state_across_rerun_and_reload(lab, page, workspace):
    write_notebook(workspace / "remember.ipynb", FRAME_CODE, RUNS, LINKED, SHOWN)
    open_notebook(page, lab.url("lab/tree/remember.ipynb"))
    run_all(page)
    wait_kernel_idle(page)

    # The IntSlider's 7 drives view a, and a's step drives view b: both show step 7.
    assert wait_for(lambda: in_cell(page, "pred", 1, 2) == 7, timeout=30, what="a at 7")
    assert wait_for(lambda: in_cell(page, "other", 2, 2) == 7, timeout=5, what="b at 7")
    # An IntSlider moved by the user (its keyboard) drives both views.
    handle = page.locator(".jp-CodeCell").nth(2).locator(".widget-slider .noUi-handle")
    handle.focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert wait_for(lambda: in_cell(page, "pred", 1, 2) == 5, timeout=5, what="a at 5")
    assert wait_for(lambda: in_cell(page, "other", 2, 2) == 5, timeout=5, what="b at 5")
    # Scrubbing view b moves view a and the IntSlider back through the links.
    slider(page, 1).focus()
    page.keyboard.press("Home")
    assert wait_for(lambda: in_cell(page, "pred", 1, 2) == 0, timeout=5, what="a at 0")
    readout = page.locator(".jp-CodeCell").nth(2).locator(".widget-readout")
    assert wait_for(lambda: readout.text_content().strip() == "0", timeout=5,
                    what="the IntSlider at 0")

    # The shown view: step 3 and 4x zoom, then the cell runs again.
    assert wait_for(lambda: in_cell(page, "pred", 3, SHOWN_CELL) == 9, timeout=10,
                    what="the newest step")
    view = page.locator(".jp-CodeCell").nth(SHOWN_CELL)
    view.locator(".dvnb-slider").focus()
    page.keyboard.press("Home")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    view.locator(".dvnb-zoom").first.evaluate(
        "e => { e.value = '2'; e.dispatchEvent(new Event('input')); }")
    assert wait_for(lambda: in_cell(page, "pred", 3, SHOWN_CELL) == 3, timeout=5, what="3")
    assert wait_for(lambda: "scale(4)" in (page.evaluate(ZOOM_JS, SHOWN_CELL) or ""),
                    timeout=5, what="4x zoom")
    time.sleep(1.0)  # the page writes its state at most every 250 ms
    wait_kernel_idle(page)
    rerun(page, SHOWN_CELL)
    wait_kernel_idle(page)
    # A new view (the old one is closed), back at step 3 and 4x.
    assert wait_for(lambda: in_cell(page, "pred", 3, SHOWN_CELL) == 3, timeout=20,
                    what="the re-run view at step 3")
    assert wait_for(lambda: "scale(4)" in (page.evaluate(ZOOM_JS, SHOWN_CELL) or ""),
                    timeout=5, what="the re-run view zoomed")

    # Saved, then a page reload: the views come back from the kernel's state as left.
    time.sleep(1.0)
    page.locator(".jp-CodeCell .jp-InputPrompt").nth(0).click()
    page.keyboard.press("Control+s")
    saved = workspace / "remember.ipynb"
    wait_for(lambda: "widget-view+json" in saved.read_text(), timeout=10, what="a save")
    page.reload()
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell:visible", timeout=60000)
    assert wait_for(lambda: in_cell(page, "pred", 3, SHOWN_CELL) == 3, timeout=30,
                    what="step 3 after a reload")
    assert wait_for(lambda: "scale(4)" in (page.evaluate(ZOOM_JS, SHOWN_CELL) or ""),
                    timeout=5, what="4x zoom after a reload")
    assert wait_for(lambda: in_cell(page, "other", 2, 2) == 0, timeout=10,
                    what="the linked view at 0 after a reload")
