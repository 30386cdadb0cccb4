"""Real Keras training on CPU (tensorflow-cpu) with the twin's callback and images of
the predictions logged after each epoch."""

import os

import numpy as np
import tensorflow as tf  # the integrations extra installs tensorflow-cpu
from PIL import Image
from sklearn.datasets import load_digits

import dvclive_nb

EPOCHS = 2


def test_keras_fit_with_the_twin(tmp_dir):
    from dvclive_nb.keras import DVCLiveCallback

    x, y = load_digits(return_X_y=True)
    x = (x / 16).astype("float32").reshape(-1, 8, 8, 1)
    tf.keras.utils.set_random_seed(0)
    model = tf.keras.Sequential([
        tf.keras.Input((8, 8, 1)), tf.keras.layers.Conv2D(4, 3, activation="relu"),
        tf.keras.layers.Flatten(), tf.keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    dvclive = DVCLiveCallback(save_dvc_exp=False)
    live = dvclive.live
    logged = []

    class LogPredictions(tf.keras.callbacks.Callback):
        # Before the DVCLive callback in the list: logs at the epoch's step.
        def on_epoch_end(self, epoch, logs=None):
            probs = self.model.predict(x[:16], verbose=0)
            image = np.kron((probs * 255).round().astype(np.uint8), np.ones((8, 8), np.uint8))
            live.log_image(f"pred/{live.step}.png", image)
            logged.append((live.step, image))

    model.fit(x[:256], y[:256], validation_data=(x[256:320], y[256:320]), epochs=EPOCHS,
              batch_size=64, verbose=0, callbacks=[LogPredictions(), dvclive])

    assert type(live) is dvclive_nb.Live
    assert [s for s, _ in logged] == list(range(EPOCHS))
    folder = tmp_dir / "dvclive" / "plots" / "images" / "pred"
    assert sorted(os.listdir(folder)) == [f"{s}.png" for s in range(EPOCHS)]
    for step, image in logged:
        assert np.array_equal(np.asarray(Image.open(folder / f"{step}.png")), image)
    metrics = tmp_dir / "dvclive" / "plots" / "metrics"
    found = sorted(os.path.relpath(os.path.join(d, f), metrics)
                   for d, _, files in os.walk(metrics) for f in files)
    assert found == ["eval/accuracy.tsv", "eval/loss.tsv", "train/accuracy.tsv",
                     "train/loss.tsv"]
    assert live._ended  # the callback ends the Live at the end of training
