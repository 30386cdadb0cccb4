"""Everything but log_image behaves as upstream dvclive: same files, same contents."""

import json
import os

import dvclive
import numpy as np
import pytest

from dvclive_nb import Live
from tests.support.trees import run_in as _in
from tests.support.trees import tree as _tree

ARR = np.arange(48, dtype=np.uint8).reshape(4, 4, 3)


def _run(cls, resume=False, steps=3, report="html", save_dvc_exp=False):
    live = cls(resume=resume, report=report, save_dvc_exp=save_dvc_exp)
    live.log_params({"lr": 0.1, "layers": [8, 4]})
    live.log_param("epochs", steps)
    for _ in range(steps):
        live.log_metric("train/loss", 1.0 / (live.step + 1))
        live.log_metric("acc", live.step / 10, plot=False)
        live.log_image(f"series/{live.step}.png", ARR + live.step)
        live.log_image("latest.png", ARR)
        live.next_step()
    live.log_sklearn_plot("confusion_matrix", [0, 1, 1], [0, 1, 0])
    live.log_plot("custom", [{"x": 1, "y": 2}], x="x", y="y")
    live.end()
    return live


def test_steps_metrics_params_reports_dvcyaml(two_repos):
    up, nb = two_repos
    _in(up, lambda: _run(dvclive.Live))
    _in(nb, lambda: _run(Live))
    a, b = _tree(up), _tree(nb)
    assert a == b
    assert "dvc.yaml" in a and "dvclive/metrics.json" in a and "dvclive/report.html" in a
    assert "dvclive/plots/metrics/train/loss.tsv" in a
    assert json.loads(a["dvclive/metrics.json"])["step"] == 2


def test_resume_and_cleanup(two_repos):
    up, nb = two_repos
    for cls, path in ((dvclive.Live, up), (Live, nb)):
        _in(path, lambda cls=cls: _run(cls, steps=3))
        # report=None: upstream's html report raises KeyError on resume when a sklearn
        # plot from the earlier run is on disk (dvclive 3.49); both classes share it.
        live = _in(path, lambda cls=cls: _run(cls, resume=True, steps=2, report=None))
        assert live.step == 4  # resumed after step 2
    a, b = _tree(up), _tree(nb)
    assert a == b
    assert "dvclive/plots/images/series/4.png" in a and "dvclive/plots/images/series/0.png" in a

    for cls, path in ((dvclive.Live, up), (Live, nb)):
        _in(path, lambda cls=cls: cls(save_dvc_exp=False).end())  # no resume: cleanup
    a, b = _tree(up), _tree(nb)
    assert a == b
    assert not any(k.startswith("dvclive/plots/images") for k in a)


def test_experiment_saved_with_cached_images(two_repos):
    up, nb = two_repos
    revs = []
    for cls, path in ((dvclive.Live, up), (Live, nb)):

        def run(cls=cls):
            live = cls(cache_images=True, report=None)
            live.log_image("x.png", ARR)
            live.end()
            return live

        revs.append(_in(path, run)._experiment_rev)
    assert all(revs)
    assert _tree(up)["dvclive/plots/.gitignore"] == _tree(nb)["dvclive/plots/.gitignore"]
    assert (nb / "dvclive/plots/images.dvc").is_file()


def test_end_is_noop_inside_with(tmp_dir):
    with Live(save_dvc_exp=False) as live:
        live.log_image("x.png", ARR)
        live.end()
        assert not os.path.exists("dvclive/metrics.json")
    assert os.path.exists("dvclive/metrics.json")


def test_cache_images_without_a_repo_warns_instead_of_crashing(tmp_dir, caplog):
    with pytest.raises(AttributeError), dvclive.Live("up", cache_images=True) as live:
        live.log_image("x.png", ARR)  # upstream crashes in end(), for the record
    with Live("nb", cache_images=True) as live:
        live.log_image("x.png", ARR)
    assert "cache_images=True needs a DVC repo" in caplog.text
    assert os.path.exists("nb/plots/images/x.png") and os.path.exists("nb/metrics.json")
