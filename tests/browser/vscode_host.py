"""A stand-in for VS Code's notebook webview, for the view's tests in VS Code's renderer.

The page (``vscode/index.html``, ``vscode/webview.js``) loads the npm package that VS Code
renders ipywidgets 8 with, ``@vscode/jupyter-ipywidgets8``, as VS Code's webview does, and
hands its WidgetManager a kernel connection to a real ``jupyter server`` that the test
starts, its frames relayed in the page as VS Code's extension host relays them. The npm
packages are pinned in ``vscode/package.json`` and ``package-lock.json`` and installed by
``SETUP`` into ``vscode/node_modules`` (not committed).
"""

import json
import shutil
import subprocess
import sys
import threading
import urllib.request
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).with_name("vscode")
NODE_MODULES = HERE / "node_modules"
SETUP = "npm ci --prefix tests/browser/vscode --no-audit --no-fund"
RENDERER = NODE_MODULES / "@vscode" / "jupyter-ipywidgets8" / "dist" / "ipywidgets.js"
REQUIRE = NODE_MODULES / "requirejs" / "require.js"
ESBUILD = NODE_MODULES / ".bin" / "esbuild"


def build_site(dest: Path) -> Path:
    """The webview's files in ``dest``: the page, the renderer, require.js, the kernel
    client (bundled now by esbuild) and the kernel's nbextensions folder, where VS Code
    finds a widget's module (anywidget's) for a local kernel."""
    missing = [p for p in (RENDERER, REQUIRE, ESBUILD) if not p.exists()]
    assert not missing, f"{missing[0]} is missing: run `{SETUP}` first"
    subprocess.run([str(ESBUILD), str(HERE / "kernel-client.js"), "--bundle", "--format=esm",
                    "--platform=browser", "--log-level=warning",
                    f"--outfile={dest / 'kernel-client.js'}"], check=True)
    for src in (HERE / "index.html", HERE / "webview.js", RENDERER, REQUIRE):
        shutil.copy(src, dest / src.name)
    # The kernel runs this same Python, so its nbextensions are these.
    (dest / "nbextensions").symlink_to(Path(sys.prefix) / "share" / "jupyter" / "nbextensions")
    return dest


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Site:
    """``root`` served on 127.0.0.1 from a thread of the test process."""

    def __init__(self, root: Path):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def start_kernel(server) -> str:
    """A new python3 kernel on ``server`` (a harness.Server); its id."""
    req = urllib.request.Request(
        f"http://127.0.0.1:{server.port}/api/kernels", method="POST",
        data=json.dumps({"name": "python3"}).encode(),
        headers={"Authorization": f"token {server.token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as reply:
        return json.load(reply)["id"]


def stop_kernel(server, kernel_id: str) -> None:
    req = urllib.request.Request(
        f"http://127.0.0.1:{server.port}/api/kernels/{kernel_id}", method="DELETE",
        headers={"Authorization": f"token {server.token}"})
    urllib.request.urlopen(req, timeout=30).close()


def webview_url(site: Site, server, kernel_id: str) -> str:
    return (f"{site.origin}/index.html?server=http://127.0.0.1:{server.port}"
            f"&token={server.token}&kernel={kernel_id}")
