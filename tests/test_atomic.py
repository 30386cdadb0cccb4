"""Image writes are atomic: readers and killed writers never see half a file."""

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from PIL import Image

from dvclive_nb._atomic import write_bytes


def test_reader_never_sees_a_partial_file(tmp_path):
    path = str(tmp_path / "x.bin")
    versions = [bytes([i]) * 4_000_000 for i in range(4)]
    write_bytes(path, versions[0])
    stop = threading.Event()
    seen, bad = set(), []

    def reader():
        while not stop.is_set():
            data = open(path, "rb").read()
            if data in versions:
                seen.add(data[0])
            else:
                bad.append(len(data))

    thread = threading.Thread(target=reader)
    thread.start()
    for i in range(60):
        write_bytes(path, versions[i % 4])
    stop.set()
    thread.join()
    assert not bad
    assert len(seen) >= 2
    assert os.listdir(tmp_path) == ["x.bin"]


def test_permissions_follow_umask_like_open(tmp_path):
    write_bytes(str(tmp_path / "a"), b"1")
    with open(tmp_path / "b", "wb") as f:
        f.write(b"1")
    assert os.stat(tmp_path / "a").st_mode == os.stat(tmp_path / "b").st_mode


WRITER = textwrap.dedent(
    """
    import numpy as np
    from dvclive_nb import Live

    rng = np.random.default_rng(0)
    live = Live(save_dvc_exp=False)
    frames = [rng.integers(0, 255, (768, 768, 3), dtype=np.uint8) for _ in range(3)]
    while True:
        live.log_image("latest.png", frames[live.step % 3])
        live.log_image(f"series/{live.step}.png", frames[live.step % 3][:128])
        live.next_step()
        print(live.step, flush=True)
    """
)


@pytest.mark.slow  # kills writer processes, many times
def test_kill_mid_write_leaves_only_whole_images(tmp_dir):
    for kill in range(4):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True
        )
        for _ in range(3 + kill):  # let it log a few steps, then kill at varied points
            assert proc.stdout.readline()
        time.sleep(0.013 * kill)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        images = tmp_dir / "dvclive" / "plots" / "images"
        pngs = list(images.rglob("*.png"))
        assert (images / "latest.png") in pngs and len(pngs) >= 4
        for png in pngs:
            with Image.open(png) as im:
                im.verify()
        # At most the one write in flight when it was killed leaves a temporary file.
        leftovers = [p for p in images.rglob("*") if p.is_file() and p.suffix != ".png"]
        assert len(leftovers) <= 2
        assert all(p.name.startswith(".") and p.name.endswith(".tmp") for p in leftovers)
