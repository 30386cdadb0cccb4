"""No image left out of an experiment in silence (issue 21; ``dvclive_nb/_ignored.py``).

Real git + DVC repos and real experiments: a plain ``save_dvc_exp`` and ``dvc exp run``.
"""

import logging
import subprocess
import sys

import numpy as np
import pytest

import dvclive_nb
from dvclive_nb import Live
from dvclive_nb.error import MissingImagesError, NoSeriesError

pytestmark = pytest.mark.slow  # real kernels, git + DVC repos, DVC's queue


@pytest.fixture(autouse=True)
def close_views():
    yield
    from ipywidgets import Widget

    from dvclive_nb.widget import ImageView

    for widget in list(Widget.widgets.values()):
        if isinstance(widget, ImageView):
            widget.close()


def git(*args, cwd="."):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)


def cache_images_run():
    """What the quickstart does first: its images go to DVC, and dvclive/plots/.gitignore
    gets the rule `/images`."""
    with Live(cache_images=True, slider=False) as live:
        live.log_image("first.png", np.zeros((8, 8), np.uint8))


def test_experiments_after_a_cache_images_run_keep_their_images(repo, caplog):
    # The demos' order: quickstart (cache_images), reopen (another run folder in
    # dvc.yaml), then compare's experiments, logged without cache_images.
    cache_images_run()
    assert (repo / "dvclive/plots/.gitignore").read_text().strip() == "/images"
    blob = Live("runs/blob", save_dvc_exp=False, slider=False)
    for _ in range(2):
        blob.log_image(f"blob/{blob.step}.png", np.full((8, 8), 9, np.uint8))
        blob.next_step()
    blob.end()
    caplog.set_level(logging.WARNING, logger="dvclive_nb")
    with Live(exp_name="later", slider=False) as live:
        for step in range(3):
            live.log_image(f"picture/{live.step}.png", np.full((8, 8), step, np.uint8))
            live.next_step()
    image = "dvclive/plots/images/picture/0.png"
    assert git("check-ignore", "-v", image).stdout.startswith("dvclive/plots/.gitignore:1:/images")
    # DVC force-adds the run folder when it saves the experiment: the images are kept,
    # so there is nothing to warn about.
    ref = git("for-each-ref", "--format=%(refname)", "refs/exps").stdout.split()
    later = next(r for r in ref if r.endswith("/later"))
    assert git("cat-file", "-e", f"{later}:{image}").returncode == 0
    assert not [r for r in caplog.records if r.name == "dvclive_nb"]
    # dvc.yaml names runs/blob's images first and the experiment's own last: the
    # board shows the experiment's series (it used to show runs/blob's, then fail).
    assert git("show", f"{later}:dvc.yaml").stdout.index("runs/blob") < git(
        "show", f"{later}:dvc.yaml").stdout.index("dvclive/plots/images")
    view = dvclive_nb.compare("later", series="picture", display=False)
    assert {p["series"] for p in view.panels} == {"picture"}
    view.close()


SCRIPT = """
import numpy as np
from dvclive_nb import Live

with Live() as live:
    for step in range(3):
        live.log_image(f"picture/{live.step}.png", np.full((8, 8), step, np.uint8))
        live.log_image(f"error/{live.step}.png", np.full((8, 8), 1, np.uint8))
        live.next_step()
"""


def run_pipeline(repo, name):
    """Commit everything with a pipeline that runs SCRIPT, then ``dvc exp run -n name``;
    returns what DVC and the script said."""
    (repo / "train.py").write_text(SCRIPT)
    (repo / "dvc.yaml").write_text(
        f"stages:\n  train:\n    cmd: {sys.executable} train.py\n    deps: [train.py]\n")
    git("add", "-A")
    git("commit", "-qm", "a pipeline")
    run = subprocess.run([sys.executable, "-m", "dvc", "exp", "run", "-n", name],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return run.stdout + run.stderr


@pytest.mark.parametrize("rule, where", [
    ("/images", "dvclive/plots/.gitignore"),  # cache_images' own rule, committed
    ("dvclive/plots/images/", ".gitignore"),  # "keep the images out of git"
])
def test_a_pipeline_whose_images_git_ignores_warns_once_and_the_commit_says_why(
        repo, rule, where):
    (repo / where).parent.mkdir(parents=True, exist_ok=True)
    with open(repo / where, "a") as f:
        f.write(f"{rule}\n")
    said = run_pipeline(repo, "piped")
    # Once for the run: two series, three steps, one warning.
    assert said.count("are ignored by git") == 1, said
    assert f"(rule '{rule}' in {where})" in said
    assert "Live(cache_images=True)" in said and f"remove that rule from {where}" in said
    # The experiment's commit has no images; show() and compare() say why.
    for call in (dvclive_nb.show, dvclive_nb.compare):
        with pytest.raises(MissingImagesError) as info:
            call("piped", display=False)
        message = str(info.value)
        assert "Experiment 'piped' has no images in its commit" in message
        assert f"ignored by git (rule '{rule}' in {where})" in message
        assert "Live(cache_images=True)" in message


def test_a_pipeline_that_tracks_its_images_does_not_warn(repo):
    (repo / ".gitignore").write_text("dvclive/plots/images/\n")
    (repo / "train.py").write_text(SCRIPT)
    (repo / "dvc.yaml").write_text(
        f"stages:\n  train:\n    cmd: {sys.executable} train.py\n    deps: [train.py]\n"
        "    outs: [dvclive/plots/images]\n")
    git("add", "-A")
    git("commit", "-qm", "a pipeline with its images as outs")
    run = subprocess.run([sys.executable, "-m", "dvc", "exp", "run", "-n", "tracked"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "ignored by git" not in run.stdout + run.stderr
    view = dvclive_nb.show("tracked", display=False)
    assert {p["name"] for p in view.panels} == {"picture", "error"}
    view.close()


def test_after_a_cache_images_run_a_pipeline_without_it_and_compare_says_why(repo):
    """The quickstart, then an experiment without ``cache_images`` (issue 21). The first
    run's ``images.dvc`` and ``/images`` rule are committed, as DVC asks; the pipeline's
    images are ignored by git and tracked by nothing, so its commit holds only the stale
    ``images.dvc``: DVC lists the first run's single image, and no series. compare()'s
    ``NoSeriesError`` says why, as ``MissingImagesError`` does."""
    cache_images_run()
    assert (repo / "dvclive/plots/.gitignore").read_text().strip() == "/images"
    assert (repo / "dvclive/plots/images.dvc").exists()
    run_pipeline(repo, "without")  # commits the first run's images.dvc with it
    with pytest.raises(NoSeriesError) as info:
        dvclive_nb.compare("without", display=False)
    message = str(info.value)
    assert "'without' has no image series to compare" in message
    assert "It holds only single images: first.png." in message
    assert ("The images in 'dvclive/plots/images' are ignored by git (rule '/images' in "
            "dvclive/plots/.gitignore) and not tracked by DVC, so experiment 'without' "
            "leaves them out of its commit.") in message
    assert "Live(cache_images=True)" in message
    assert "remove that rule from dvclive/plots/.gitignore" in message
