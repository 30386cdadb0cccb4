"""A run folder in object storage, followed over fsspec (dvclive_nb/sources/remote.py),
against moto's standalone S3 server on a loopback port."""

import socket
import subprocess
import sys
import time

import pytest

import dvclive_nb
from dvclive_nb.error import SourceError
from tests.support.harness import free_port
from tests.support.images import grey, png
from tests.support.waiting import wait_for

pytestmark = pytest.mark.slow  # moto's S3 server in a process of its own


@pytest.fixture
def s3(monkeypatch):
    """moto's S3 server in a process of its own; yields its endpoint URL."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1",
                             "-p", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    for var, val in (("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing"),
                     ("AWS_DEFAULT_REGION", "us-east-1")):
        monkeypatch.setenv(var, val)
    try:
        deadline = time.time() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.time() < deadline and proc.poll() is None, "moto did not start"
                time.sleep(0.2)
        yield endpoint, proc
    finally:
        proc.terminate()
        proc.wait(10)


def test_a_run_synced_to_s3_is_followed(s3):
    import s3fs

    endpoint, server = s3
    options = {"client_kwargs": {"endpoint_url": endpoint}}
    fs = s3fs.S3FileSystem(**options)
    fs.mkdir("bucket")
    images = "bucket/runs/a/dvclive/plots/images"
    for step in range(3):
        fs.pipe(f"{images}/pred/{step}.png", png(step))
    fs.pipe("bucket/runs/a/dvclive/metrics.json", b'{"step": 2}')

    view = dvclive_nb.show("s3://bucket/runs/a/dvclive", storage_options=options,
                           display=False)
    try:
        assert [entry[:2] for entry in view._log] == [("pred", 0), ("pred", 1), ("pred", 2)]
        assert grey(view._read("pred", 1)) == 1
        assert "following s3://bucket/runs/a/dvclive" in view.status
        for step in range(3, 6):  # the remote job syncs more steps
            fs.pipe(f"{images}/pred/{step}.png", png(step))
        wait_for(lambda: len(view._log) == 6, timeout=30, what="the new frames")
        assert [entry[1] for entry in view._log] == list(range(6))
        assert grey(view._read("pred", 5)) == 5
        # The server goes away: the caption says so, the watcher keeps trying.
        server.terminate()
        server.wait(10)
        wait_for(lambda: "unreachable" in view.status and "trying again" in view.status,
                 timeout=120, what="the caption to report it")
        watchers = [t for t in __import__("threading").enumerate()
                    if t.name == "dvclive-nb watcher: s3://bucket/runs/a/dvclive"]
        assert len(watchers) == 1 and watchers[0].is_alive()
    finally:
        view.close()
    assert not watchers[0].is_alive()


def test_a_protocol_without_its_package_says_what_to_install():
    with pytest.raises(SourceError, match=r'pip install "dvclive-nb\[gs\]"'):
        dvclive_nb.show("gs://bucket/runs/a")
