"""compare() with real parts: experiments made by dvclive_nb.Live (one with
cache_images=True), run folders and a running queued experiment, frames checked by their
pixels (dvclive_nb/board.py)."""

import io
import subprocess
import sys

import pytest
from PIL import Image

import dvclive_nb
from dvclive_nb import Live
from dvclive_nb.error import MissingImagesError, NoSeriesError, UnknownSourceError
from tests.support.images import frame
from tests.support.images import step_and_tag as pixels
from tests.support.scripts import TRAIN
from tests.support.waiting import wait_for

pytestmark = pytest.mark.slow  # DVC experiments, a queued run and a script in another process


@pytest.fixture(autouse=True)
def close_views():
    yield
    from ipywidgets import Widget

    from dvclive_nb.widget import ImageView

    for widget in list(getattr(Widget, "_active_widgets", Widget.widgets).values()):
        if isinstance(widget, ImageView):
            widget.close()


def experiment(name, tag, steps, every=1, **kwargs):
    with Live(exp_name=name, slider=False, **kwargs) as live:
        live.log_params({"tag": tag, "every": every})
        for _ in range(steps):
            if live.step % every == 0:
                live.log_image(f"pred/{live.step}.png", frame(live.step, tag))
                live.log_image(f"target/{live.step}.png", frame(live.step, tag + 100))
            live.log_metric("loss", 1 / (live.step + 1))
            live.next_step()


def frames_of(view, column, series="pred"):
    name = f"{column}:{series}"
    return sorted({step for panel, step, _ in view._log if panel == name})


def test_experiments_and_a_folder_on_one_board(repo):
    experiment("plain", tag=1, steps=6)
    experiment("cached", tag=2, steps=6, every=2, cache_images=True)
    folder = Live("other-run", save_dvc_exp=False, slider=False)
    for _ in range(4):
        folder.log_image(f"pred/{folder.step}.png", frame(folder.step, 3))
        folder.next_step()
    view = dvclive_nb.compare("plain", "cached", "other-run", display=False)
    assert [c["name"] for c in view.columns] == ["plain", "cached", "other-run"]
    # Params that differ head the columns (the folder has none logged), with metrics.
    assert view.columns[0]["params"] == {"every": "1", "tag": "1"}
    assert view.columns[1]["params"] == {"every": "2", "tag": "2"}
    assert view.columns[0]["metrics"]["loss"] == "0.1667"
    assert frames_of(view, 0) == [0, 1, 2, 3, 4, 5]
    assert frames_of(view, 1) == [0, 2, 4]
    assert frames_of(view, 2) == [0, 1, 2, 3]
    assert {p["series"] for p in view.panels} == {"pred", "target"}
    for step in range(6):  # every frame reads back, by its pixels, from git or the cache
        assert pixels(view._read("0:pred", step)) == (step, 1)
        assert pixels(view._read("0:target", step)) == (step, 101)
    for step in (0, 2, 4):
        assert pixels(view._read("1:pred", step)) == (step, 2)
    assert pixels(view._read("2:pred", 3)) == (3, 3)
    # Only each panel's newest frame was read to build the board; the rest wait.
    assert view._prefill() is False  # experiments: read what is shown, no more
    assert len(view._latest) == 5  # pred and target twice, the folder's pred
    assert all(data for *_, data in view._latest.values())


def test_columns_sorted_and_grouped_by_a_metric_and_a_param(repo):
    # loss ends at 1/steps: "s6" has the lowest, "s2" the highest.
    experiment("s4", tag=1, steps=4, every=1)
    experiment("s2", tag=2, steps=2, every=2)
    experiment("s6", tag=3, steps=6, every=2)
    experiment("s3", tag=4, steps=3, every=1)
    names = ["s4", "s2", "s6", "s3"]
    view = dvclive_nb.compare(*names, sort="loss", display=False)
    assert [c["name"] for c in view.columns] == ["s6", "s4", "s3", "s2"]
    # The panels follow the columns: column 0 is s6, its frames by their pixels.
    assert pixels(view._read("0:pred", 4)) == (4, 3)
    view = dvclive_nb.compare(*names, sort="-loss", display=False)
    assert [c["name"] for c in view.columns] == ["s2", "s3", "s4", "s6"]
    # Grouped by a param, sorted within each group; each head says its group.
    view = dvclive_nb.compare(*names, sort="loss", group="every", display=False)
    assert [(c["group"], c["name"]) for c in view.columns] == [
        ("every=1", "s4"), ("every=1", "s3"), ("every=2", "s6"), ("every=2", "s2")]
    assert pixels(view._read("3:pred", 0)) == (0, 2)
    # The params that differ are named in every head, for the page to mark.
    assert view.columns[0]["differ"] == ["every", "tag"]
    assert view.columns[0]["params"] == {"every": "1", "tag": "1"}
    # Without sort or group: the order given, and no group.
    view = dvclive_nb.compare(*names, display=False)
    assert [c["name"] for c in view.columns] == names
    assert {c["group"] for c in view.columns} == {""}


