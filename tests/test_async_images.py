"""``Live(async_images=True)``: same files, same errors from the call, nothing lost,
bounded memory, write errors surfaced (dvclive_nb/_async.py)."""

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time

import dvclive.error
import matplotlib
import numpy as np
import pytest
from PIL import Image

from dvclive_nb import Live
from dvclive_nb._async import ImageWriter
from dvclive_nb._encode import prepare
from dvclive_nb.error import DataAlreadyLoggedError, ImageWriteError
from tests import test_bad_input
from tests.support.trees import file_hashes

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

RNG = np.random.default_rng(3)
RGB = RNG.integers(0, 256, (48, 64, 3), dtype=np.uint8)


def _figure():
    fig, ax = plt.subplots(figsize=(2, 2), dpi=40)
    ax.plot([0, 1, 0.5])
    return fig


def _values(tmp_path):
    """name -> a factory of the value to log (figures are closed once logged)."""
    src = tmp_path / "src.jpg"
    Image.fromarray(RGB).save(src)
    return {
        "rgb.png": lambda: RGB,
        "rgb.jpg": lambda: RGB,
        "rgb.gif": lambda: RGB,
        "grey.png": lambda: RGB[..., 0],
        "rgba.png": lambda: np.dstack([RGB, RGB[..., :1]]),
        "strided.png": lambda: RGB[::2, ::3],
        "pil_rgb.jpeg": lambda: Image.fromarray(RGB),
        "pil_p.gif": lambda: Image.fromarray(RGB).convert("P"),
        "pil_file.png": lambda: Image.open(src),
        "fig.png": _figure,
        "path.png": lambda: str(src),
        "series/3.png": lambda: RGB[:8],
    }


def test_same_bytes_as_synchronous_mode(tmp_dir):
    values = _values(tmp_dir)
    for folder, is_async in (("sync", False), ("async", True)):
        live = Live(folder, save_dvc_exp=False, async_images=is_async, async_workers=3)
        for name, make in values.items():
            live.log_image(name, make())
        live.end()
    sync, asyn = file_hashes(tmp_dir / "sync" / "plots"), file_hashes(tmp_dir / "async" / "plots")
    assert len(sync) == len(values)
    assert asyn == sync


def test_the_callers_buffers_may_be_reused_at_once(tmp_dir):
    live = Live(save_dvc_exp=False, async_images=True)
    gate = threading.Event()
    live._async_writer().hold(gate)  # nothing is written before the buffers change
    buf = RGB.copy()
    img = Image.fromarray(RGB)
    live.log_image("arr.png", buf)
    live.log_image("pil.png", img)
    buf[:] = 0
    img.paste((0, 0, 0), (0, 0, *img.size))
    gate.set()
    live.end()
    images = tmp_dir / "dvclive" / "plots" / "images"
    for name in ("arr.png", "pil.png"):
        assert np.array_equal(np.asarray(Image.open(images / name)), RGB)


# --- every bad input raises from the call, as in synchronous mode, with nothing written


def _cases(test):
    """The parameter values of one of tests/test_bad_input.py's tests."""
    mark = next(m for m in test.pytestmark if m.name == "parametrize")
    return mark.args[1]


def _error(live, name, val):
    with pytest.raises(dvclive.error.DvcLiveError) as info:
        live.log_image(name, val)
    return type(info.value), str(info.value)


@pytest.fixture
def pair(tmp_dir):
    """A synchronous and an asynchronous Live, workers held: nothing can be written
    behind the call's back while it is checked."""
    sync = Live("sync", save_dvc_exp=False)
    asyn = Live("async", save_dvc_exp=False, async_images=True)
    gate = threading.Event()
    asyn._async_writer().hold(gate)
    yield sync, asyn
    gate.set()
    asyn.end()


def _messages_match(pair, name, val, tmp_dir):
    sync, asyn = pair
    before = file_hashes(tmp_dir / "async")
    got = _error(asyn, name, val)
    assert got == _error(sync, name, val)
    assert asyn._image_writer.queued_bytes == 0  # nothing was queued
    assert file_hashes(tmp_dir / "async") == before
    return got


@pytest.mark.parametrize("name", [c[0] for c in _cases(test_bad_input.test_bad_names)])
def test_bad_names_raise_from_the_call(pair, tmp_dir, name):
    kind, _ = _messages_match(pair, name, test_bad_input.IMG, tmp_dir)
    assert issubclass(kind, dvclive.error.InvalidImageNameError)


