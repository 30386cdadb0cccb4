"""The README's main command, ``make demo``, as this machine's user (root in CI) and with
no desktop: it must start JupyterLab and print the URL to open."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # runs `make demo` and waits for JupyterLab

ROOT = Path(__file__).resolve().parents[1]
URL = re.compile(r"(http://127\.0\.0\.1:\d+/lab[^\s?]*\?token=\w+)")


def test_make_demo_starts_jupyterlab_and_prints_its_url(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "Makefile", project)
    shutil.copytree(ROOT / "binder", project / "binder")
    shutil.copytree(ROOT / "notebooks", project / "notebooks")
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_WORKSPACES_DIR",
                "JUPYTERLAB_SETTINGS_DIR", "IPYTHONDIR"):
        env[var] = str(home / var.lower())
    venv = sys.prefix  # this test's environment stands in for the one `make` installs
    proc = subprocess.Popen(
        ["make", "-o", f"{venv}/.demo", "demo", f"VENV={venv}"], cwd=project, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    lines = []
    try:
        deadline = time.time() + 90
        url = None
        while url is None and time.time() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            found = URL.search(line)
            url = found and found.group(1)
        assert url, "".join(lines)
        output = "".join(lines)
        assert "No desktop browser here" in output
        assert "Running as root is not recommended" not in output
        # The URL is printed a moment before the server accepts connections.
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=30) as page:
                    assert page.status == 200
                break
            except urllib.error.URLError:
                time.sleep(0.2)
        else:
            raise AssertionError(f"nothing answers at {url}")
        status = url.split("/lab")[0] + "/api/contents/quickstart.ipynb?token=" + url.split("=")[-1]
        with urllib.request.urlopen(status, timeout=30) as page:
            assert page.status == 200  # the demo repo holds the notebooks
        assert (project / "demo" / ".dvc").is_dir() and (project / "demo" / ".git").is_dir()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        proc.stdout.close()
