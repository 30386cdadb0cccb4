"""show(): a view of a run folder, rebuilt from disk and followed while it is written."""

import threading

import numpy as np
import pytest
from IPython.utils.capture import capture_output

import dvclive_nb
from dvclive_nb import Live
from dvclive_nb.error import DvcLiveError, NoImagesError, UnknownSourceError
from tests.support.images import png
from tests.support.waiting import wait_for


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
    with pytest.raises(UnknownSourceError, match="'nothing' is not a run folder") as info:
        dvclive_nb.show("nothing")
    assert isinstance(info.value, DvcLiveError)
    (tmp_dir / "empty" / "plots" / "images").mkdir(parents=True)
    with pytest.raises(NoImagesError):
        dvclive_nb.show("empty", follow=False)


def test_show_follows_a_folder_while_it_is_written(tmp_dir):
    (tmp_dir / "later").mkdir()  # a run that has not logged an image yet: the view waits
    view = dvclive_nb.show("later", display=False)
    assert view.panels == [] and view.status == "waiting for the first image in later"
    watchers = [t for t in threading.enumerate() if t.name == "dvclive-nb watcher: later"]
    assert len(watchers) == 1
    live = Live("later", save_dvc_exp=False, slider=False)
    for _ in range(3):
        live.log_image(f"pred/{live.step}.png", np.full((4, 4), live.step, np.uint8))
        live.next_step()
    assert wait_for(lambda: len(view._log) == 3)
    assert [entry[:2] for entry in view._log] == [("pred", 0), ("pred", 1), ("pred", 2)]
    assert view._read("pred", 1) == (tmp_dir / "later/plots/images/pred/1.png").read_bytes()
    # Showing the same source again closes the earlier view and stops its watcher.
    again = dvclive_nb.show("later", display=False)
    assert view.comm is None
    assert wait_for(lambda: not watchers[0].is_alive(), timeout=5)
    again.close()
    assert wait_for(lambda: not any(t.name == "dvclive-nb watcher: later"
                                    for t in threading.enumerate()), timeout=5)


def test_a_deleted_folder_shows_in_the_caption_and_comes_back(tmp_dir):
    import shutil

    live = Live("gone", save_dvc_exp=False, slider=False)
    live.log_image("pred/0.png", np.zeros((4, 4), np.uint8))
    view = dvclive_nb.show("gone", display=False)
    shutil.rmtree(tmp_dir / "gone")
    assert wait_for(lambda: "was deleted" in view.status and "trying again" in view.status)
    live = Live("gone", save_dvc_exp=False, slider=False)
    live.log_image("pred/0.png", np.full((4, 4), 200, np.uint8))
    assert wait_for(lambda: len(view._log) == 2, timeout=15)  # a new frame for step 0
    assert "following" in view.status
    view.close()


def test_a_slow_source_is_shown_at_once_and_read_on_a_thread(ipshell):
    """A remote (here fsspec's in-memory filesystem) is listed after show() returns: the
    view fills in, and what goes wrong there is said in its caption, not raised."""
    import fsspec

    from dvclive_nb._present import SHOWN

    memory = fsspec.filesystem("memory")
    for step in range(3):
        memory.pipe(f"/slow-run/plots/images/pred/{step}.png", png(step * 10, 4))
    with capture_output() as out:
        assert dvclive_nb.show("memory://slow-run", follow=False) is None
    assert len(out.outputs) == 2  # the view and its fallback, shown before the listing
    view = SHOWN["memory://slow-run"].views[0]
    assert wait_for(lambda: [r.step for r in view._log] == [0, 1, 2])
    assert view._read("pred", 1) == png(10, 4)
    memory.mkdir("/empty-run/plots/images")
    with capture_output():
        dvclive_nb.show("memory://empty-run", follow=False)  # no raise: read later
    empty = SHOWN["memory://empty-run"].views[0]
    assert wait_for(lambda: empty.status.startswith("No images under 'memory://empty-run'"))
    with pytest.raises(NoImagesError):  # display=False waits for the listing, and raises
        dvclive_nb.show("memory://empty-run", follow=False, display=False)
    memory.rm("/slow-run", recursive=True)
    memory.rm("/empty-run", recursive=True)


def test_a_finished_experiment_has_its_metrics_strip(repo):
    """follow=False, or any commit: the strip gets the commit's metrics history, sent
    when the page connects (Task: issue 21, "A view made with follow=False")."""
    with Live(exp_name="done", slider=False) as live:
        for _ in range(4):
            live.log_image(f"pred/{live.step}.png", np.full((4, 4), live.step, np.uint8))
            live.log_metric("loss", 1 / (live.step + 1))
            live.log_metric("acc", live.step / 4)
            live.next_step()
    view = dvclive_nb.show("done", follow=False, display=False)
    sent = []
    view.send = lambda content, buffers=None: sent.append((content, buffers))
    view._on_msg(view, {"type": "sync", "after": -1}, [])  # the page connects
    metrics = [(c, b) for c, b in sent if c["type"] == "metrics"]
    assert len(metrics) == 1 and metrics[0][0]["reset"] is True
    content, buffers = metrics[0]
    assert [m["name"] for m in content["metrics"]] == ["acc", "loss"]
    loss = content["metrics"][1]
    steps = np.frombuffer(buffers[loss["buf"]], np.float64)
    values = np.frombuffer(buffers[loss["buf"] + 1], np.float64)
    assert steps.tolist() == [0, 1, 2, 3]
    assert values.tolist() == pytest.approx([1, 1 / 2, 1 / 3, 1 / 4])
    view.close()
