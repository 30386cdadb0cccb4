"""A run folder followed while it is written (dvclive_nb/sources/folder.py)."""

import os
import shutil

from dvclive_nb.sources import folder as folder_mod
from dvclive_nb.sources.folder import FolderSource
from tests.support.images import grey, png


def write(images, name, data):
    path = images / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def test_scan_lists_frames_and_reads_only_the_newest(tmp_path):
    images = tmp_path / "plots" / "images"
    for step in range(5):
        write(images, f"pred/{step}.png", png(step))
    write(images, "latest.png", png(9))
    write(images, ".pred.tmp", b"partial")  # hidden: someone's temporary file
    src = FolderSource(str(images))
    frames = src.scan()
    assert [(f.panel, f.step, f.data is not None) for f in frames] == [
        ("pred", 0, False), ("pred", 1, False), ("pred", 2, False), ("pred", 3, False),
        ("pred", 4, True), ("latest.png", 0, True)]
    assert grey(src.read("pred", 2)) == 2
    assert src.poll() == []  # nothing new


def test_poll_finds_new_frames_new_series_and_rewritten_singles(tmp_path):
    images = tmp_path / "images"
    write(images, "pred/0.png", png(0))
    write(images, "latest.png", png(0))
    src = FolderSource(str(images))
    src.scan()
    write(images, "pred/1.png", png(1))
    write(images, "pred/2.png", png(2))
    write(images, "deep/er/0.png", png(7))  # a new, nested series
    os.utime(images / "latest.png", ns=(1, 1))
    write(images, "latest.png", png(3))
    got = [(f.panel, f.kind, f.step, grey(f.data)) for f in src.poll()]
    assert sorted(got) == [("deep/er", "series", 0, 7), ("latest.png", "single", 0, 3),
                           ("pred", "series", 1, 1), ("pred", "series", 2, 2)]
    assert src.poll() == []


def test_long_series_are_probed_not_listed(tmp_path, monkeypatch):
    images = tmp_path / "images"
    for step in range(0, 1000, 10):
        write(images, f"pred/{step}.png", png(step % 256))
    src = FolderSource(str(images))
    src.scan()
    listed = []
    real = folder_mod.FolderSource._list
    monkeypatch.setattr(folder_mod.FolderSource, "_list",
                        lambda self, rel: listed.append(rel) or real(self, rel))
    write(images, "pred/1000.png", png(1))
    write(images, "pred/1010.png", png(2))
    assert [f.step for f in src.poll()] == [1000, 1010]
    assert "pred" not in listed  # found by name: O(new files)
    # Off the stride: the probe misses it, so the folder is listed once, and it is found.
    write(images, "pred/1013.png", png(3))
    assert [f.step for f in src.poll()] == [1013]
    assert "pred" in listed


def test_a_file_still_being_written_waits_for_its_end(tmp_path):
    images = tmp_path / "images"
    write(images, "pred/0.png", png(0))
    src = FolderSource(str(images))
    src.scan()
    whole = png(1)
    write(images, "pred/1.png", whole[:20])  # Pillow saving in place, half done
    assert src.poll() == []
    write(images, "pred/1.png", whole)
    frames = src.poll()
    assert [(f.step, f.data) for f in frames] == [(1, whole)]


def test_folder_that_appears_later_is_deleted_and_made_again(tmp_path):
    import pytest

    from dvclive_nb.sources import SourceUnavailable

    images = tmp_path / "run" / "plots" / "images"
    src = FolderSource(str(images))
    assert src.scan() == [] and src.status.startswith("waiting for the first image in")
    assert src.poll() == []  # a run that has not logged yet: no error
    write(images, "pred/0.png", png(0))
    assert [f.step for f in src.poll()] == [0]
    shutil.rmtree(tmp_path / "run")
    with pytest.raises(SourceUnavailable, match="was deleted"):
        src.poll()
    with pytest.raises(SourceUnavailable):
        src.poll()
    write(images, "pred/0.png", png(5))  # a new run in the same folder
    frames = src.poll()
    assert [(f.step, grey(f.data)) for f in frames] == [(0, 5)]


def test_a_new_run_in_the_same_folder_between_two_polls(tmp_path):
    images = tmp_path / "run" / "plots" / "images"
    for step in range(100):
        write(images, f"pred/{step}.png", png(step % 256))
    src = FolderSource(str(images))
    src.scan()
    # dvclive's Live() without resume deletes plots/images; the new run logs steps 0-4,
    # all before the next poll.
    shutil.rmtree(images)
    for step in range(5):
        write(images, f"pred/{step}.png", png(200 + step))
    frames = src.poll()
    assert src.restarted  # the watcher then has the view forget the old run's frames
    assert [f.step for f in frames] == [0, 1, 2, 3, 4]  # listed anew, the newest read
    assert grey(frames[-1].data) == 204
    assert [grey(src.read("pred", s)) for s in range(5)] == [200, 201, 202, 203, 204]


def test_a_series_folder_gone_between_polls_is_a_new_run(tmp_path):
    """A poll that finds a series' folder gone (dvclive made plots/images again and has
    not yet made the series' folder, the images folder's inode number reused) starts
    over: the old run's steps are not kept under the new run's frames."""
    images = tmp_path / "images"
    (images / "pred").mkdir(parents=True)
    for step in range(3):
        (images / "pred" / f"{step}.png").write_bytes(png(1))
    src = FolderSource(str(images), label="run")
    src.scan()
    shutil.rmtree(images / "pred")  # the moment between the two makedirs
    src.poll()
    (images / "pred").mkdir()
    (images / "pred" / "0.png").write_bytes(png(7))
    frames = src.poll()
    assert src.restarted
    assert [(f.panel, f.step, grey(f.data)) for f in frames] == [("pred", 0, 7)]