def test_sort_by_an_unknown_key_keeps_the_order_given(repo):
    experiment("a", tag=1, steps=2)
    experiment("b", tag=2, steps=3)
    view = dvclive_nb.compare("b", "a", sort="nope", group="nope", display=False)
    assert [c["name"] for c in view.columns] == ["b", "a"]
    assert [c["group"] for c in view.columns] == ["nope=None", "nope=None"]


def test_series_filter_and_bad_sources(repo):
    experiment("plain", tag=1, steps=3)
    view = dvclive_nb.compare("plain", series="target", display=False)
    assert {p["series"] for p in view.panels} == {"target"}
    with pytest.raises(UnknownSourceError, match="Experiments: plain"):
        dvclive_nb.compare("plain", "nope")
    with pytest.raises(MissingImagesError, match="cache_images=True"):
        dvclive_nb.compare("plain", "HEAD")  # a revision without images
    singles = Live("singles-only", save_dvc_exp=False, slider=False)
    singles.log_image("latest.png", frame(0, 0))
    with pytest.raises(NoSeriesError, match="only single images: latest.png"):
        dvclive_nb.compare("plain", "singles-only", follow=False)


def test_a_running_queued_experiment_beside_a_finished_one(repo):
    experiment("done", tag=1, steps=5)
    (repo / "train.py").write_text(TRAIN)
    (repo / "params.yaml").write_text("steps: 14\ntag: 7\n")
    (repo / "dvc.yaml").write_text(
        f"stages:\n  train:\n    cmd: {sys.executable} train.py\n    deps: [train.py]\n"
        "    params: [steps, tag]\n")
    subprocess.run(["git", "add", "train.py", "params.yaml", "dvc.yaml"], check=True)
    subprocess.run(["git", "commit", "-qm", "train"], check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "dvc", "exp", "run", "--queue", "-q", "-n", "q-live"],
                   check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "dvc", "queue", "start", "-j", "1"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: any(r.name == "q-live" for r in dvclive_nb.running()), timeout=90,
                 what="the queued run to start")
        view = dvclive_nb.compare("done", "q-live", display=False)
        assert view.columns[1]["status"] == "q-live · running (queue)"
        wait_for(lambda: len(frames_of(view, 1)) >= 3, timeout=60, what="frames while running")
        assert len(frames_of(view, 1)) < 14
        wait_for(lambda: "from its commit" in view.columns[1]["status"], timeout=90,
                 what="the switch to its commit")
        assert frames_of(view, 1) == list(range(14))
        for step in range(14):
            assert pixels(view._read("1:pred", step)) == (step, 7)
        assert frames_of(view, 0) == [0, 1, 2, 3, 4]
    finally:
        subprocess.run([sys.executable, "-m", "dvc", "queue", "stop", "--kill"],
                       capture_output=True, timeout=60)


def test_a_live_board_adds_runs_that_start(repo, tmp_path):
    script = tmp_path / "train_script.py"
    script.write_text(
        "import sys, time\nimport numpy as np\nfrom dvclive import Live\n"
        "with Live(exp_name=sys.argv[1]) as live:\n"
        "    for _ in range(30):\n"
        "        live.log_image(f'pred/{live.step}.png', np.full((4, 4), live.step, np.uint8))\n"
        "        time.sleep(0.2)\n"
        "        live.next_step()\n")
    view = dvclive_nb.compare(display=False)  # nothing runs yet: an empty live board
    assert view.columns == [] and "watching for new runs" in view.status
    proc = subprocess.Popen([sys.executable, str(script), "late-run"], cwd=repo)
    try:
        wait_for(lambda: [c["name"] for c in view.columns] == ["late-run"], timeout=60,
                 what="a column for the run that started")
        wait_for(lambda: len(frames_of(view, 0)) >= 2, timeout=30, what="its frames")
        assert Image.open(io.BytesIO(view._read("0:pred", 1))).getpixel((0, 0)) == 1
    finally:
        proc.kill()
        proc.wait()


