"""next_step() skips unchanged writes, yet every file matches upstream at every step."""

import functools
import logging
import os

import dvclive
import numpy as np

from dvclive_nb import Live
from tests.support.trees import run_in as _in
from tests.support.trees import tree as _tree

ARR = np.arange(48, dtype=np.uint8).reshape(4, 4, 3)
USER_STAGE = "stages:\n  train:\n    cmd: python train.py  # the user's own stage\n"


def _steps(cls, edits):
    """A run that changes what dvc.yaml holds now and then; yields after each step."""
    live = cls(report=None, save_dvc_exp=False)
    yield live
    for step in range(12):
        live.log_metric("loss", 1 / (step + 1))
        live.log_image(f"pred/{step}.png", ARR + step)
        if step == 2:
            live.log_params({"lr": 0.1})  # params appear
        if step == 4:
            live.log_metric("val/acc", 0.5)  # a new metric
        if step == 5:
            live.log_plot("custom", [{"x": 1, "y": 2}], x="x", y="y")
        if step == 7:
            with open("model.pt", "w") as f:
                f.write("weights")
            live.log_artifact("model.pt", type="model")
        edits(step)
        live.next_step()
        yield live
    live.end()
    yield live


def _edit_in(edits, path, step):
    edits(step, path)


def _lockstep(up, nb, edits):
    runs = [(path, _steps(cls, functools.partial(_edit_in, edits, path)))
            for path, cls in ((up, dvclive.Live), (nb, Live))]
    n = 0
    while True:
        done = [_in(path, lambda g=g: next(g, None)) is None for path, g in runs]
        assert done[0] == done[1]
        if done[0]:
            return n
        a, b = _tree(up), _tree(nb)
        assert a == b, f"run folders differ after step {n}"
        n += 1


def test_every_step_matches_upstream(two_repos):
    up, nb = two_repos
    assert _lockstep(up, nb, lambda step, path: None) == 14
    dvcyaml = (nb / "dvc.yaml").read_text()
    assert "val/acc" not in dvcyaml  # metrics are one folder entry
    assert "custom.json" in dvcyaml and "model.pt" in dvcyaml and "params.yaml" in dvcyaml


def test_a_users_edit_during_the_run_is_merged_as_upstream_merges_it(two_repos):
    def edits(step, path):
        dvcyaml = path / "dvc.yaml"
        if step == 3:  # the user adds a stage of their own, with a comment
            dvcyaml.write_text(USER_STAGE + dvcyaml.read_text())
        if step == 9:  # ... and later edits dvclive's own entry away
            dvcyaml.write_text(dvcyaml.read_text().replace("metrics:", "metrics: []\nx:"))

    up, nb = two_repos
    _lockstep(up, nb, edits)
    assert "the user's own stage" in (nb / "dvc.yaml").read_text()


def test_dvcyaml_is_not_rewritten_when_nothing_changes(tmp_dir, make_repo):
    make_repo(tmp_dir)
    live = Live(report=None, save_dvc_exp=False)
    live.log_metric("loss", 1.0)
    live.next_step()
    live.log_metric("loss", 0.5)
    live.next_step()  # the first update after creating it may reformat: a fixed point
    before = os.stat("dvc.yaml").st_mtime_ns
    os.utime("dvc.yaml", ns=(before - 10**9, before - 10**9))
    for _ in range(3):
        live.log_metric("loss", 0.1)
        live.next_step()
    assert os.stat("dvc.yaml").st_mtime_ns == before - 10**9  # not written
    live.log_metric("new", 1.0)  # ... but a new input writes it
    live.log_params({"p": 1})
    live.next_step()
    assert "params.yaml" in open("dvc.yaml").read()


def test_a_broken_dvcyaml_warns_every_step_as_upstream(tmp_dir, make_repo, caplog):
    make_repo(tmp_dir)
    live = Live(report=None, save_dvc_exp=False)
    live.log_metric("loss", 1.0)
    live.next_step()
    with open("dvc.yaml", "a") as f:
        f.write("plots: [unclosed\n")
    with caplog.at_level(logging.WARNING, logger="dvclive"):
        live.next_step()
        live.next_step()
    assert caplog.text.count("Error in make_dvcyaml") == 2


def test_studio_still_gets_each_step_when_studio_is_configured(tmp_dir, make_repo,
                                                               monkeypatch):
    import dvclive.live

    make_repo(tmp_dir)
    live = Live(report=None, save_dvc_exp=False)
    live._studio_events_to_skip.discard("data")  # as when a Studio token is set
    posted = []  # Studio cannot run here: record what dvclive would post to it
    monkeypatch.setattr(dvclive.live, "post_to_studio",
                        lambda _live, event, *data: posted.append((event, live.step)))
    live.log_metric("loss", 1.0)
    live.next_step()
    live.next_step()
    if hasattr(live, "_wait_for_studio_updates_posted"):  # dvclive >= 3.46: a worker posts
        live._wait_for_studio_updates_posted()
    assert [event for event, _ in posted] == ["data", "data"]
