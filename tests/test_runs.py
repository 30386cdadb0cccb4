"""Runs that other processes write, followed with real parts: a plain dvclive script,
DVC's queue with two workers, and finished experiments read from their commits
(dvclive_nb/runs.py, sources/experiment.py, sources/commit.py)."""

import shutil
import subprocess
import sys

import pytest

import dvclive_nb
from dvclive_nb.error import MissingImagesError, UnknownSourceError
from dvclive_nb.runs import running
from tests.support.images import step_and_tag as pixels
from tests.support.repos import dvc, git
from tests.support.scripts import DVC_YAML, TRAIN
from tests.support.waiting import wait_for

pytestmark = pytest.mark.slow  # scripts in other processes and DVC's queue with two workers


@pytest.fixture
def train_repo(repo, monkeypatch):
    (repo / "train.py").write_text(TRAIN)
    (repo / "params.yaml").write_text("steps: 12\ntag: 1\npause: 0.3\n")
    (repo / "dvc.yaml").write_text(DVC_YAML.format(python=sys.executable, outs=""))
    git("add", "-A", cwd=repo)
    git("commit", "-qm", "train", cwd=repo)
    monkeypatch.setenv("DVC_NO_ANALYTICS", "1")
    return repo


def steps_shown(view):
    return sorted({step for name, step, _ in view._log if name == "pred"})


def test_a_plain_dvclive_script_is_listed_and_followed(train_repo):
    proc = subprocess.Popen([sys.executable, "train.py"], cwd=train_repo)
    try:
        run = wait_for(running, timeout=60, what="the script to show up")[0]
        assert (run.kind, run.pid) == ("script", proc.pid)
        assert run.folder == str(train_repo / "dvclive")
        view = dvclive_nb.show(run.name, display=False)  # by its experiment's name
        assert "running (script)" in view.status
        wait_for(lambda: len(steps_shown(view)) >= 3 and proc.poll() is None, timeout=30,
                 what="frames while it runs")
        assert wait_for(lambda: (r := running()) and r[0].step is not None and r[0].step >= 1,
                        timeout=10, what="its last step")
        assert proc.wait(60) == 0
        wait_for(lambda: "finished" in view.status, timeout=15, what="the end")
    finally:
        proc.kill()
    assert steps_shown(view) == list(range(12))
    for step in range(12):
        assert pixels(view._read("pred", step)) == (step, 1)
    assert running() == []  # its marker is gone, or its pid is


def test_the_dvc_queue_two_workers_followed_then_read_from_their_commits(train_repo):
    for name, tag in (("q-a", 10), ("q-b", 20)):
        dvc("exp", "run", "--queue", "-q", "-n", name, "-S", f"tag={tag}", "-S", "steps=16",
            cwd=train_repo, capture_output=True)
    # The workers inherit stdout: never capture it, or this waits for them to exit.
    dvc("queue", "start", "-j", "2", cwd=train_repo, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        runs = wait_for(lambda: len(r := running()) == 2 and r, timeout=90,
                        what="both queued runs to run")
        assert {r.kind for r in runs} == {"queue"}
        assert {r.name for r in runs} == {"q-a", "q-b"}
        assert all(".dvc/tmp/exps/tmp" in r.folder for r in runs)
        views = {name: dvclive_nb.show(name, display=False) for name in ("q-a", "q-b")}
        # Both advance while they train, each from its own temporary workspace.
        for name, view in views.items():
            wait_for(lambda v=view: len(steps_shown(v)) >= 2, timeout=60,
                     what=f"{name} to advance")
            assert "running (queue)" in view.status or "finished" in view.status
        live_counts = {name: len(steps_shown(v)) for name, v in views.items()}
        assert min(live_counts.values()) < 16  # seen while still training
        # When they end, DVC deletes their workspaces: the views switch to the commits.
        for name, view in views.items():
            wait_for(lambda v=view: "from its commit" in v.status, timeout=90,
                     what=f"{name} to switch to its commit")
            assert steps_shown(view) == list(range(16))
            assert sum(entry[0] == "pred" for entry in view._log) == 16  # each step once
        assert not any(r.name in views for r in running())
        for name, tag in (("q-a", 10), ("q-b", 20)):
            for step in range(16):  # every frame reads back, from the commit
                assert pixels(views[name]._read("pred", step)) == (step, tag)
        # A finished experiment opens straight from its commit.
        again = dvclive_nb.show("q-b", display=False)
        assert again.status == "q-b · from its commit"
        assert pixels(again._read("pred", 15)) == (15, 20)
        assert steps_shown(again) == list(range(16))
    finally:
        subprocess.run([sys.executable, "-m", "dvc", "queue", "stop", "--kill"],
                       cwd=train_repo, capture_output=True, timeout=60)
        subprocess.run([sys.executable, "-m", "dvc", "queue", "stop"], cwd=train_repo,
                       capture_output=True, timeout=60)


def test_unknown_sources_list_what_exists(train_repo):
    dvc("exp", "run", "-q", "-n", "done-1", "-S", "pause=0", "-S", "steps=2", cwd=train_repo,
        capture_output=True)
    with pytest.raises(UnknownSourceError) as info:
        dvclive_nb.show("nope")
    assert "Running now: none. Experiments: done-1." in str(info.value)
    assert info.value.experiments == ["done-1"]
    view = dvclive_nb.show("done-1", display=False)
    assert steps_shown(view) == [0, 1]
    # Any git revision is a source too; this one has no images in its commit.
    with pytest.raises(MissingImagesError, match="cache_images=True"):
        dvclive_nb.show("HEAD", display=False)


def test_images_only_in_the_dvc_cache_say_to_pull(train_repo):
    (train_repo / "dvc.yaml").write_text(DVC_YAML.format(
        python=sys.executable, outs="    outs: [dvclive/plots/images]\n"))
    git("commit", "-qam", "images as outs", cwd=train_repo)
    dvc("exp", "run", "-q", "-n", "cached", "-S", "pause=0", "-S", "steps=3", cwd=train_repo,
        capture_output=True)
    view = dvclive_nb.show("cached", display=False)
    assert pixels(view._read("pred", 1)) == (1, 1)
    view.close()
    shutil.rmtree(train_repo / ".dvc" / "cache")
    with pytest.raises(MissingImagesError, match="dvc exp pull"):
        dvclive_nb.show("cached", display=False)
