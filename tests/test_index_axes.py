"""The page groups series into index sliders (js/src/index_axes.js) by the naming rule
that dvclive_nb/series.py's ``index_axes`` states: both sides, run on the same names,
give the same groups. Node.js runs the page's module as it is (it imports nothing)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from dvclive_nb.series import index_axes

MODULE = Path(__file__).resolve().parents[1] / "js" / "src" / "index_axes.js"
CASES = [
    ["loss_map", *[f"pred/{i}" for i in range(3)], *[f"slices/{z:03d}" for z in (0, 5, 10)],
     *[f"a/{i}/b/{j}" for i in range(2) for j in range(3)]],
    ["val/cat", "val/dog", "x/v2", "x/v3", "y/-1", "y/1.5"],
    ["pred/0"],
    ["s/01", "s/1", "s/2"],
    ["pred", "pred/0", "pred/1", "pred/best"],
    ["a/1/x", "a/2/y"],
    [f"pred/{s}" for s in range(64)],
    ["m/1/2", "m/2/1", "m/1/1"],  # a sparse grid of values is still one group
]
RUN_JS = """
import { indexAxes } from %s;
const cases = JSON.parse(process.argv[1]);
console.log(JSON.stringify(cases.map((names) => indexAxes(names).map((g) =>
  [g.pattern, g.axes, [...g.names.values()].sort()]))));
"""


def python_groups(names):
    indexed, _ = index_axes(names)
    return [[g.pattern, g.axes, sorted(g.series.values())] for g in indexed]


def test_page_and_kernel_group_series_alike():
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js runs the page's module here: install it (apt-get install nodejs)")
    out = subprocess.run(
        [node, "--input-type=module", "-e", RUN_JS % json.dumps(MODULE.as_uri()),
         json.dumps(CASES)], capture_output=True, text=True, check=True, timeout=30)
    page = json.loads(out.stdout)
    assert page == [python_groups(names) for names in CASES]
    # The cases do exercise both outcomes: groups, and names left alone.
    assert page[0] and page[6][0][1] == [list(range(64))] and page[1] == [] and page[3] == []
