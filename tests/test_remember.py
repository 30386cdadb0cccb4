"""A view that remembers, without a browser: the ``step`` / ``view_state`` traits, a
re-run show() that starts where the replaced view was left, and the static fallback at
the remembered step (dvclive_nb/widget.py, dvclive_nb/_present.py)."""

import base64
import io
import re

import numpy as np
import pytest
from PIL import Image

import dvclive_nb
from dvclive_nb import Live


@pytest.fixture
def run(tmp_dir):
    live = Live("run", save_dvc_exp=False, slider=False)
    for _ in range(6):  # every pixel is the step
        live.log_image(f"pred/{live.step}.png", np.full((4, 4), live.step * 10, np.uint8))
        live.next_step()
    live.end()
    return tmp_dir / "run"


def fallback_steps(view):
    """(captions' steps, pixel values) of the static fallback's images."""
    page = view.static_bundle()["text/html"]
    steps = [int(s) for s in re.findall(r"<figcaption>pred · step (\d+)</figcaption>", page)]
    pixels = [Image.open(io.BytesIO(base64.b64decode(b))).getpixel((0, 0))
              for b in re.findall(r'src="data:image/png;base64,([^"]+)"', page)]
    return steps, pixels


def test_step_is_observable_when_the_page_sets_it(run):
    view = dvclive_nb.show("run", display=False)
    assert view.step is None  # nothing chosen yet: the newest
    seen = []
    view.observe(lambda change: seen.append(change["new"]), names="step")
    view.set_state({"step": 4})  # what the page's save_changes() does
    assert seen == [4] and view.step == 4
    view.step = 2  # from Python: synced to the page, which shows that step
    assert seen == [4, 2]


def test_a_rerun_show_starts_where_the_replaced_view_was_left(run):
    first = dvclive_nb.show("run", display=False)
    state = {"following": False, "pinned": 1, "zoom": {"k": 4, "x": 0.25, "y": 0.5},
             "tone": {"brightness": 0.2, "contrast": 2, "auto": False, "map": "viridis"},
             "grid": {"filter": "pred", "tile": 64}}
    first.set_state({"step": 3, "view_state": state})
    again = dvclive_nb.show("run", display=False)  # the same source: replaces the view
    assert first.comm is None  # closed
    assert again.step == 3 and again.view_state == state
    other = dvclive_nb.show(run / "plots" / "images", display=False)  # same source again
    assert other.step == 3
    assert dvclive_nb.compare("run", display=False).step is None  # a board: its own


def test_the_fallback_shows_the_remembered_step(run):
    view = dvclive_nb.show("run", display=False)
    assert fallback_steps(view) == ([5], [50])  # newest
    view.set_state({"step": 2, "view_state": {"following": False}})
    assert fallback_steps(view) == ([2], [20])  # read back from disk
    view.set_state({"step": 4, "view_state": {"following": True}})
    assert fallback_steps(view) == ([5], [50])  # following: the newest
    view.set_state({"step": 99, "view_state": {"following": False}})
    assert fallback_steps(view) == ([5], [50])  # past the end: the newest
