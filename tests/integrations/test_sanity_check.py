"""Lightning's sanity check logs at the step of the first real validation: its frames
are replaced (dvclive_nb._sanity). Nowhere else is a name logged twice in a step let
through, Lightning or not."""

import numpy as np
import pytest
from dvclive.lightning import DVCLiveLogger as UpstreamLogger
from PIL import Image

import dvclive_nb
from dvclive_nb.error import DataAlreadyLoggedError
from dvclive_nb.lightning import DVCLiveLogger
from tests.integrations.digits_model import DigitsCNN, loaders, trainer

PRED = "dvclive/plots/images/pred"


def _pixels(path):
    return np.asarray(Image.open(path))


def test_a_direct_duplicate_still_raises_with_lightning_imported(tmp_dir):
    import lightning.pytorch  # noqa: F401 - what turns the stack walk on

    live = dvclive_nb.Live(save_dvc_exp=False)
    live.log_image("pred/0.png", np.zeros((4, 4), np.uint8))
    with pytest.raises(DataAlreadyLoggedError):
        live.log_image("pred/0.png", np.ones((4, 4), np.uint8))


class LogsTwice(DigitsCNN):
    def validation_step(self, batch, batch_idx):
        super().validation_step(batch, batch_idx)
        if batch_idx == 0:  # the same name again, in the same step
            live = self.logger.experiment
            live.log_image(f"pred/{live.step}.png", self.logged[-1][2])


def test_a_duplicate_in_a_real_validation_still_raises(tmp_dir):
    model = LogsTwice()
    with pytest.raises(DataAlreadyLoggedError, match="pred/0.png"):
        trainer(DVCLiveLogger(save_dvc_exp=False), epochs=1).fit(model, *loaders())
    # The sanity check went through (its two frames replaced each other); the first
    # real validation is where the second log failed.
    assert [c for _, c, _ in model.logged] == [True, False]


@pytest.mark.parametrize("async_images", [False, True])
def test_the_first_real_validation_replaces_the_sanity_frame(tmp_dir, async_images):
    model = DigitsCNN()
    live = dvclive_nb.Live(save_dvc_exp=False, async_images=async_images)
    trainer(UpstreamLogger(experiment=live), epochs=1).fit(model, *loaders())
    (s0, sanity, sanity_image), (s1, real, real_image) = model.logged
    assert (s0, sanity, s1, real) == (0, True, 0, False)
    assert np.array_equal(_pixels(f"{PRED}/0.png"), real_image)
    assert not np.array_equal(real_image, sanity_image)


def test_a_sanity_frame_no_validation_replaces_stays(tmp_dir):
    # Validation every 2nd epoch: the first real one logs at a later step, not 0. The
    # sanity check's frame stays at step 0, as it does with upstream's Live.
    model = DigitsCNN()
    trainer(DVCLiveLogger(save_dvc_exp=False), epochs=2,
            check_val_every_n_epoch=2).fit(model, *loaders())
    (s0, sanity, sanity_image), (s1, real, real_image) = model.logged
    assert (s0, sanity, real) == (0, True, False)
    assert s1 > 0
    assert np.array_equal(_pixels(f"{PRED}/0.png"), sanity_image)
    assert np.array_equal(_pixels(f"{PRED}/{s1}.png"), real_image)
