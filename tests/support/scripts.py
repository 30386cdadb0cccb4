"""Training scripts that run in processes of their own, as a user's would."""

from tests.support.images import FRAME_CODE

# What a DVC stage runs (`dvc exp run`, the queue) or a user starts by hand: a plain
# dvclive script, its frames made by frame() (step and tag in the pixels), its length,
# tag and pace read from params.yaml (pause is optional).
TRAIN = FRAME_CODE + """
import time
import yaml
from dvclive import Live

params = yaml.safe_load(open("params.yaml"))
with Live() as live:
    for _ in range(params["steps"]):
        live.log_image(f"pred/{live.step}.png", frame(live.step, params["tag"], size=8))
        live.log_metric("loss", 1 / (live.step + 1))
        time.sleep(params.get("pause", 0.3))
        live.next_step()
"""

# dvc.yaml for TRAIN: format() it with python (the interpreter) and outs ("" or an outs line).
DVC_YAML = """stages:
  train:
    cmd: {python} train.py
    deps: [train.py]
    params: [steps, tag, pause]
{outs}"""

_WRITER = FRAME_CODE + """
import sys, time
from dvclive import Live

# python writer.py STEPS [PAUSE]
live = Live(FOLDER, save_dvc_exp=False)
for _ in range(int(sys.argv[1])):
    live.log_image(f"pred/{live.step}.png", frame(live.step, 3))
    live.log_metric("seen", live.step)
    time.sleep(float(sys.argv[2]) if len(sys.argv) > 2 else 0.3)
    live.next_step()
if END:
    live.end()
"""


def writer(folder, end=True):
    """A script that another process runs to write a run into ``folder`` while a test
    (or a page) follows it: tag 3, a metric "seen", and end() if ``end``."""
    return f"FOLDER, END = {str(folder)!r}, {bool(end)}\n" + _WRITER
