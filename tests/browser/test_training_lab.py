"""notebooks/training.ipynb in JupyterLab: the sliders advance while it trains, scrubbing
back shows an earlier frame, Play animates. Saves the README's pictures when asked
(DVCLIVE_NB_SCREENSHOTS=1)."""

import hashlib
import io
import shutil
import time
from pathlib import Path

from tests.support.pages import (
    SHOWN_SHA256_JS,
    cell_busy,
    open_notebook,
    run_all,
    slider,
    wait_kernel_idle,
)
from tests.support.waiting import wait_for

ROOT = Path(__file__).resolve().parents[2]



def test_training_notebook(lab, page, workspace, screenshot_dir):
    folder = workspace / "training-demo"
    folder.mkdir()
    shutil.copy(ROOT / "notebooks" / "training.ipynb", folder / "training.ipynb")
    images = folder / "dvclive" / "plots" / "images"
    known = {}

    def shown(name):
        """The step whose file on disk has the bytes on screen (None if none yet)."""
        digest = page.evaluate(SHOWN_SHA256_JS, name)
        if digest is None:
            return None
        if digest not in known.get(name, {}):
            known[name] = {hashlib.sha256(p.read_bytes()).hexdigest(): int(p.stem)
                           for p in (images / name).glob("*.png")}
        return known[name].get(digest)

    open_notebook(page, lab.url("lab/tree/training-demo/training.ipynb"))
    run_all(page)
    train_cell = 2  # the third code cell trains

    first = wait_for(lambda: shown("painting") is not None and shown("painting") + 1,
                     timeout=60, what="a painting") - 1
    later = wait_for(lambda: (s := shown("painting")) is not None and s > first and s + 1,
                     timeout=20, what="the slider to advance") - 1
    busy = cell_busy(page, train_cell)
    if busy:  # scrub back while the cell still runs
        slider(page).focus()
        page.keyboard.press("Home")
        assert wait_for(lambda: shown("painting") == 0 and shown("error") == 0 or None,
                        timeout=5, what="step 0 while busy") is not None
        page.locator(".dvnb-latest").first.click()
        wait_for(lambda: (shown("painting") or 0) > later, timeout=20, what="following")
    wait_for(lambda: not cell_busy(page, train_cell), timeout=90, what="training to end")
    wait_kernel_idle(page)
    assert busy, "the training cell ended before the test could scrub it"
    assert wait_for(lambda: shown("painting") == 60, timeout=10, what="the last step")

    # Scrub back after training too: an earlier frame, and the shared slider moves both.
    slider(page).focus()
    page.keyboard.press("Home")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert wait_for(lambda: shown("painting") == 3 and shown("error") == 3 or None,
                    timeout=5, what="step 3") is not None
    if screenshot_dir:
        for _ in range(5):
            page.keyboard.press("ArrowRight")
        wait_for(lambda: shown("painting") == 8, timeout=5, what="step 8")
        page.locator(".jp-CodeCell").nth(train_cell).screenshot(
            path=str(screenshot_dir / "training.png"))

    # Play animates.
    page.locator(".dvnb-speed").first.select_option("10")
    page.locator(".dvnb-play").first.click()
    seen, frames = set(), []
    view = page.locator(".dvnb").first
    deadline = time.time() + 3
    while time.time() < deadline:
        seen.add(shown("painting"))
        if screenshot_dir and len(frames) < 24:
            frames.append(view.screenshot())
        time.sleep(0.05)
    page.locator(".dvnb-play").first.click()
    assert len(seen - {None}) >= 8
    if screenshot_dir:
        from PIL import Image

        pics = []
        for shot in frames:
            pic = Image.open(io.BytesIO(shot)).convert("RGB")
            pic = pic.resize((pic.width * 3 // 5, pic.height * 3 // 5), Image.LANCZOS)
            pics.append(pic.convert("P", palette=Image.Palette.ADAPTIVE, colors=128))
        pics[0].save(screenshot_dir / "slider.gif", save_all=True, append_images=pics[1:],
                     duration=120, loop=0, optimize=True)

    # The metrics strip: loss and PSNR along the slider, with their values at the step.
    readout = page.locator(".dvnb-metrics-readout").first
    assert wait_for(lambda: "loss" in readout.text_content() and "psnr" in readout.text_content(),
                    timeout=5, what="the metrics readout")

    # Pin step 5, go to the last step: the difference shows what the training changed.
    slider(page).focus()
    page.keyboard.press("Home")
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    assert wait_for(lambda: shown("painting") == 5, timeout=5, what="step 5")
    page.get_by_role("button", name="pin step").first.click()
    slider(page).focus()
    page.keyboard.press("End")
    page.get_by_role("combobox", name="compare mode").first.select_option("diff")
    diff = page.locator('.dvnb-pinned[data-name="painting"] .dvnb-diff').first
    wait_for(lambda: diff.get_attribute("data-steps") == "steps 60 / 5", timeout=10,
             what="the pinned difference")
    assert int(diff.get_attribute("data-max")) > 0
    if screenshot_dir:  # the whole view: a window tall enough to hold it
        page.set_viewport_size({"width": 1280, "height": 1500})
        page.locator(".jp-CodeCell").nth(train_cell).locator(".dvnb").first.screenshot(
            path=str(screenshot_dir / "depth.png"))