def test_a_column_whose_run_starts_anew_in_its_folder_follows_the_new_run(tmp_dir):
    """A second run into the same folder (dvclive empties plots/images): that column
    shows the new run's frames only, the other column keeps its own, and the column's
    watcher lives on (issue 19: it died with an AttributeError)."""
    import threading

    import dvclive

    def run(folder, tag, steps):
        live = dvclive.Live(folder, save_dvc_exp=False)
        for _ in range(steps):
            live.log_image(f"pred/{live.step}.png", frame(live.step, tag))
            live.next_step()
        return live

    run("run-a", tag=1, steps=6)
    run("run-b", tag=2, steps=4)
    view = dvclive_nb.compare("run-a", "run-b", display=False)
    assert view.frames_of("0:pred")[0] == [0, 1, 2, 3, 4, 5]
    run("run-a", tag=9, steps=3)  # the same folder, from step 0 again
    wait_for(lambda: [pixels(b) for b in view.frames_of("0:pred")[1]]
             == [(0, 9), (1, 9), (2, 9)], timeout=20, what="the new run's frames")
    steps, blobs = view.frames_of("1:pred")
    assert steps == [0, 1, 2, 3] and [pixels(b) for b in blobs] == [(s, 2) for s in steps]
    watchers = [t for t in threading.enumerate() if t.name == "dvclive-nb watcher: run-a"]
    assert len(watchers) == 1 and watchers[0].is_alive()
    run("run-a", tag=5, steps=2)  # and once more: the watcher still follows
    wait_for(lambda: [pixels(b) for b in view.frames_of("0:pred")[1]] == [(0, 5), (1, 5)],
             timeout=20, what="the third run's frames")
    assert watchers[0].is_alive()


def test_columns_give_their_metric_rows(repo):
    """Board headers show each run's metrics at the slider's step: an experiment's rows
    come from its commit, a folder's from its files."""
    from dvclive_nb.sources import open_source

    experiment("plain", tag=1, steps=4)
    source = open_source("plain")
    try:
        steps, values = source.metric_rows()["loss"]
        assert list(steps) == [0, 1, 2, 3]
        assert list(values) == [1, 1 / 2, 1 / 3, 1 / 4]
    finally:
        source.close()


def test_slow_columns_are_read_on_a_thread_and_say_what_went_wrong(tmp_dir, ipshell):
    """Remote columns (fsspec's in-memory filesystem here) are listed after compare()
    returns; a column with nothing to show says so in its header instead of raising."""
    import fsspec
    from IPython.utils.capture import capture_output
    from ipywidgets import Widget

    from dvclive_nb.widget import CompareView

    memory = fsspec.filesystem("memory")
    for step in range(3):
        memory.pipe(f"/col-a/plots/images/pred/{step}.png", png_bytes(frame(step, 4)))
    memory.pipe("/col-b/plots/images/latest.png", png_bytes(frame(0, 5)))
    before = set(Widget.widgets)
    with capture_output():
        assert dvclive_nb.compare("memory://col-a", "memory://col-b", follow=False) is None
    view = next(w for k, w in Widget.widgets.items()
                if isinstance(w, CompareView) and k not in before and w.comm is not None)
    assert [c["name"] for c in view.columns] == ["memory://col-a", "memory://col-b"]
    wait_for(lambda: frames_of(view, 0) == [0, 1, 2], timeout=20, what="the first column")
    assert pixels(view._read("0:pred", 2)) == (2, 4)
    wait_for(lambda: "only single images: latest.png" in view.columns[1]["status"],
             timeout=20, what="the second column's error")
    memory.rm("/col-a", recursive=True)
    memory.rm("/col-b", recursive=True)


def png_bytes(array):
    buf = io.BytesIO()
    Image.fromarray(array).save(buf, format="PNG")
    return buf.getvalue()
