"""An experiment's commit as a source (dvclive_nb/sources/commit.py, git_tree.py), over
real experiments made by dvclive: images in git are read through git alone, images in
DVC's cache through DVC; a commit with no images fails at once; its metrics are read."""

import io
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from dvclive_nb import Live
from dvclive_nb.error import MissingImagesError
from dvclive_nb.runs import experiments
from dvclive_nb.sources.commit import CommitSource

pytestmark = pytest.mark.slow  # real kernels, git + DVC repos, DVC's queue


def experiment(name, steps, **kwargs):
    with Live(exp_name=name, slider=False, **kwargs) as live:
        live.log_param("lr", 0.5)
        for _ in range(steps):
            live.log_image(f"pred/{live.step}.png", np.full((4, 4), live.step * 10, np.uint8))
            live.log_metric("loss", 1 / (live.step + 1))
            live.next_step()
    return experiments(".")[name]


def grey(data):
    return Image.open(io.BytesIO(data)).getpixel((1, 1))


def test_images_in_git_are_read_through_git_alone(repo):
    ref = experiment("plain", steps=3)
    source = CommitSource(str(repo), ref, label="plain")
    assert source.quick and source.finished and not source.cheap_reads
    frames = source.scan()
    # Each series' newest frame comes with its bytes; the others are listed only.
    assert [(f.panel, f.step, f.data is not None) for f in frames] == [
        ("pred", 0, False), ("pred", 1, False), ("pred", 2, True)]
    assert [grey(source.read("pred", s)) for s in range(3)] == [0, 10, 20]
    assert source.read("pred", 7) is None  # no such step
    assert source._fs is None  # DVC's filesystem was never opened
    params, metrics = source.summary()
    assert params == {"lr": 0.5} and metrics["loss"] == pytest.approx(1 / 3)
    # The strip of a finished experiment: its metrics history, read once from git.
    tsv = source.metrics_files()
    assert list(tsv) == ["loss"]
    header = tsv["loss"].splitlines()[0].split(b"\t")
    assert header[-2:] == [b"step", b"loss"]
    assert len(tsv["loss"].splitlines()) == 4
    assert source.status == "plain · from its commit"
    source.close()
    source.close()  # twice is harmless


TRAIN = """
import numpy as np
from dvclive import Live
with Live() as live:
    for _ in range(2):
        live.log_image(f"pred/{live.step}.png", np.full((4, 4), live.step * 10, np.uint8))
        live.log_metric("loss", 1 / (live.step + 1))
        live.next_step()
"""


def test_images_only_in_the_dvc_cache_are_read_through_dvc(repo):
    """A stage that declares the images as outs: git holds no images, DVC's cache does."""
    (repo / "train.py").write_text(TRAIN)
    (repo / "dvc.yaml").write_text(f"stages:\n  train:\n    cmd: {sys.executable} train.py\n"
                                   "    deps: [train.py]\n    outs: [dvclive/plots/images]\n")
    subprocess.run(["git", "add", "-A"], check=True)
    subprocess.run(["git", "commit", "-qm", "train"], check=True)
    subprocess.run([sys.executable, "-m", "dvc", "exp", "run", "-q", "-n", "outs"], check=True,
                   capture_output=True)
    source = CommitSource(str(repo), experiments(".")["outs"], label="outs")
    assert not source.quick  # DVC must be opened: show() lists it in the background
    assert [(f.step, f.data is not None) for f in source.scan()] == [(0, False), (1, True)]
    assert grey(source.read("pred", 0)) == 0 and grey(source.read("pred", 1)) == 10
    assert list(source.metrics_files()) == ["loss"]  # metrics stay in git
    source.close()


def test_cache_images_commits_are_read_through_git_too(repo):
    # dvclive's experiment commit holds the images as git blobs beside images.dvc.
    source = CommitSource(str(repo), experiment("cached", steps=2, cache_images=True))
    assert source.quick and len(source.scan()) == 2 and grey(source.read("pred", 1)) == 10
    source.close()


def test_a_commit_without_images_fails_at_once_and_says_how(repo):
    with pytest.raises(MissingImagesError, match=r"cache_images=True") as info:
        CommitSource(str(repo), "HEAD")
    assert "looked in dvclive/plots/images" in str(info.value)


def test_an_experiment_in_git_is_shown_without_importing_dvc(repo):
    """The cold cost of a first show(): DVC's import is about half a second."""
    experiment("plain", steps=2)
    code = ("import sys, dvclive_nb\n"
            "view = dvclive_nb.show('plain', display=False)\n"
            "assert [p['name'] for p in view.panels] == ['pred'], view.panels\n"
            "print(sorted(m for m in sys.modules if m == 'dvc.api' or m.startswith('dvc.repo')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "[]"
