"""Run dvclive's own framework tests (``tests/frameworks/`` of its sdist, the version
installed here) against dvclive and against our twins, the import swapped.

    python tests/integrations/upstream_frameworks.py WORKDIR

prints each test's outcome on both sides. ``tests/integrations/test_upstream_frameworks.py``
runs it and checks that every test passing against upstream passes against the twins.
"""

import os
import re
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
from importlib.metadata import version

TWINS = "lightning|fabric|huggingface|keras|fastai|xgb|lgbm|optuna"
# How the twins' copy differs from upstream's; nothing else is touched.
REWRITES = [
    # The import to swap, as a user swaps it.
    (re.compile(rf"from dvclive\.({TWINS}) import"), r"from dvclive_nb.\1 import"),
    # LightningCLI's class path for the logger.
    (re.compile(r'"dvclive\.lightning\.DVCLiveLogger"'), '"dvclive_nb.lightning.DVCLiveLogger"'),
    # test_fabric's test_dvclive_finalize replaces the Live class the logger builds with a
    # Mock: for the twin, that class is dvclive_nb.live.Live.
    (re.compile(r"    import dvclive\n\n    monkeypatch\.setattr\(dvclive, \"Live\""),
     '    from dvclive_nb import live as dvclive\n\n    monkeypatch.setattr(dvclive, "Live"'),
]


def fetch(workdir: str) -> str:
    """dvclive's sdist for the installed version, unpacked; the path of its folder."""
    ver = version("dvclive")
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                    "--no-binary", ":all:", f"dvclive=={ver}", "-d", workdir], check=True,
                   capture_output=True)
    with tarfile.open(os.path.join(workdir, f"dvclive-{ver}.tar.gz")) as tar:
        members = [m for m in tar.getmembers()
                   if re.search(r"/tests/(conftest\.py|__init__\.py|frameworks/)", m.name)]
        tar.extractall(workdir, members=members)  # noqa: S202 - PyPI's sdist, names checked
    return os.path.join(workdir, f"dvclive-{ver}")


def copy(src: str, dest: str, rewrite: bool) -> None:
    for folder, _, files in os.walk(os.path.join(src, "tests")):
        out = os.path.join(dest, os.path.relpath(folder, src))
        os.makedirs(out, exist_ok=True)
        for name in files:
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = f.read()
            if rewrite:
                for pattern, repl in REWRITES:
                    text = pattern.sub(repl, text)
            with open(os.path.join(out, name), "w", encoding="utf-8") as f:
                f.write(text)


def run(folder: str) -> dict:
    """``{test id: passed | failed | skipped}`` of a pytest run in ``folder``."""
    report = os.path.join(folder, "report.xml")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TF_CPP_MIN_LOG_LEVEL": "2"}
    subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
                    "tests/frameworks", f"--junitxml={report}"], cwd=folder, env=env,
                   capture_output=True, timeout=1800)
    outcomes = {}
    for case in ET.parse(report).iter("testcase"):
        kinds = {child.tag for child in case}
        outcome = ("failed" if kinds & {"failure", "error"} else
                   "skipped" if "skipped" in kinds else "passed")
        outcomes[f"{case.get('classname')}::{case.get('name')}"] = outcome
    return outcomes


def compare(workdir: str):
    src = fetch(workdir)
    copy(src, os.path.join(workdir, "upstream"), rewrite=False)
    copy(src, os.path.join(workdir, "twins"), rewrite=True)
    return run(os.path.join(workdir, "upstream")), run(os.path.join(workdir, "twins"))


if __name__ == "__main__":
    upstream, twins = compare(sys.argv[1])
    for test in sorted(set(upstream) | set(twins)):
        print(f"{upstream.get(test, '-'):8} {twins.get(test, '-'):8} {test}")
