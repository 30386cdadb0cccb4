"""``Live.log_bounding_boxes``: the sidecar beside its image, typed errors with nothing
written, the once-per-step rule, and async mode writing the same files in order
(dvclive_nb/_boxes.py)."""

import os
import threading

import dvclive.error
import numpy as np
import pytest

from dvclive_nb import Live
from dvclive_nb._async import ImageWriter, WriteNow
from dvclive_nb.error import BoxesError, DataAlreadyLoggedError, ImageWriteError
from tests import test_bad_input
from tests.support.trees import file_hashes
from tests.test_boxes import EXPECTED, IN_FORMATS

IMG = np.zeros((8, 8), np.uint8)
BOXES, LABELS, SCORES = IN_FORMATS["tlbr"], ["person", "dog"], [0.8, 0.3]


def _images(folder="dvclive"):
    return os.path.join(folder, "plots", "images")


@pytest.mark.parametrize("fmt", sorted(IN_FORMATS))
def test_the_sidecar_sits_beside_its_image(tmp_dir, fmt):
    live = Live(save_dvc_exp=False)
    live.log_image(f"pred/{live.step}.png", IMG)
    live.log_bounding_boxes(f"pred/{live.step}.png", IN_FORMATS[fmt], LABELS, SCORES,
                            format=fmt)
    live.end()
    with open(os.path.join(_images(), "pred", "0.json"), "rb") as f:
        assert f.read() == EXPECTED
    assert sorted(os.listdir(os.path.join(_images(), "pred"))) == ["0.json", "0.png"]


def test_boxes_need_no_image_and_follow_the_step(tmp_dir):
    live = Live(save_dvc_exp=False)
    for _ in range(3):
        live.log_bounding_boxes(f"s/{live.step}.jpg", BOXES, LABELS)
        live.next_step()
    live.end()
    assert sorted(os.listdir(os.path.join(_images(), "s"))) == ["0.json", "1.json", "2.json"]


def test_once_per_step_as_log_image(tmp_dir):
    live = Live(save_dvc_exp=False)
    live.log_bounding_boxes("latest.png", BOXES, LABELS)
    with pytest.raises(DataAlreadyLoggedError, match="'latest.json' has already been logged"):
        live.log_bounding_boxes("latest.png", BOXES[:1], LABELS[:1])
    with pytest.raises(DataAlreadyLoggedError):  # another suffix: the same file
        live.log_bounding_boxes("latest.jpg", BOXES, LABELS)
    live.log_image("latest.png", IMG)  # the image is logged on its own terms
    live.next_step()
    live.log_bounding_boxes("latest.png", BOXES[:1], LABELS[:1])  # a new step: overwrites
    live.end()
    with open(os.path.join(_images(), "latest.json"), "rb") as f:
        assert b"dog" not in f.read()


@pytest.fixture(params=["sync", "async"])
def live(request, tmp_dir):
    """A Live (async: workers held, so nothing is written behind a check's back)."""
    is_async = request.param == "async"
    live = Live(save_dvc_exp=False, async_images=is_async)
    live.log_image("keep.png", IMG)
    live.log_bounding_boxes("keep.png", BOXES, LABELS)
    gate = threading.Event()
    if is_async:
        live.wait_for_images()
        live._async_writer().hold(gate)
    yield live
    gate.set()
    live.end()


BAD = [
    ((BOXES, LABELS[:1]), {}, "BoxesLengthError"),
    ((BOXES, LABELS, [0.5]), {}, "BoxesLengthError"),
    ((BOXES, LABELS), {"format": "ltrb"}, "BoxFormatError"),
    (([[0, 0, 1, "x"]], ["a"]), {}, "BoxCoordinateError"),
    (([[0, 0, 1, float("nan")]], ["a"]), {}, "BoxCoordinateError"),
    (([[0, 5, 1, 4]], ["a"]), {}, "BoxEdgeError"),
    (([[5, 0, 4, 1]], ["a"]), {}, "BoxEdgeError"),
    ((BOXES, LABELS, [0.5, 1.01]), {}, "BoxScoreError"),
    ((BOXES, [1, 2]), {}, "BoxLabelError"),
    ((BOXES, LABELS), {"normalized": True}, "BoxFormatError"),
]


def _nothing_written(live, call):
    writer = live._image_writer
    before = file_hashes("."), writer and writer.queued_bytes
    with pytest.raises(dvclive.error.DvcLiveError) as info:
        call()
    assert (file_hashes("."), writer and writer.queued_bytes) == before  # nor queued
    return info.value


