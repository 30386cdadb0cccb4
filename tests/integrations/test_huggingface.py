"""Real Hugging Face Trainer runs on CPU: a tiny ViT built from a config (random weights,
nothing downloaded), on scikit-learn's digits, with transformers' own DVCLiveCallback
given our Live, and a callback that logs the predictions as images."""

import os

import numpy as np
import pytest
import torch
from PIL import Image
from sklearn.datasets import load_digits
from transformers import (
    Trainer,
    TrainerCallback,
    TrainingArguments,
    ViTConfig,
    ViTForImageClassification,
)

import dvclive_nb

EPOCHS = 2


def _data(n):
    x, y = load_digits(return_X_y=True)
    x = torch.tensor(x[:n] / 16, dtype=torch.float32).reshape(-1, 1, 8, 8)
    return [{"pixel_values": xi, "labels": int(yi)} for xi, yi in zip(x, y[:n])]


def _model():
    torch.manual_seed(0)
    return ViTForImageClassification(ViTConfig(
        image_size=8, patch_size=4, num_channels=1, hidden_size=16, num_hidden_layers=1,
        num_attention_heads=2, intermediate_size=32, num_labels=10))


class LogPredictions(TrainerCallback):
    """After each evaluation: the first 16 validation digits' class probabilities."""

    def __init__(self, live, val):
        self.live, self.val = live, val
        self.logged = []

    def on_evaluate(self, args, state, control, model=None, **kwargs):
        with torch.no_grad():
            x = torch.stack([v["pixel_values"] for v in self.val[:16]])
            probs = model(pixel_values=x).logits.softmax(1).numpy()
        image = np.kron((probs * 255).round().astype(np.uint8), np.ones((8, 8), np.uint8))
        self.live.log_image(f"pred/{self.live.step}.png", image)
        self.logged.append((self.live.step, image))


def _args(tmp_dir, **kwargs):
    return TrainingArguments(
        output_dir=str(tmp_dir / "out"), num_train_epochs=EPOCHS,
        per_device_train_batch_size=64, per_device_eval_batch_size=64,
        eval_strategy="epoch", logging_strategy="epoch", save_strategy="no",
        learning_rate=1e-2, report_to="none", use_cpu=True, disable_tqdm=True, **kwargs)


def test_trainer_with_transformers_callback_and_our_live(tmp_dir):
    from transformers.integrations import DVCLiveCallback

    train, val = _data(256), _data(320)[256:]
    live = dvclive_nb.Live(save_dvc_exp=False)
    images = LogPredictions(live, val)
    trainer = Trainer(model=_model(), args=_args(tmp_dir), train_dataset=train,
                      eval_dataset=val, callbacks=[DVCLiveCallback(live=live), images])
    trainer.train()

    assert [cb.live for cb in trainer.callback_handler.callbacks
            if isinstance(cb, DVCLiveCallback)] == [live]
    steps = [s for s, _ in images.logged]
    assert len(steps) == len(set(steps)) == EPOCHS
    folder = tmp_dir / "dvclive" / "plots" / "images" / "pred"
    assert sorted(os.listdir(folder)) == sorted(f"{s}.png" for s in steps)
    for step, image in images.logged:
        assert np.array_equal(np.asarray(Image.open(folder / f"{step}.png")), image)
    metrics = tmp_dir / "dvclive" / "plots" / "metrics"
    assert (metrics / "eval" / "loss.tsv").exists()
    assert (metrics / "train" / "loss.tsv").exists()
    assert live._ended  # transformers' callback ends the Live at the end of training


def test_twin_saves_the_model_where_upstream_fails(repo):
    """dvclive 3.49's callback passes ``tokenizer=`` to a Trainer for ``log_model=True``,
    which transformers 5 no longer takes; the twin passes ``processing_class=``."""
    from dvclive.huggingface import DVCLiveCallback as Upstream

    from dvclive_nb.huggingface import DVCLiveCallback

    train, val = _data(128), _data(192)[128:]
    twin = DVCLiveCallback(log_model=True, save_dvc_exp=False)
    Trainer(model=_model(), args=_args(repo), train_dataset=train, eval_dataset=val,
            callbacks=[twin]).train()
    assert type(twin.live) is dvclive_nb.Live
    assert (repo / "out" / "last" / "model.safetensors").exists()
    assert "last" in twin.live._artifacts
    assert twin.live._ended

    upstream = Upstream(log_model=True, dir="up", save_dvc_exp=False)
    with pytest.raises(TypeError, match="tokenizer"):
        Trainer(model=_model(), args=_args(repo), train_dataset=train,
                eval_dataset=val, callbacks=[upstream]).train()
