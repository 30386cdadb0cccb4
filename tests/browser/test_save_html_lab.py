"""The view's Save HTML action in JupyterLab: the button downloads one HTML file under
the name it shows, with a note of what was kept; that file, opened from disk with every
request blocked, paints the right frame of every series. The board has the action too."""

from tests.browser.test_share_file import SERIES, STEPS, expect_step, open_offline
from tests.support.pages import open_notebook, run_all, wait_kernel_idle, write_notebook

# The same pixel markers as tests/browser/test_share_file.py (left: series; right: step).
LOG = f'''
import numpy as np
from dvclive_nb import Live

def marker(step, k, column=0, size=16):
    arr = np.zeros((size, size, 3), np.uint8)
    arr[:, : size // 2] = (0, 60 * k + 10, 100 * column)
    arr[:, size // 2:] = (10 * step, 60 * k + 10, 100 * column)
    return arr

for folder, column in (("runs/a", 0), ("runs/b", 1)):
    live = Live(folder, save_dvc_exp=False)
    for step in range({STEPS}):
        for k, name in enumerate({SERIES!r}):
            live.log_image(f"{{name}}/{{step}}.png", marker(step, k, column))
        live.next_step()
    live.end()
'''
BOARD = 'import dvclive_nb\ndvclive_nb.compare("runs/a", "runs/b")'


def test_save_html_downloads_a_file_that_scrubs_offline(lab, page, browser, workspace,
                                                        tmp_path):
    write_notebook(workspace / "save.ipynb", LOG, BOARD)
    open_notebook(page, lab.url("lab/tree/save.ipynb"))
    run_all(page)
    page.wait_for_selector(".dvnb-slider", timeout=60000)
    wait_kernel_idle(page)
    # JupyterLab draws only the cells near the viewport: bring the board's into it.
    page.locator(".jp-Cell").last.scroll_into_view_if_needed()
    page.wait_for_selector(".dvnb-board .dvnb-slider", timeout=30000)

    # Each Live's view (runs/a first) and the board offer the action.
    board = page.locator(".dvnb-board")
    assert board.get_by_role("button", name="save html").count() == 1
    with page.expect_download(timeout=60000) as got_board:
        board.get_by_role("button", name="save html").click()
    assert got_board.value.suggested_filename.endswith(".html")
    board_file = tmp_path / "board.html"
    got_board.value.save_as(board_file)

    page.locator(".jp-Cell").first.scroll_into_view_if_needed()
    run_view = page.locator(".dvnb:not(.dvnb-board)").first
    with page.expect_download(timeout=60000) as got:
        run_view.get_by_role("button", name="save html").click()
    download = got.value
    assert download.suggested_filename == "a-b-c.html"
    note = run_view.locator(".dvnb-export-note")
    note.filter(has_text="downloaded a-b-c.html").wait_for(timeout=10000)
    assert f"3 series · {STEPS} of {STEPS} steps" in note.text_content()
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        shared = context.new_page()
        requests, dialogs, errors = open_offline(shared, saved)
        expect_step(shared, STEPS - 1)
        shared.locator(".dvnb-stepbox").fill("4")
        shared.locator(".dvnb-stepbox").press("Enter")
        expect_step(shared, 4)
        # No kernel in the file: its actions are absent, not broken.
        assert shared.locator(".dvnb-export-box").is_hidden()
        assert (requests, dialogs, errors) == ([], [], [])

        board_page = context.new_page()
        requests, dialogs, errors = open_offline(board_page, board_file)
        expect_step(board_page, STEPS - 1, columns=(0, 1))
        assert (requests, dialogs, errors) == ([], [], [])
    finally:
        context.close()