@pytest.mark.parametrize("arr", _cases(test_bad_input.test_bad_arrays),
                         ids=["float2d", "float3d", "4d", "0x0", "complex", "object",
                              "5ch", "int64"])
def test_bad_arrays_raise_from_the_call(pair, tmp_dir, arr):
    kind, msg = _messages_match(pair, "bad.png", arr, tmp_dir)
    assert kind.__name__ == "InvalidImageDataError" and "astype(np.uint8)" in msg


@pytest.mark.parametrize("name, val", [
    ("x.jpg", Image.new("RGBA", (4, 4))),  # mode the format cannot hold
    ("x.jpg", Image.new("P", (4, 4))),
    ("x.png", Image.new("RGB", (0, 0))),
    ("x.jpg", np.zeros((4, 4, 4), np.uint8)),  # RGBA array as JPEG
    ("x.jpg", np.zeros((4, 4, 2), np.uint8)),  # LA as JPEG
    ("x.png", 3.5),  # not an image at all
    ("x.png", [[0, 1], [2, 3]]),
])
def test_bad_data_for_the_format_raises_from_the_call(pair, tmp_dir, name, val):
    _messages_match(pair, name, val, tmp_dir)


@pytest.mark.parametrize("kind", ["missing", "folder", "text", "truncated"])
def test_bad_paths_raise_from_the_call(pair, tmp_dir, kind):
    path = tmp_dir / f"{kind}.png"
    if kind == "folder":
        path.mkdir()
    elif kind == "text":
        path.write_text("not an image")
    elif kind == "truncated":
        test_bad_input._truncated(path)
    got, msg = _messages_match(pair, "p.png", str(path), tmp_dir)
    assert got.__name__ == "InvalidImageFileError" and str(path) in msg


def test_logged_twice_and_clashes_with_queued_files_raise_from_the_call(pair, tmp_dir):
    _, live = pair  # workers held: nothing below is on disk yet
    live.log_image("keep.png", RGB)
    with pytest.raises(DataAlreadyLoggedError, match="'keep.png' has already been logged"):
        live.log_image("keep.png", RGB)
    with pytest.raises(dvclive.error.InvalidImageNameError, match="clashes"):
        live.log_image("keep.png/0.png", RGB)  # keep.png is queued as a file
    live.log_image("d.png/0.png", RGB)
    with pytest.raises(dvclive.error.InvalidImageNameError, match="clashes"):
        live.log_image("d.png", RGB)  # d.png is a folder already
    assert live._image_writer.queued_bytes == 2 * RGB.nbytes


# --- nothing lost


def _run(code, cwd, **kwargs):
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=cwd,
                          capture_output=True, text=True, timeout=120, **kwargs)


def _check_images(folder, expected):
    pngs = sorted(folder.rglob("*.png"))
    assert len(pngs) == expected
    for png in pngs:
        with Image.open(png) as im:
            im.load()


PRELUDE = """
import numpy as np
from dvclive_nb import Live
rng = np.random.default_rng(0)
frames = [rng.integers(0, 256, (512, 512, 3), dtype=np.uint8) for _ in range(2)]
"""


@pytest.mark.slow
def test_exit_without_end_writes_every_queued_image(tmp_dir):
    out = _run(PRELUDE + """
live = Live(save_dvc_exp=False, async_images=True, async_workers=1)
for i in range(40):
    live.log_image(f"s/{i}.png", frames[i % 2])
print(live._image_writer._submitted - live._image_writer._delivered, flush=True)
""", tmp_dir)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) > 0  # the script exits with images still queued
    assert "Traceback" not in out.stderr and "cannot schedule" not in out.stderr
    _check_images(tmp_dir / "dvclive" / "plots" / "images", 40)


@pytest.mark.slow
def test_exception_inside_with_loses_nothing(tmp_dir):
    out = _run(PRELUDE + """
with Live(save_dvc_exp=False, async_images=True) as live:
    for i in range(30):
        live.log_image(f"s/{i}.png", frames[i % 2])
        live.next_step()
    raise RuntimeError("diverged")
""", tmp_dir)
    assert "RuntimeError: diverged" in out.stderr
    assert "cannot schedule" not in out.stderr and "Exception ignored" not in out.stderr
    _check_images(tmp_dir / "dvclive" / "plots" / "images", 30)


