"""What a new user sees (issue 21): every demo, run top to bottom in a real kernel in a
fresh demo folder made by ``binder/prepare-demo``, in the README's order and then again,
shows no error, nothing on stderr and no warning in any output.

The second round is the "any order" part: each notebook then runs after all the others
(watch before quickstart, compare after reopen, ...), in a workspace they all wrote to.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

pytestmark = pytest.mark.slow  # real kernels, git + DVC repos, DVC's queue

ROOT = Path(__file__).resolve().parents[1]
README_ORDER = ["quickstart", "training", "magic", "reopen", "compare", "detection", "samples",
                "watch"]
# Demos that need an extra beyond `make demo`'s (README, "Integrations"): run by
# tests/test_notebooks.py in .venv, which has it.
NEEDS_EXTRA = ["lightning"]
WARNING = re.compile(r"warn", re.IGNORECASE)


def test_the_readme_lists_every_demo_in_this_order():
    readme = (ROOT / "README.md").read_text()
    listed = re.findall(r"^\| `(\w+)\.ipynb` \|", readme, re.MULTILINE)
    assert listed == README_ORDER
    on_disk = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert on_disk == sorted(listed + NEEDS_EXTRA)
    for name in NEEDS_EXTRA:
        assert f"notebooks/{name}.ipynb" in readme


def problems(nb) -> list:
    """Every output a new user would see as something gone wrong, with its cell."""
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.outputs:
            if out.output_type == "error":
                found.append((index, f"{out.ename}: {out.evalue}"))
            elif out.output_type == "stream" and out.name == "stderr":
                found.append((index, f"stderr: {out.text}"))
            else:
                data = out.get("data", {})
                text = out.get("text", "") + data.get("text/plain", "") + data.get(
                    "text/html", "")
                if WARNING.search(text):
                    found.append((index, f"warning in output: {text[:500]}"))
    return found


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    dest = tmp_path_factory.mktemp("fresh") / "demo"
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    subprocess.run([ROOT / "binder" / "prepare-demo", dest], check=True, env=env,
                   capture_output=True)
    return dest


def test_every_demo_runs_clean_in_readme_order_then_again(demo):
    report = {}
    for round_ in (1, 2):
        for name in README_ORDER:
            nb = nbformat.read(demo / f"{name}.ipynb", as_version=4)
            try:
                NotebookClient(nb, timeout=180, kernel_name="python3",
                               resources={"metadata": {"path": str(demo)}}).execute()
            except CellExecutionError:
                pass  # the error output is in the notebook: reported below with the rest
            found = problems(nb)
            if found:
                report[f"round {round_}: {name}"] = found
    assert not report, "\n".join(f"{k}: cell {i}: {msg}" for k, v in report.items()
                                 for i, msg in v)
    # Nothing the demos leave behind is what DVC would call untracked.
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                            cwd=demo, capture_output=True, text=True, check=True).stdout
    untracked = [line[3:] for line in status.splitlines() if line.startswith("??")
                 and not line[3:].startswith("dvclive/")]  # saved by every experiment
    assert untracked == []
