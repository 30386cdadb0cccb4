"""A Binder build, simulated on this clone: fresh virtualenv, exactly what binder/ says,
postBuild, then every demo notebook run by nbclient from where Binder opens them."""

import json
import os
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds a virtualenv and runs every demo notebook

ROOT = Path(__file__).resolve().parents[1]
# lightning.ipynb needs torch, which Binder would take from PyPI as the multi-GB CUDA
# build: it stays out of Binder's requirements (README, "Integrations").
NOT_ON_BINDER = {"lightning.ipynb"}
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb")
                   if p.name not in NOT_ON_BINDER)


@pytest.fixture(scope="module")
def binder(tmp_path_factory):
    work = tmp_path_factory.mktemp("binder")
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = os.pathsep.join(
        p for p in env["PATH"].split(os.pathsep) if not p.startswith(str(ROOT / ".venv")))
    subprocess.run([ROOT / "binder" / "simulate", work], check=True, env=env)
    return work


def test_binder_build_runs_every_notebook(binder):
    demo = binder / "repo" / "notebooks"  # where the Binder badge opens
    assert (demo / ".git").is_dir() and (demo / ".dvc").is_dir()
    assert sorted(p.name for p in demo.glob("*.ipynb")
                  if p.name not in NOT_ON_BINDER) == NOTEBOOKS
    python = binder / "venv" / "bin" / "python"
    script = ROOT / "tests" / "support" / "run_notebooks.py"
    out = subprocess.run([python, script, demo, *NOTEBOOKS],
                         check=True, capture_output=True, text=True, cwd=demo)
    reports = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    print("\n".join(json.dumps(r) for r in reports))  # the run times, for the record
    assert [r["notebook"] for r in reports] == NOTEBOOKS
    for report in reports:
        assert report["error"] is None, report
        assert report["seconds"] < 60, report
        # Each demo logs image series: a live view and its static fallback, paired.
        assert report["views"] >= 1 and report["statics"] == report["views"], report
