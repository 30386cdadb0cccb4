"""experiments(): a real git + DVC repo whose experiments ran through DVC's queue
(dvclive_nb/exp_table.py), sorted, printed, and handed to show() / compare()."""

import os
import pickle
import subprocess
import sys

import pytest

import dvclive_nb
from dvclive_nb.exp_table import Experiment, Experiments, order_by
from tests.support.images import grey
from tests.support.repos import git
from tests.support.waiting import wait_for

pytestmark = pytest.mark.slow  # a real git + DVC repo, DVC's queue


def pixels(data):
    return grey(data, (1, 1))[:2]  # (step, tag): TRAIN's red and green

TRAIN = """
import numpy as np
import yaml
from dvclive import Live

p = yaml.safe_load(open("params.yaml"))
with Live() as live:
    live.log_params({"model": {"width": p["width"]}})
    for _ in range(3):
        img = np.zeros((8, 8, 3), np.uint8)
        img[..., 0], img[..., 1] = live.step, p["tag"]
        live.log_image(f"pred/{live.step}.png", img)
        live.log_metric("val_loss", p["loss"] + live.step)
        live.next_step()
"""
DVC_YAML = f"""stages:
  train:
    cmd: {sys.executable} train.py
    deps: [train.py]
    params: [tag, loss, lr]
"""
RUNS = {"q-a": (10, 0.5, 0.1), "q-b": (20, 0.25, 0.2), "q-c": (30, 0.75, 0.1)}


@pytest.fixture(scope="module")
def queued(tmp_path_factory):
    """Three experiments run through ``dvc exp run --queue`` + ``dvc queue start``."""
    from tests.support.repos import make_repo

    repo = make_repo(tmp_path_factory.mktemp("exps"))
    (repo / "train.py").write_text(TRAIN)
    (repo / "params.yaml").write_text("tag: 1\nloss: 9.0\nlr: 0.1\nwidth: 4\n")
    (repo / "dvc.yaml").write_text(DVC_YAML)
    git("add", "-A", cwd=repo)
    git("commit", "-qm", "train", cwd=repo)
    env = {**os.environ, "DVC_NO_ANALYTICS": "1"}
    for name, (tag, loss, lr) in RUNS.items():
        subprocess.run([sys.executable, "-m", "dvc", "exp", "run", "--queue", "-q", "-n", name,
                        "-S", f"tag={tag}", "-S", f"loss={loss}", "-S", f"lr={lr}"],
                       cwd=repo, check=True, capture_output=True, env=env)
    # The workers inherit stdout: capturing it would wait for them to exit.
    subprocess.run([sys.executable, "-m", "dvc", "queue", "start", "-j", "2"], cwd=repo,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        wait_for(lambda: len(dvclive_nb.experiments(str(repo))) == 3
                 and all(e.ref for e in dvclive_nb.experiments(str(repo))),
                 timeout=240, what="three queued experiments to finish")
    finally:
        subprocess.run([sys.executable, "-m", "dvc", "queue", "stop"], cwd=repo,
                       capture_output=True, timeout=60, env=env)
    return repo


def test_lists_each_experiment_with_params_and_latest_metrics(queued):
    table = dvclive_nb.experiments(str(queued))
    assert isinstance(table, Experiments)
    assert sorted(table) == ["q-a", "q-b", "q-c"]
    b = next(e for e in table if e == "q-b")
    assert isinstance(b, Experiment) and isinstance(b, str)
    assert b.params["tag"] == 20 and b.params["lr"] == 0.2
    assert b.params["model.width"] == 4  # dvclive's own params.yaml, flattened
    assert b.metrics["val_loss"] == 2.25 and b.metrics["step"] == 2  # the latest
    assert b.state == "done" and b.ref.startswith("refs/exps/") and b.ref.endswith("/q-b")


def test_sorts_ascending_and_descending(queued):
    up = dvclive_nb.experiments(str(queued), sort="val_loss")
    assert list(up) == ["q-b", "q-a", "q-c"]
    down = dvclive_nb.experiments(str(queued), sort="-val_loss")
    assert list(down) == ["q-c", "q-a", "q-b"]
    assert list(dvclive_nb.experiments(str(queued), sort="-tag")) == ["q-c", "q-b", "q-a"]
    # A key no experiment has keeps the order it had (all "missing").
    assert len(dvclive_nb.experiments(str(queued), sort="nope")) == 3


def test_prints_a_table_of_what_differs(queued):
    table = dvclive_nb.experiments(str(queued), sort="val_loss")
    lines = repr(table).splitlines()
    assert lines[0].split() == ["Experiment", "state", "loss", "lr", "tag", "step",
                                "val_loss"]  # width is the same everywhere: left out
    assert lines[2].split() == ["q-b", "done", "0.25", "0.2", "20", "2", "2.25"]
    assert isinstance(table[:2], Experiments) and len(repr(table[:2]).splitlines()) == 4
    assert "<th>val_loss</th>" in table._repr_html_()
    assert repr(table[0]).startswith("Experiment('q-b', ")


def test_records_are_sources_from_any_folder(queued, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # outside the repo: the record knows where it lives
    (tmp_path / "q-b").mkdir()  # and a folder of the same name does not shadow it
    best = dvclive_nb.experiments(str(queued), sort="val_loss")
    view = dvclive_nb.show(best[0], display=False)
    assert pixels(view._read("pred", 2)) == (2, 20)
    board = dvclive_nb.compare(*best[:2], display=False)
    assert [c["name"] for c in board.columns] == ["q-b", "q-a"]
    assert pixels(board._read("1:pred", 1)) == (1, 10)
    assert pickle.loads(pickle.dumps(best[0])).ref == best[0].ref


def test_order_by_puts_missing_values_last_both_ways():
    rows = [{"k": 2}, {"k": None}, {"k": "b"}, {"k": 1.5}, {"k": "a"}]
    get = dict.get
    assert order_by(rows, "k", get) == [{"k": 1.5}, {"k": 2}, {"k": "a"}, {"k": "b"},
                                        {"k": None}]
    assert order_by(rows, "-k", get) == [{"k": 2}, {"k": 1.5}, {"k": "b"}, {"k": "a"},
                                         {"k": None}]


def test_no_repo_says_so(tmp_path):
    with pytest.raises(dvclive_nb.error.UnknownSourceError, match="no DVC repo"):
        dvclive_nb.experiments(str(tmp_path))
