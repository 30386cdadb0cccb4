"""`voila notebooks/training.ipynb` renders the slider (Binder users share Voilà links)."""

import shutil
from pathlib import Path

import pytest

from tests.support.harness import Server
from tests.support.pages import slider
from tests.support.waiting import wait_for

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    folder = tmp_path_factory.mktemp("voila")
    shutil.copy(ROOT / "notebooks" / "training.ipynb", folder / "training.ipynb")
    server = Server("voila", folder, tmp_path_factory.mktemp("home-voila"),
                    notebook=folder / "training.ipynb")
    yield server
    server.stop()


def test_voila_renders_the_slider(voila, page):
    page.goto(voila.url(""), timeout=120000)
    page.wait_for_selector(".dvnb-slider", timeout=120000)
    # Voilà runs the whole notebook; the page then holds every step and can scrub.
    wait_for(lambda: slider(page).get_attribute("max") == "60", timeout=60, what="60 steps")
    pixels = """(name) => {
      const img = document.querySelector(`.dvnb-panel[data-name="${name}"] img`);
      if (!img || !img.complete || !img.naturalWidth) return null;
      const c = document.createElement('canvas');
      c.width = img.naturalWidth; c.height = img.naturalHeight;
      const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
      return Array.from(ctx.getImageData(0, 0, c.width, c.height).data.slice(0, 4096));
    }"""
    last = wait_for(lambda: page.evaluate(pixels, "painting"), timeout=30, what="a painting")
    slider(page).focus()
    page.keyboard.press("Home")
    first = wait_for(lambda: (p := page.evaluate(pixels, "painting")) and p != last and p,
                     timeout=10, what="step 0")
    assert first != last
    caption = page.locator('.dvnb-panel[data-name="painting"] figcaption').first.text_content()
    assert caption.startswith("painting · ")  # at the selected step, shown in the step box
    assert page.locator(".dvnb-stepbox").first.input_value() == "0"
    assert not page.locator(".dvnb-static").first.is_visible()
