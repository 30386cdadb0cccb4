"""A run going on now (dvclive_nb/sources/experiment.py): followed in its folder, then,
for a queued run whose workspace DVC deletes at its end, read from its experiment's
commit without showing a frame twice. A real experiment made by dvclive; the run's state
is the small JSON file DVC's queue keeps (``runs.py`` reads it)."""

import io
import json
import os
import shutil

import numpy as np
import pytest
from PIL import Image

from dvclive_nb import Live
from dvclive_nb.runs import FINISHED, RUNNING, Run, experiments
from dvclive_nb.sources.experiment import RunSource

pytestmark = pytest.mark.slow  # real kernels, git + DVC repos, DVC's queue


def grey(data):
    return Image.open(io.BytesIO(data)).getpixel((1, 1))


def log(live, steps):
    for _ in range(steps):
        live.log_image(f"pred/{live.step}.png", np.full((4, 4), live.step * 10, np.uint8))
        live.next_step()


def test_a_script_run_is_followed_in_its_folder_until_its_live_ends(tmp_dir):
    live = Live("run", save_dvc_exp=False, slider=False)
    log(live, 2)
    marker = tmp_dir / ".dvc/tmp/exps/run/DVCLIVE_ONLY"  # what dvclive writes while it runs
    marker.parent.mkdir(parents=True)
    marker.write_text(json.dumps({"pid": os.getpid(), "exp_name": "script-run"}))
    run = Run(name="script-run", kind="script", pid=os.getpid(),
              folder=str(tmp_dir / "run"), step=1, root=str(tmp_dir))
    source = RunSource(str(tmp_dir), run)
    assert source.status == "script-run · running (script)"
    assert [(f.step, f.data is not None) for f in source.scan()] == [(0, False), (1, True)]
    assert source.local_images_dir() == str(tmp_dir / "run/plots/images")
    log(live, 1)
    assert [f.step for f in source.poll()] == [2] and not source.finished
    marker.unlink()  # its Live ended (the process, a kernel perhaps, lives on)
    log(live, 1)
    assert [f.step for f in source.poll()] == [3]
    assert source.finished and source.status == "script-run · finished"
    assert source.cheap_reads and grey(source.read("pred", 3)) == 30


def test_a_queued_run_switches_to_its_commit_without_repeating_frames(repo):
    with Live(exp_name="q-done", slider=False) as live:  # the commit the queue will make
        log(live, 4)
    workspace = repo / ".dvc/tmp/exps/tmp-q"  # where the queued run trained
    images = workspace / "dvclive/plots/images/pred"
    images.mkdir(parents=True)
    for step in (0, 1):  # the frames it had written when the view was opened
        shutil.copy(repo / f"dvclive/plots/images/pred/{step}.png", images)
    info = repo / ".dvc/tmp/exps/run/q/q.run"
    info.parent.mkdir(parents=True)
    info.write_text(json.dumps({"status": RUNNING, "result_ref": None}))
    run = Run(name="q-done", kind="queue", pid=os.getpid(), folder=str(workspace / "dvclive"),
              step=1, info=str(info), root=str(workspace))
    source = RunSource(str(repo), run)
    assert [f.step for f in source.scan()] == [0, 1]
    assert source.poll() == [] and not source.finished
    # The run ends: DVC makes the commit, records it, and deletes the workspace.
    shutil.rmtree(workspace)
    info.write_text(json.dumps({"status": FINISHED,
                                "result_ref": experiments(str(repo))["q-done"]}))
    frames = source.poll()
    assert [(f.step, f.data is not None) for f in frames] == [(2, False), (3, True)]
    assert source.finished and source.status == "q-done · finished · from its commit"
    assert not source.cheap_reads  # read from the commit now
    assert [grey(source.read("pred", s)) for s in range(4)] == [0, 10, 20, 30]
    assert source.summary()[1]["step"] == 3
    source.close()
