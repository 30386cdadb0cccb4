"""notebooks/magic.ipynb in JupyterLab: the figures the magic logs appear in the slider."""

import hashlib
import shutil
from pathlib import Path

from tests.support.pages import SHOWN_SHA256_JS, open_notebook, run_all, wait_kernel_idle
from tests.support.waiting import wait_for

ROOT = Path(__file__).resolve().parents[2]



def test_magic_notebook_figures_in_the_slider(lab, page, workspace):
    folder = workspace / "magic-demo"
    folder.mkdir()
    shutil.copy(ROOT / "notebooks" / "magic.ipynb", folder / "magic.ipynb")
    open_notebook(page, lab.url("lab/tree/magic-demo/magic.ipynb"))
    run_all(page)
    wait_for(lambda: page.locator(".dvnb-slider").count() >= 1, timeout=60, what="slider")
    wait_for(lambda: all("*" not in (p or "") for p in
                         page.locator(".jp-CodeCell .jp-InputPrompt").all_text_contents()),
             timeout=90, what="all cells run")
    wait_kernel_idle(page)
    images = folder / "dvclive" / "plots" / "images"

    def shown(name):
        """(step on screen, whether its bytes are the file's on disk), or None."""
        digest = page.evaluate(SHOWN_SHA256_JS, name)
        if digest is None:
            return None
        step = page.locator(f'.dvnb-panel[data-name="{name}"]').first.get_attribute("data-step")
        on_disk = hashlib.sha256((images / name / f"{step}.png").read_bytes()).hexdigest()
        return int(step), digest == on_disk

    assert wait_for(lambda: shown("fit") == (5, True), timeout=10, what="the last fit")
    fit_slider = page.locator('.dvnb:has(.dvnb-panel[data-name="fit"]) .dvnb-slider')
    assert fit_slider.get_attribute("max") == "5"  # degrees 1..6: steps 0..5
    fit_slider.focus()
    page.keyboard.press("Home")
    assert wait_for(lambda: shown("fit") == (0, True), timeout=5, what="step 0")
    # The cell form's figure is in its own view, under its cell.
    assert shown("hist") == (6, True)
