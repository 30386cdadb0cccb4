"""A JupyterLab / Notebook 7 server and Debian Chromium, for browser tests and benchmarks."""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, app, root, home, notebook=None, extra_args=()):
        """``app``: "lab", "notebook", "server", or "voila" (which serves ``notebook``)."""
        self.app, self.root = app, Path(root)
        self.token = secrets.token_hex(16)
        self.port = free_port()
        env = dict(os.environ, DVC_NO_ANALYTICS="1", PYTHONUNBUFFERED="1")
        for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                         ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
                         ("JUPYTERLAB_SETTINGS_DIR", "settings"), ("IPYTHONDIR", "ipython"),
                         ("MPLCONFIGDIR", "mpl")):
            env[var] = str(home / sub)
            (home / sub).mkdir(parents=True, exist_ok=True)
        notify = home / "settings" / "@jupyterlab" / "apputils-extension"
        notify.mkdir(parents=True, exist_ok=True)
        (notify / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False}))
        self.log = open(home / f"{app}.log", "w")
        if app == "voila":
            cmd = [sys.executable, "-m", "voila", str(notebook), "--no-browser",
                   f"--port={self.port}", "--Voila.ip=127.0.0.1",
                   f"--token={self.token}"]
        else:
            cmd = [sys.executable, "-m", "jupyter", app, "--no-browser", "--allow-root",
                   "--ServerApp.ip=127.0.0.1", f"--ServerApp.token={self.token}",
                   f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
                   f"--ServerApp.root_dir={root}", *extra_args]
        self.proc = subprocess.Popen(
            cmd,
            env=env, stdout=self.log, stderr=subprocess.STDOUT, cwd=root,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                # Not Voilà's "/": every GET there runs the notebook in a new kernel.
                urllib.request.urlopen(self.url("api/status"), timeout=5)
                return
            except urllib.error.HTTPError:
                return  # it answers (Voilà has no /api/status): it is up
            except OSError:
                assert self.proc.poll() is None, (home / f"{app}.log").read_text()
                time.sleep(0.3)
        raise RuntimeError(f"{app} did not start")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}/{path}?token={self.token}"

    def set_theme(self, theme):
        """JupyterLab's theme ("JupyterLab Dark"), through its settings API, as the
        Settings menu sets it; open pages follow it."""
        url = self.url("lab/api/settings/@jupyterlab/apputils-extension:themes")
        body = json.dumps({"raw": json.dumps({"theme": theme})}).encode()
        req = urllib.request.Request(url, data=body, method="PUT",
                                     headers={"Content-Type": "application/json"})
        urllib.request.urlopen(req, timeout=30).close()

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
