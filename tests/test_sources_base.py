"""What every source shares (dvclive_nb/sources/base.py): naming frames, telling a whole
file from one still being written, listing a run, and its params and metrics, read from
files a real dvclive run wrote."""

import dvclive
import numpy as np

from dvclive_nb.sources.base import (
    Frame,
    Source,
    classify,
    complete,
    failure_text,
    listing_frames,
    local_text,
    run_summary,
)


def test_classify_series_singles_and_others():
    assert classify("pred/12.png") == ("pred", "series", 12)
    assert classify("a/b/3.jpeg") == ("a/b", "series", 3)
    assert classify("latest.png") == ("latest.png", "single", None)
    assert classify("pred/best.gif") == ("pred/best.gif", "single", None)
    assert classify("pred/3.txt") is None and classify("README") is None


def test_complete_knows_a_file_still_being_written(tmp_dir):
    live = dvclive.Live("run", save_dvc_exp=False)
    live.log_image("a.png", np.zeros((4, 4), np.uint8))
    live.log_image("b.jpg", np.zeros((4, 4, 3), np.uint8))
    png = (tmp_dir / "run/plots/images/a.png").read_bytes()
    jpg = (tmp_dir / "run/plots/images/b.jpg").read_bytes()
    assert complete("image/png", png) and complete("image/jpeg", jpg)
    assert not complete("image/png", png[:-5]) and not complete("image/jpeg", jpg[:-1])
    assert complete("image/png", png + b"\0\0")  # zero padding from a preallocating writer
    assert not complete("image/png", b"")


def test_listing_frames_reads_only_each_series_newest_and_the_singles():
    names = ["pred/10.png", "pred/2.png", "pred/1.png", "latest.png", "notes.txt", "t/0.gif"]
    read = []

    def reader(name):
        read.append(name)
        return None if name == "t/0.gif" else name.encode()  # t/0.gif: still being written

    frames = listing_frames(names, reader, single_step=7)
    assert frames == [
        Frame("pred", "series", 1, "image/png", None),
        Frame("pred", "series", 2, "image/png", None),
        Frame("pred", "series", 10, "image/png", b"pred/10.png"),
        Frame("latest.png", "single", 7, "image/png", b"latest.png"),
    ]
    assert sorted(read) == ["latest.png", "pred/10.png", "t/0.gif"]


def test_run_summary_from_a_real_run(tmp_dir):
    with dvclive.Live("run", save_dvc_exp=False) as live:
        live.log_params({"train": {"lr": 0.1, "layers": [2, 3]}, "seed": 1})
        live.log_metric("loss", 0.25)
        live.next_step()
    (tmp_dir / "params.yaml").write_text("epochs: 3\ntrain:\n  batch: 8\n")
    params, metrics = run_summary(local_text, str(tmp_dir / "run"), root=str(tmp_dir))
    assert params == {"epochs": 3, "train.batch": 8, "train.lr": 0.1,
                      "train.layers": [2, 3], "seed": 1}
    assert metrics["loss"] == 0.25 and metrics["step"] == 0
    # Files that are missing, or half written, give nothing rather than an error.
    (tmp_dir / "run/metrics.json").write_text('{"loss": ')
    assert run_summary(local_text, str(tmp_dir / "run"), root=None) == (
        {"train.lr": 0.1, "train.layers": [2, 3], "seed": 1}, {})
    assert run_summary(local_text, str(tmp_dir / "nothing"), root=None) == ({}, {})


def test_the_source_defaults():
    source = Source()
    assert source.quick and source.cheap_reads and not source.finished
    assert source.poll() == [] and source.summary() == ({}, {})
    assert source.local_images_dir() is None and source.metrics_files() is None


def test_failure_text_lets_our_errors_speak_for_themselves():
    from dvclive_nb.error import NoImagesError

    assert failure_text("run", NoImagesError("run")).startswith("No images under 'run'.")
    assert failure_text("s3://b/r", TimeoutError("slow")) == (
        "could not read s3://b/r: TimeoutError: slow")