@pytest.mark.slow
def test_keyboard_interrupt_in_the_training_loop_loses_nothing(tmp_dir):
    proc = subprocess.Popen([sys.executable, "-c", PRELUDE + textwrap.dedent("""
        import sys, time
        live = Live(save_dvc_exp=False, async_images=True)
        i = 0
        while True:
            live.log_image(f"s/{i}.png", frames[i % 2])
            live.next_step()
            i += 1
            print(i, flush=True)
            time.sleep(0.005)
        """)], cwd=tmp_dir, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"})
    for _ in range(15):
        assert proc.stdout.readline()
    proc.send_signal(signal.SIGINT)  # Ctrl-C
    try:
        out, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:  # say where every thread waits, then fail
        proc.send_signal(signal.SIGABRT)
        out, err = proc.communicate()
        pytest.fail(f"the script hung after Ctrl-C:\n{err[-8000:]}")
    logged = int(out.split()[-1]) if out.split() else 15
    assert "KeyboardInterrupt" in err and "cannot schedule" not in err
    images = tmp_dir / "dvclive" / "plots" / "images"
    # The image of the interrupted step, if any, was logged (queued) or not at all.
    assert len(list(images.rglob("*.png"))) in (logged, logged + 1)
    _check_images(images, len(list(images.rglob("*.png"))))


KILLED = PRELUDE + """
big = [rng.integers(0, 256, (1024, 1024, 3), dtype=np.uint8) for _ in range(2)]
live = Live(save_dvc_exp=False, async_images=True)
while True:
    live.log_image("latest.png", big[live.step % 2])
    live.log_image(f"s/{live.step}.png", big[live.step % 2])
    live.next_step()
    print(live.step, flush=True)
"""


@pytest.mark.slow
def test_sigkill_leaves_no_truncated_image(tmp_dir):
    images = tmp_dir / "dvclive" / "plots" / "images"
    for kill in range(3):
        proc = subprocess.Popen([sys.executable, "-c", KILLED], cwd=tmp_dir,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        # Kill once workers are writing (queued images die with the process: SIGKILL
        # runs no exit hook), at varied points of the writes.
        deadline = time.time() + 60
        while len(list(images.rglob("[0-9]*.png"))) < 2 * (kill + 1):
            assert time.time() < deadline and proc.poll() is None
            time.sleep(0.01)
        time.sleep(0.037 * kill)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        pngs = list(images.rglob("*.png"))
        assert len(pngs) >= 2 * (kill + 1)
        for png in pngs:  # every image on disk is whole
            with Image.open(png) as im:
                im.load()
        # Only hidden temporary files, at most one per worker write in flight.
        leftovers = [p for p in images.rglob("*") if p.is_file() and p.suffix != ".png"]
        assert all(p.name.startswith(".") and p.name.endswith(".tmp") for p in leftovers)
        assert len(leftovers) <= 2 * (kill + 1)


# --- write errors


def _broken_series(live, tmp_dir):
    """Queue s/0.png, then replace its folder with a file before the worker writes."""
    gate = threading.Event()
    live._async_writer().hold(gate)
    live.log_image("s/0.png", RGB)
    folder = tmp_dir / "dvclive" / "plots" / "images" / "s"
    shutil.rmtree(folder)
    folder.write_text("not a folder")
    gate.set()
    live._image_writer.flush()


@pytest.mark.parametrize("call", ["log_image", "next_step", "end", "wait_for_images"])
def test_a_failed_write_is_raised_by_the_next_call(tmp_dir, call):
    live = Live(save_dvc_exp=False, async_images=True)
    _broken_series(live, tmp_dir)
    with pytest.raises(ImageWriteError) as info:
        if call == "log_image":
            live.log_image("other.png", RGB)
        else:
            getattr(live, call)()
    assert isinstance(info.value, dvclive.error.DvcLiveError)
    assert "'s/0.png' logged at step 0" in str(info.value)
    assert isinstance(info.value.__cause__, OSError)
    if call == "log_image":  # raised before the new image was queued
        assert not (tmp_dir / "dvclive" / "plots" / "images" / "other.png").exists()
    # Raised once; later calls go on.
    live.log_image("after.png", RGB)
    live.end()
    assert (tmp_dir / "dvclive" / "plots" / "images" / "after.png").exists()


def test_end_finishes_the_run_then_raises(tmp_dir):
    live = Live(save_dvc_exp=False, async_images=True)
    live.log_metric("loss", 1.0)
    _broken_series(live, tmp_dir)
    with pytest.raises(ImageWriteError, match="s/0.png"):
        live.end()
    assert (tmp_dir / "dvclive" / "metrics.json").exists()
    assert not [t for t in threading.enumerate() if t.name.startswith("dvclive_nb-images")]


# --- bounded queue, ordering, waits


def test_a_full_queue_blocks_the_caller_and_never_exceeds_the_cap(tmp_dir):
    cap_mb = 1
    frame = np.zeros((256, 256, 3), np.uint8)  # 196,608 bytes: 5 fit in 1 MB
    live = Live(save_dvc_exp=False, async_images=True, async_queue_mb=cap_mb)
    gate = threading.Event()
    writer = live._async_writer()
    writer.hold(gate)
    logged = []

    def train():
        for i in range(12):
            live.log_image(f"s/{i}.png", frame)
            logged.append(i)

    thread = threading.Thread(target=train)
    thread.start()
    time.sleep(1.0)
    assert thread.is_alive() and len(logged) == 5  # the 6th call waits for room
    assert writer.queued_bytes == 5 * frame.nbytes
    gate.set()
    thread.join(timeout=30)
    assert len(logged) == 12
    live.end()
    assert writer.peak_bytes <= cap_mb << 20
    _check_images(tmp_dir / "dvclive" / "plots" / "images", 12)


def test_frames_reach_the_view_in_submission_order(tmp_path):
    seen = []
    writer = ImageWriter(workers=3, on_written=lambda n, s, d: seen.append((n, s, len(d))))
    expected = []
    sizes = [8, 200, 16, 120, 4]  # slow and fast encodes mixed
    for step in range(30):
        for series in ("a", "b"):
            name = f"{series}/{step}.png"
            os.makedirs(tmp_path / series, exist_ok=True)
            arr = np.full((sizes[step % 5],) * 2, step, np.uint8)
            writer.submit(name, str(tmp_path / name), step, prepare(name, arr, defer=True))
            expected.append((name, step))
    writer.close()
    assert [(n, s) for n, s, _ in seen] == expected
    assert all(size > 0 for *_, size in seen)


def test_an_image_overwritten_each_step_ends_as_the_last_logged(tmp_dir):
    live = Live(save_dvc_exp=False, async_images=True, async_workers=4)
    sizes = [600, 8, 300, 4, 900, 16]  # slow and fast encodes mixed
    for step in range(18):
        last = RNG.integers(0, 256, (sizes[step % 6],) * 2, dtype=np.uint8)
        live.log_image("latest.png", last)
        live.next_step()
    live.end()
    written = np.asarray(Image.open(tmp_dir / "dvclive" / "plots" / "images" / "latest.png"))
    assert np.array_equal(written, last)


def test_reports_and_upstream_end_wait_for_the_queue(tmp_dir):
    live = Live(save_dvc_exp=False, async_images=True, report="md")
    gate = threading.Event()
    live._async_writer().hold(gate)
    live.log_image("pred.png", RGB)
    done = threading.Event()
    thread = threading.Thread(target=lambda: (live.make_report(), done.set()))
    thread.start()
    assert not done.wait(0.5)  # the report waits for the image it shows
    gate.set()
    assert done.wait(30)
    report = (tmp_dir / "dvclive" / "report.md").read_text()
    assert "pred.png" in report
    live.end()


@pytest.mark.slow
def test_dvc_cache_and_experiment_get_every_image(repo):
    live = Live(save_dvc_exp=True, async_images=True, cache_images=True)
    for step in range(6):
        live.log_image(f"s/{step}.png", RNG.integers(0, 256, (64, 64, 3), np.uint8))
        live.next_step()
    live.end()
    assert (repo / "dvclive" / "plots" / "images.dvc").exists()
    assert live._experiment_rev
    out = subprocess.run([sys.executable, "-m", "dvc", "status", "dvclive/plots/images.dvc"],
                         cwd=repo, capture_output=True, text=True)
    assert "changed" not in out.stdout, out.stdout  # the cache holds what is on disk
    _check_images(repo / "dvclive" / "plots" / "images", 6)


def test_workers_stop_at_end_and_synchronous_mode_starts_none(tmp_dir):
    def workers():
        return [t for t in threading.enumerate() if t.name.startswith("dvclive_nb-images")]

    live = Live("sync", save_dvc_exp=False)
    live.log_image("x.png", RGB)
    assert live._image_writer is None and not workers()
    live = Live("async", save_dvc_exp=False, async_images=True, async_workers=2)
    for i in range(4):
        live.log_image(f"s/{i}.png", RGB)
    assert 1 <= len(workers()) <= 2
    live.end()
    assert not workers()


@pytest.mark.slow
def test_in_a_kernel_each_cell_ends_with_its_images_written(tmp_path):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in (
        PRELUDE + "live = Live(save_dvc_exp=False, async_images=True)",
        "for i in range(20):\n    live.log_image(f's/{i}.png', frames[i % 2])",
        "import os; print(len(os.listdir('dvclive/plots/images/s')))",
        "for i in range(20, 35):\n    live.log_image(f's/{i}.png', frames[i % 2])",
    )]
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert nb.cells[2].outputs[0]["text"].strip() == "20"  # written when the cell ended
    # No end(): the kernel's shutdown (after the last cell) leaves every image written.
    _check_images(tmp_path / "dvclive" / "plots" / "images", 35)


@pytest.mark.parametrize("option", [{"async_workers": 0}, {"async_workers": 1.5},
                                    {"async_queue_mb": 0}, {"async_queue_mb": "big"}])
def test_bad_async_options_are_typed_errors(tmp_dir, option):
    from dvclive.error import DvcLiveError

    from dvclive_nb.error import InvalidOptionError

    with pytest.raises(InvalidOptionError) as info:
        Live(save_dvc_exp=False, async_images=True, **option)
    assert isinstance(info.value, DvcLiveError)
    assert next(iter(option)) in str(info.value)
    assert not os.path.exists("dvclive")  # nothing created


@pytest.mark.parametrize("where", ["before the hand-off", "after the hand-off"])
def test_ctrl_c_inside_submit_leaves_no_job_to_wait_for(tmp_path, monkeypatch, where):
    """A KeyboardInterrupt that lands inside ``submit``, after the job was counted,
    must not leave flush() (and so interpreter exit, which flushes) waiting forever; a
    job the worker got anyway is written, and finished once."""
    writer = ImageWriter(workers=1)
    arr = np.full((8, 8), 3, np.uint8)
    if where == "before the hand-off":
        class Lanes(list):  # picking the job's lane: counted, not yet handed off
            def __len__(self):
                raise KeyboardInterrupt
        monkeypatch.setattr(writer, "_lanes", Lanes(writer._lanes))
    else:
        lane = writer._lanes[0]
        real = lane.submit

        def submit(fn, job):  # the work item is queued, then Ctrl-C
            real(fn, job)
            raise KeyboardInterrupt
        monkeypatch.setattr(lane, "submit", submit)
    with pytest.raises(KeyboardInterrupt):
        writer.submit("a.png", str(tmp_path / "a.png"), 0, prepare("a.png", arr, defer=True))
    flushed = threading.Thread(target=writer.flush, daemon=True)
    flushed.start()
    flushed.join(timeout=10)
    assert not flushed.is_alive()  # on the old code: waits forever
    monkeypatch.undo()
    writer.close()
    assert writer.queued_bytes == 0
    assert os.path.exists(tmp_path / "a.png") == (where == "after the hand-off")


def test_exit_does_not_wait_for_a_job_that_can_never_come(tmp_path):
    """At interpreter exit concurrent.futures has already run every queued job, so the
    exit hook waits for nothing: a job counted and never queued (Ctrl-C at the wrong
    instant) must not hang the exit."""
    writer = ImageWriter(workers=1)
    arr = np.full((8, 8), 3, np.uint8)
    writer.submit("a.png", str(tmp_path / "a.png"), 0, prepare("a.png", arr, defer=True))
    writer.flush()
    with writer._cond:
        writer._submitted += 1  # a job lost between its count and its queue
    done = threading.Thread(target=writer._at_exit, daemon=True)
    done.start()
    done.join(timeout=10)
    assert not done.is_alive()
    assert os.path.exists(tmp_path / "a.png")
