"""Real Lightning training on CPU (scikit-learn's digits), images logged from
``validation_step`` as users write it, in a real kernel: the frames on disk and those the
view sends the page are the ones logged, pixel for pixel, one per epoch; the sanity
check's frame is replaced by the first real validation's; metrics reach the strip."""

import csv
import io
import os

import numpy as np
import pytest
from PIL import Image

from tests.integrations.recording import frames_sent, metrics_sent, run_cells

HERE = os.path.dirname(os.path.abspath(__file__))
EPOCHS = 3

LOGGERS = {
    "twin": "from dvclive_nb.lightning import DVCLiveLogger\n"
            "logger = DVCLiveLogger(save_dvc_exp=False)",
    "upstream logger, our Live": "from dvclive.lightning import DVCLiveLogger\n"
                                 "logger = DVCLiveLogger(experiment=dvclive_nb.Live("
                                 "save_dvc_exp=False))",
}

TRAIN = """
import sys
sys.path.insert(0, {here!r})
import dvclive_nb
from digits_model import DigitsCNN, loaders, trainer
{logger}
model = DigitsCNN()
train, val = loaders()
trainer(logger, epochs={epochs}).fit(model, train, val)
"""

REPORT = """
import numpy as np
np.savez("logged.npz", steps=[s for s, _, _ in model.logged],
         sanity=[c for _, c, _ in model.logged], images=np.stack([i for _, _, i in model.logged]))
live = logger.experiment
print(type(live).__module__, type(live).__name__, len(live._views.views), live._ended)
"""


def _png(data):
    return np.asarray(Image.open(io.BytesIO(data)))


def _tsv(path):
    with open(path) as f:
        rows = csv.DictReader(f, delimiter="\t")
        return [(float(r["step"]), float(r[list(r)[-1]])) for r in rows]


@pytest.mark.parametrize("logger", list(LOGGERS))
def test_lightning_training_shows_every_epoch(tmp_path, logger):
    nb, custom = run_cells([TRAIN.format(here=HERE, logger=LOGGERS[logger], epochs=EPOCHS),
                            REPORT], tmp_path)
    printed = "".join(o.get("text", "") for o in nb.cells[1].outputs)
    assert printed.split() == ["dvclive_nb.live", "Live", "1", "True"]

    logged = np.load(tmp_path / "logged.npz")
    steps, sanity, images = list(logged["steps"]), list(logged["sanity"]), logged["images"]
    # The trap of issue 18: the sanity check logs at the step of the first real validation.
    assert sanity == [True] + [False] * EPOCHS
    assert steps[0] == steps[1]
    assert not np.array_equal(images[0], images[1])  # an untrained model's, then epoch 0's
    real = dict(zip(steps[1:], images[1:]))
    assert len(real) == EPOCHS

    folder = tmp_path / "dvclive" / "plots" / "images" / "pred"
    assert sorted(os.listdir(folder)) == sorted(f"{s}.png" for s in real)
    for step, image in real.items():
        assert np.array_equal(np.asarray(Image.open(folder / f"{step}.png")), image)

    # What the page receives, as the page keeps it: every epoch's frame, with its bytes.
    sent, told = frames_sent(custom, "pred")
    assert told == set(real)
    assert sorted(sent) == sorted(real)
    for step, image in real.items():
        assert np.array_equal(_png(sent[step]), image), step

    # The strip's feed got every row Lightning logged.
    rows = metrics_sent(custom)
    metrics_dir = tmp_path / "dvclive" / "plots" / "metrics"
    for name in ("val/loss", "val/acc", "train/loss"):
        on_disk = _tsv(metrics_dir / f"{name}.tsv")
        assert len(on_disk) == EPOCHS
        assert rows[name] == on_disk, name
