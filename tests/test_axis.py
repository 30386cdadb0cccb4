"""The slider's axis (dvclive_nb/_axis.py, js/src/axis.js): ``show(axis=, stride=,
caption=)``, the check of ``axis=`` against the run's metrics, and the mapping of axis
values to steps, run by Node on the very module the page bundles."""

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

import dvclive_nb
from dvclive_nb import Live
from dvclive_nb._axis import axis_options, check_axis, metric_names
from dvclive_nb.error import AxisError, DvcLiveError
from dvclive_nb.metrics import WALL_TIME, MetricsTail

AXIS_JS = Path(__file__).resolve().parent.parent / "js" / "src" / "axis.js"


@pytest.fixture
def run(tmp_dir):
    """12 steps, 3 per epoch, an image at every step; `epoch` logged from step 2 on;
    `loss` with its timestamps (wall time)."""
    live = Live("run", save_dvc_exp=False)
    for step in range(12):
        live.log_image(f"pred/{step}.png", np.full((4, 4), step, np.uint8))
        live.log_metric("loss", 1 / (step + 1), timestamp=True)
        if step >= 2:
            live.log_metric("epoch", step // 3)
        live.next_step()
    live.end()
    return tmp_dir / "run"


def test_show_takes_axis_stride_and_caption_as_synced_traits(run):
    view = dvclive_nb.show("run", display=False, axis="epoch", stride=2, caption="loss")
    assert (view.axis, view.stride, view.caption) == ("epoch", 2, ["loss"])
    state = view.get_state()
    assert (state["axis"], state["stride"], state["caption"]) == ("epoch", 2, ["loss"])
    view.axis = "step"  # Python moves it as the page's menu does
    assert view.get_state()["axis"] == "step"
    with pytest.raises(AxisError, match="1 or more"):
        view.stride = 0
    view.close()


def test_a_re_run_keeps_the_axis_picked_in_the_menu_unless_it_names_one(run):
    first = dvclive_nb.show("run", display=False)
    first.axis, first.stride = "epoch", 3  # as the page's menu and stride box set them
    again = dvclive_nb.show("run", display=False)
    assert (again.axis, again.stride) == ("epoch", 3)
    named = dvclive_nb.show("run", display=False, axis="loss")
    assert (named.axis, named.stride) == ("loss", 1)
    named.close()


def test_an_axis_the_run_does_not_log_is_refused_with_the_axes_it_has(run):
    with pytest.raises(AxisError) as info:
        dvclive_nb.show("run", display=False, axis="epochs")
    assert isinstance(info.value, DvcLiveError)
    assert "logs no metric 'epochs'" in str(info.value)
    assert "Its axes: step, epoch, loss, wall_time" in str(info.value)
    assert metric_names(str(run / "plots" / "metrics")) == ["epoch", "loss", "wall_time"]
    dvclive_nb.show("run", display=False, axis="wall_time").close()
    with pytest.raises(AxisError, match="logs no metric 'epochs'"):
        dvclive_nb.compare("run", "run", display=False, axis="epochs")
    board = dvclive_nb.compare("run", "run", display=False, axis="epoch", stride=2)
    assert (board.axis, board.stride) == ("epoch", 2)
    board.close()


def test_wall_time_is_a_row_of_seconds_from_the_run_s_first_timestamp(run):
    tail = MetricsTail(str(run / "plots" / "metrics"))
    assert tail.poll()
    clock = tail._clock
    assert clock == "loss"  # the one logged with timestamp=True
    assert list(tail.steps[WALL_TIME]) == list(tail.steps[clock])
    seconds = list(tail.values[WALL_TIME])
    assert seconds[0] == 0 and seconds == sorted(seconds) and seconds[-1] < 60


def test_options_are_checked_before_anything_is_read():
    for bad in (0, -1, 1.5, True, "2"):
        with pytest.raises(AxisError, match="stride"):
            axis_options("step", bad, None)
    with pytest.raises(AxisError, match="name metrics"):
        axis_options("epoch", 1, [3])
    assert axis_options(None, 3, "acc") == {"axis": "step", "stride": 3, "caption": ["acc"]}
    check_axis("epoch", [], "run")  # nothing logged yet: it may come later
    check_axis("step", ["loss"], "run")


MAP_JS = """
import { axisMap, strided, rowsOf, axisNames, trackNote } from %s;
const steps = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
// epoch logged from step 2 on, at step // 3; nothing at step 7 (a gap).
const rows = {steps: [2, 3, 4, 5, 6, 8, 9, 10, 11], values: [0, 1, 1, 1, 2, 2, 3, 3, 3]};
const map = axisMap(steps, [rows]);
const metrics = new Map([["0:epoch", rows], ["1:epoch", rows], ["1:loss", rows], ["acc", rows]]);
console.log(JSON.stringify({
  map,
  strided: strided(map.steps, 2),
  board: rowsOf(metrics, "epoch").length,
  names: axisNames(metrics),
  note: trackNote("epoch", map, steps.length, 2),
  nan: axisMap([0, 1], [{steps: [0, 1], values: [NaN, 5]}]),
  // a board: the second column logs the value where the first has none
  // a resumed run wrote steps 1-2 again: their last rows count
  resumed: axisMap([0, 1, 2, 3], [{steps: [0, 1, 2, 1, 2, 3], values: [0, 0, 0, 1, 1, 1]}]),
  union: axisMap([0, 1, 2], [{steps: [0], values: [7]}, {steps: [1, 2], values: [7, 8]}]),
}));
"""


def test_the_js_axis_mapping_takes_the_last_step_of_each_value_and_skips_the_rest():
    node = shutil.which("node")
    assert node, "Node.js runs js/src/axis.js here: install it (apt-get install nodejs)"
    out = subprocess.run([node, "--input-type=module", "-e",
                          MAP_JS % json.dumps(AXIS_JS.as_uri())],
                         capture_output=True, text=True, check=True).stdout
    got = json.loads(out)
    # Steps 0, 1 (no epoch yet) and 7 (a gap) skipped; epoch 1 is steps 3-5: step 5 kept.
    assert got["map"] == {"steps": [2, 5, 8, 11], "values": [0, 1, 2, 3],
                          "skipped": 3, "merged": 5}
    assert got["strided"] == [2, 8]
    assert got["board"] == 2
    assert got["names"] == ["step", "acc", "epoch", "loss"]
    assert got["note"] == ("4 values of epoch over 9 steps: last step of each · "
                           "3 steps without epoch: skipped · every 2nd frame")
    assert got["nan"] == {"steps": [1], "values": [5], "skipped": 1, "merged": 0}
    assert got["resumed"] == {"steps": [0, 3], "values": [0, 1], "skipped": 0, "merged": 2}
    assert got["union"] == {"steps": [1, 2], "values": [7, 8], "skipped": 0, "merged": 1}
