"""The committed browser bundle (dvclive_nb/static/view.js) is what js/src/ builds to.

It is rebuilt here, with the esbuild that js/package.json pins, into a temporary file and
compared byte for byte: a change to js/src/ without `npm run build` fails this test.
Needs `npm ci` in js/ first (`make js`); without it the test fails and says so.
"""

import json
import shutil
import subprocess
from pathlib import Path

import dvclive_nb.widget

JS = Path(__file__).resolve().parent.parent / "js"
BUNDLE = Path(dvclive_nb.widget.__file__).with_name("static") / "view.js"


def _pinned_esbuild():
    node = shutil.which("node")
    assert node, "Node.js builds the browser bundle: install it (apt-get install nodejs npm)"
    installed = JS / "node_modules" / "esbuild" / "package.json"
    assert installed.exists(), f"esbuild is not installed: run `npm ci` in {JS} (or `make js`)"
    pinned = json.loads((JS / "package.json").read_text())["devDependencies"]["esbuild"]
    version = json.loads(installed.read_text())["version"]
    assert version == pinned, f"esbuild {version} is installed, not {pinned}: run `npm ci` in {JS}"
    return node


def test_bundle_is_fresh(tmp_path):
    node = _pinned_esbuild()
    out, share = tmp_path / "view.js", tmp_path / "share.js"
    subprocess.run([node, str(JS / "build.mjs"), "--outfile", str(out),
                    "--share-outfile", str(share)], check=True, cwd=tmp_path)
    assert out.read_bytes() == BUNDLE.read_bytes(), (
        "dvclive_nb/static/view.js is stale: run `npm run build` in js/ and commit it")
    assert share.read_bytes() == BUNDLE.with_name("share.js").read_bytes(), (
        "dvclive_nb/static/share.js is stale: run `npm run build` in js/ and commit it")


def test_the_widget_loads_the_bundle():
    assert dvclive_nb.widget.ImageView._esm == BUNDLE.read_text(encoding="utf-8")
    assert "export {\n  main_default as default\n};" in BUNDLE.read_text(encoding="utf-8")
