"""``share_steps``: a view's static fallback holds N evenly spaced steps (the last always
among them), downscaled, with the shared file's viewer (dvclive_nb/_share_fallback.py);
without it the fallback is as small as before."""

import base64
import io
import json
import re

import numpy as np
import pytest
from PIL import Image

import dvclive_nb
from dvclive_nb import Live
from dvclive_nb.error import DvcLiveError

STEPS = 40


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rng = np.random.default_rng(0)
    with Live("run", save_dvc_exp=False) as live:
        for step in range(STEPS):
            for name in ("pred", "mask"):
                img = rng.integers(0, 255, (200, 300, 3), np.uint8)
                img[0, 0] = (step, 0, 0)
                live.log_image(f"{name}/{step}.png", img)
            live.next_step()
    return tmp_path / "run"


def embedded(html):
    """(state, {(panel, step): PIL image}) of the history in a fallback's HTML."""
    state = json.loads(re.search(r'id="dvnb-state-\w+">(.*?)</script>', html, re.S).group(1))
    text = re.search(r'id="dvnb-frames-\w+">(.*?)</script>', html, re.S).group(1)
    images = {}
    for f in state["frames"]:
        data = base64.b64decode(text[f["at"]:f["at"] + f["len"]])
        images[(f["name"], f["step"])] = Image.open(io.BytesIO(data))
    return state, images


def test_history_is_thinned_evenly_with_the_last_step_and_downscaled(run):
    view = dvclive_nb.show(str(run), display=False, follow=False, share_steps=5)
    html = view.static_bundle()["text/html"]
    state, images = embedded(html)
    assert state["model"]["shared"] is True
    for name in ("pred", "mask"):
        steps = sorted(s for n, s in images if n == name)
        assert steps == [0, 10, 20, 29, 39]  # evenly spaced, first and last kept
    assert all(max(im.size) <= 128 for im in images.values())
    # The frames are the logged ones: step marker in the top-left pixel, shrunk.
    assert images[("pred", 39)].size == (128, 85)
    assert '<script type="module">' in html and "dvclive_nb_share.start(__dvnb_view" in html
    # The still images stay for readers with no JS (GitHub): the newest frames.
    assert html.count('<figure') == 2 and "step 39" in html
    view.close()


def test_default_fallback_keeps_no_history_and_stays_small(run):
    plain = dvclive_nb.show(str(run), display=False, follow=False)
    html = plain.static_bundle()["text/html"]
    assert "dvnb-state" not in html and "<script" not in html
    shared = dvclive_nb.show(str(run), display=False, follow=False, share_steps=8)
    bigger = shared.static_bundle()["text/html"]
    # 2 series x 8 steps of at most 128 px, plus the viewer's script (about 100 KB).
    extra = len(bigger) - len(html)
    _, images = embedded(bigger)
    assert len(images) == 16
    assert 50_000 < extra < 150_000 + 16 * 70_000
    plain.close()
    shared.close()


@pytest.mark.parametrize("bad", [0, 1, -3, 2.5, True, "8"])
def test_bad_share_steps_is_a_typed_error(run, bad):
    with pytest.raises(DvcLiveError, match="share_steps must be None or an int"):
        dvclive_nb.show(str(run), display=False, share_steps=bad)
    with pytest.raises(DvcLiveError, match="share_steps"):
        Live("other", save_dvc_exp=False, share_steps=bad)
