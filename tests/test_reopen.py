"""show(): a view rebuilt from a run folder on disk."""

import numpy as np
import pytest
from IPython.utils.capture import capture_output

import dvclive_nb
from dvclive_nb import Live
from dvclive_nb.error import DvcLiveError, NoImagesError


@pytest.fixture
def run(tmp_dir):
    live = Live("run", save_dvc_exp=False)
    for _ in range(5):
        live.log_image(f"pred/{live.step * 10}.png", np.full((4, 4), live.step, np.uint8))
        live.log_image("latest.png", np.full((4, 4), 9, np.uint8))
        live.next_step()
    live.end()
    return tmp_dir / "run"


def test_show_builds_the_view_from_disk(run):
    view = dvclive_nb.show("run", display=False)
    assert view.panels == [{"name": "pred", "kind": "series"},
                           {"name": "latest.png", "kind": "single"}]
    assert view._log[:5] == [("pred", s, "image/png") for s in (0, 10, 20, 30, 40)]
    assert view.frame == {}  # nothing pushed: the page asks for what it needs
    assert view._read("pred", 20) == (run / "plots/images/pred/20.png").read_bytes()
    assert "pred · step 40" in view.static_bundle()["text/html"]
    # The same run again replaces the earlier widget; the images folder works too.
    again = dvclive_nb.show(run / "plots" / "images", display=False)
    assert view.comm is None and again.comm is not None
    again.close()


def test_show_displays_once_and_returns_nothing(run, ipshell):
    with capture_output() as out:
        assert dvclive_nb.show("run") is None
    assert [list(o.data) for o in out.outputs] == [
        ["text/plain", "application/vnd.jupyter.widget-view+json"], ["text/html", "text/plain"]]


def test_show_without_images(tmp_dir):
    with pytest.raises(NoImagesError, match="No images under 'nothing'") as info:
        dvclive_nb.show("nothing")
    assert isinstance(info.value, DvcLiveError)
    (tmp_dir / "empty" / "plots" / "images").mkdir(parents=True)
    with pytest.raises(NoImagesError):
        dvclive_nb.show("empty")