@pytest.mark.parametrize("args, kwargs, kind", BAD)
def test_bad_boxes_are_typed_errors_and_write_nothing(live, args, kwargs, kind):
    err = _nothing_written(live, lambda: live.log_bounding_boxes("new.png", *args, **kwargs))
    assert type(err).__name__ == kind and isinstance(err, BoxesError)


@pytest.mark.parametrize("name, reason", test_bad_input.test_bad_names.pytestmark[0].args[1])
def test_names_log_image_refuses(live, name, reason):
    err = _nothing_written(live, lambda: live.log_bounding_boxes(name, BOXES, LABELS))
    assert isinstance(err, dvclive.error.InvalidImageNameError) and reason in str(err)
    with pytest.raises(type(err)) as info:
        live.log_image(name, IMG)
    assert str(info.value) == str(err)


def test_clashes_with_files_and_folders(live):
    err = _nothing_written(live, lambda: live.log_bounding_boxes("keep.png/0.png", BOXES,
                                                                 LABELS))
    assert isinstance(err, dvclive.error.InvalidImageNameError) and "clashes" in str(err)
    live.log_image("d.json/0.png", IMG)  # a folder where d.png's boxes would go
    err = _nothing_written(live, lambda: live.log_bounding_boxes("d.png", BOXES, LABELS))
    assert "'d.json' clashes" in str(err)


def test_async_writes_the_same_files(tmp_dir):
    rng = np.random.default_rng(2)
    frames = [rng.integers(0, 256, (256, 256, 3), dtype=np.uint8) for _ in range(3)]
    for folder, is_async in (("sync", False), ("async", True)):
        live = Live(folder, save_dvc_exp=False, async_images=is_async, async_workers=3)
        for step in range(12):
            live.log_image(f"pred/{step}.png", frames[step % 3])
            live.log_bounding_boxes(f"pred/{step}.png", [[step, 0, step + 9, 9]], ["a"])
            live.log_bounding_boxes("latest.png", [[0, 0, step, step]], ["a"])
            live.next_step()
        live.end()
    assert file_hashes(_images("async")) == file_hashes(_images("sync"))
    assert len(file_hashes(_images("sync"))) == 12 * 2 + 1


def test_async_queues_the_sidecar_behind_its_image(tmp_dir):
    live = Live(save_dvc_exp=False, async_images=True, async_workers=4)
    gate = threading.Event()
    writer = live._async_writer()
    writer.hold(gate)
    big = np.random.default_rng(0).integers(0, 256, (512, 512, 3), dtype=np.uint8)
    for step in range(8):
        live.log_image(f"p/{step}.png", big)  # slow to encode
        live.log_bounding_boxes(f"p/{step}.png", BOXES, LABELS)  # fast to write
        live.next_step()
    queued = writer.queued_bytes
    assert queued > 8 * big.nbytes  # the sidecars wait in the same queue
    assert not os.path.exists(os.path.join(_images(), "p", "0.json"))
    gate.set()
    live.end()
    folder = os.path.join(_images(), "p")
    for step in range(8):  # each sidecar was written after its image
        png = os.stat(os.path.join(folder, f"{step}.png")).st_mtime_ns
        assert png <= os.stat(os.path.join(folder, f"{step}.json")).st_mtime_ns


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
def test_the_view_gets_the_sidecar_after_its_image(tmp_dir, is_async):
    seen = []
    live = Live(save_dvc_exp=False, async_images=is_async)
    on_written = lambda n, s, d: seen.append(n)  # noqa: E731
    if is_async:
        live._image_writer = ImageWriter(on_written=on_written)
    else:
        live._write_now = WriteNow(on_written)
    live.log_image("pred/0.png", IMG)
    live.log_bounding_boxes("pred/0.png", BOXES, LABELS)
    live.end()
    assert seen == ["pred/0.png", "pred/0.json"]  # LiveViews sends it to the page


def test_a_sidecar_that_fails_to_write_is_raised_by_the_next_call(tmp_dir):
    live = Live(save_dvc_exp=False, async_images=True)
    gate = threading.Event()
    live._async_writer().hold(gate)
    live.log_bounding_boxes("s/0.png", BOXES, LABELS)
    folder = os.path.join(_images(), "s")
    os.rmdir(folder)
    open(folder, "w").close()  # the folder became a file before the worker wrote
    gate.set()
    with pytest.raises(ImageWriteError, match="'s/0.json' logged at step 0"):
        live.wait_for_images()
    live.end()
