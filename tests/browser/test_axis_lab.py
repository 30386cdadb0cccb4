"""The slider's axis in JupyterLab, read from the frames' pixels: an epoch axis where
several steps share an epoch lands on each epoch's last step, a stride skips frames, and
a frame held over from an earlier step is marked, in a run's view and on the board
(js/src/axis.js, axis_bar.js)."""

from tests.support.images import FRAME_CODE
from tests.support.pages import open_notebook, run_all, shown_step, wait_kernel_idle, write_notebook
from tests.support.waiting import wait_for

RUN = '''
import dvclive_nb
from dvclive_nb import Live

live = Live("run", save_dvc_exp=False, slider=False)
for step in range(12):
    live.log_image(f"pred/{step}.png", frame(step, 1))
    if step % 4 == 0:
        live.log_image(f"sparse/{step}.png", frame(step, 2))
    live.log_metric("loss", step / 100)
    if step >= 1:  # step 0 logs no epoch: skipped
        live.log_metric("epoch", step // 3)
    live.next_step()
live.end()
dvclive_nb.show("run", axis="epoch", caption=["loss"])
'''
BOARD = '''
for folder, steps, tag in (("run-a", range(10), 3), ("run-b", range(0, 10, 3), 4)):
    live = Live(folder, save_dvc_exp=False, slider=False)
    for step in steps:
        live.step = step
        live.log_image(f"pred/{step}.png", frame(step, tag))
    live.end()
dvclive_nb.compare("run-a", "run-b")
'''
RUN_CELL, BOARD_CELL = 1, 2

FIGURE_JS = """([cell, name]) => {
  const fig = document.querySelectorAll('.jp-CodeCell')[cell]
    .querySelector(`.dvnb-panel[data-name="${name}"]`);
  return fig && {inexact: fig.classList.contains('dvnb-inexact'), at: fig.dataset.at,
    caption: fig.querySelector('figcaption').textContent,
    outline: getComputedStyle(fig.querySelector('img')).outlineStyle};
}"""


def test_epoch_axis_stride_and_marked_frames(lab, page, workspace):
    write_notebook(workspace / "axis.ipynb", FRAME_CODE, RUN, BOARD)
    open_notebook(page, lab.url("lab/tree/axis.ipynb"))
    run_all(page)
    wait_kernel_idle(page)
    cell = page.locator(".jp-CodeCell").nth(RUN_CELL)
    bar = cell.locator(".dvnb-controls")

    def at(name, tag):
        return shown_step(page, name, tag, cell=RUN_CELL)

    def figure(name, in_cell=RUN_CELL):
        return page.evaluate(FIGURE_JS, [in_cell, name])

    # Epochs 0..3 are steps 1-2, 3-5, 6-8, 9-11: the slider has four ticks, each an
    # epoch's last step; step 0 has no epoch. The view says both.
    assert wait_for(lambda: at("pred", 1) == 11, timeout=30, what="the newest frame")
    slider = cell.locator(".dvnb-slider")
    assert slider.get_attribute("max") == "3"
    note = cell.locator(".dvnb-axis-note").text_content()
    assert note == ("4 values of epoch over 11 steps: last step of each · "
                    "1 step without epoch: skipped"), note
    assert cell.locator(".dvnb-axis").input_value() == "epoch"
    slider.focus()
    page.keyboard.press("Home")
    assert wait_for(lambda: at("pred", 1) == 2, timeout=5, what="epoch 0's last step, 2")
    page.keyboard.press("ArrowRight")
    assert wait_for(lambda: at("pred", 1) == 5, timeout=5, what="epoch 1's last step, 5")
    assert cell.locator(".dvnb-axis-value").text_content() == "epoch 1"
    assert bar.locator(".dvnb-stepbox").input_value() == "5"
    pred = figure("pred")
    assert not pred["inexact"] and pred["outline"] == "none", pred
    assert "epoch 1 · loss 0.05" in pred["caption"], pred

    # Series "sparse" logged no image at step 5: it shows step 4's, marked as such.
    assert wait_for(lambda: at("sparse", 2) == 4, timeout=5, what="sparse holds step 4")
    sparse = figure("sparse")
    assert sparse["inexact"] and sparse["at"] == "5" and sparse["outline"] == "dashed", sparse
    assert "sparse · step 4 (at 5) · epoch 1 · loss 0.04" in sparse["caption"], sparse

    # Stride 2: every other epoch (steps 2 and 8).
    stride = cell.locator(".dvnb-stride")
    stride.fill("2")
    stride.dispatch_event("change")
    assert wait_for(lambda: slider.get_attribute("max") == "1", timeout=5, what="two ticks")
    slider.focus()
    page.keyboard.press("End")
    assert wait_for(lambda: at("pred", 1) == 8, timeout=5, what="step 8 at the end")
    assert "every 2nd frame" in cell.locator(".dvnb-axis-note").text_content()
    # Back to the step axis, still every other frame: 0, 2, ..., 10.
    cell.locator(".dvnb-axis").select_option("step")
    assert wait_for(lambda: slider.get_attribute("max") == "5", timeout=5, what="six ticks")
    slider.focus()
    page.keyboard.press("End")
    assert wait_for(lambda: at("pred", 1) == 10, timeout=5, what="step 10 at the end")
    page.keyboard.press("ArrowLeft")
    assert wait_for(lambda: at("pred", 1) == 8, timeout=5, what="step 8")
    assert wait_for(lambda: at("sparse", 2) == 8, timeout=5, what="sparse at 8")
    assert not figure("sparse")["inexact"]

    # The board: one slider over the union of both runs' steps; run-b logged every third
    # step, so at step 4 it shows step 3, marked.
    board = page.locator(".jp-CodeCell").nth(BOARD_CELL)
    board_slider = board.locator(".dvnb-slider")
    assert wait_for(lambda: board_slider.get_attribute("max") == "9", timeout=30,
                    what="the union of the steps")
    board_slider.focus()
    page.keyboard.press("Home")
    for _ in range(4):
        page.keyboard.press("ArrowRight")

    def board_at(name):
        return shown_step(page, name, cell=BOARD_CELL)

    assert wait_for(lambda: (board_at("0:pred"), board_at("1:pred")) == (4, 3), timeout=5,
                    what="run-a at 4, run-b at 3")
    b = figure("1:pred", BOARD_CELL)
    assert b["inexact"] and b["outline"] == "dashed", b
    assert b["caption"].startswith("run-b · pred · step 3 (at 4)"), b
    a = figure("0:pred", BOARD_CELL)
    assert not a["inexact"] and a["caption"].startswith("run-a · pred · step 4"), a
