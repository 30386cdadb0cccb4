"""The watcher (dvclive_nb/watch.py): a thread that follows a real run folder, written
by dvclive, into a FrameSink; it resets the sink when the run starts anew, says what
went wrong in the status, and stops with the sink's view."""

import threading
import time

import dvclive
import numpy as np

from dvclive_nb.sources.folder import FolderSource
from dvclive_nb.watch import FrameSink, Watcher
from dvclive_nb.widget import ImageView


def wait_for(fn, timeout=15.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if fn():
            return True
        time.sleep(0.05)
    return False


def write(folder, steps, value):
    live = dvclive.Live(folder, save_dvc_exp=False)
    for _ in range(steps):
        live.log_image(f"pred/{live.step}.png", np.full((4, 4), value, np.uint8))
        live.next_step()
    return live


def test_views_are_frame_sinks():
    view = ImageView()
    assert isinstance(view, FrameSink)
    view.close()


def test_follows_resets_and_stops_with_its_view(tmp_dir):
    write("run", 2, value=1)
    source = FolderSource("run/plots/images", label="run")
    view = ImageView(load=source.read)
    view.add(source.scan())
    watcher = Watcher(source, view)
    assert wait_for(lambda: view.status == "● following run")
    live = dvclive.Live("run", save_dvc_exp=False, resume=True)
    live.log_image(f"pred/{live.step}.png", np.full((4, 4), 1, np.uint8))
    assert wait_for(lambda: view.frames_of("pred")[0] == [0, 1, 2])
    write("run", 1, value=7)  # a new run in the same folder: the view starts over
    assert wait_for(lambda: view.frames_of("pred")[0] == [0])
    assert view.frames_of("pred")[1][0] == (
        open("run/plots/images/pred/0.png", "rb").read())
    assert watcher.alive
    view.close()
    assert wait_for(lambda: not watcher.alive, timeout=5)


def test_a_failing_poll_shows_in_the_status_and_is_retried(tmp_dir):
    import shutil

    write("gone", 1, value=1)
    source = FolderSource("gone/plots/images", label="gone")
    view = ImageView(load=source.read)
    view.add(source.scan())
    watcher = Watcher(source, view)
    shutil.rmtree("gone")
    assert wait_for(lambda: "was deleted" in view.status and "trying again" in view.status)
    assert watcher.alive and any(t.name == "dvclive-nb watcher: gone"
                                 for t in threading.enumerate())
    view.close()
