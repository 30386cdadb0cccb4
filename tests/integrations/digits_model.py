"""The Lightning model of the integration tests, the notebook and the benchmark: a small
CNN on scikit-learn's 8x8 digits (shipped with scikit-learn: nothing downloaded) whose
``validation_step`` logs a picture of its predictions, the way issue 18 saw users do it."""

import numpy as np
import torch
from lightning.pytorch import LightningModule
from sklearn.datasets import load_digits
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader, TensorDataset


def loaders(n_train=512, n_val=128, batch_size=64):
    x, y = load_digits(return_X_y=True)
    x = torch.tensor(x / 16, dtype=torch.float32).reshape(-1, 1, 8, 8)
    y = torch.tensor(y)
    train = TensorDataset(x[:n_train], y[:n_train])
    val = TensorDataset(x[n_train:n_train + n_val], y[n_train:n_train + n_val])
    return (DataLoader(train, batch_size=batch_size, shuffle=True),
            DataLoader(val, batch_size=batch_size))


def prediction_image(x, probs, rows=16, scale=4):
    """Each row: a digit, then its 10 class probabilities as grey bars (uint8, 2-D)."""
    digits = x[:rows, 0].detach().numpy()  # rows x 8 x 8, in [0, 1]
    bars = np.repeat(probs[:rows].detach().numpy()[:, None, :], 8, axis=1)  # rows x 8 x 10
    gap = np.ones((len(digits), 8, 1), np.float32)
    tiles = np.concatenate([digits, gap, bars], axis=2).reshape(-1, 19)
    return np.kron((tiles * 255).round().astype(np.uint8), np.ones((scale, scale), np.uint8))


class DigitsCNN(LightningModule):
    def __init__(self, log_images=True, lr=0.01):
        super().__init__()
        torch.manual_seed(0)
        self.net = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.Flatten(),
                                 nn.Linear(8 * 8 * 8, 10))
        self.log_images = log_images
        self.lr = lr
        self.logged = []  # (step, sanity check?, image): what validation_step logged

    def forward(self, x):
        return self.net(x)

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = F.cross_entropy(self(x), y)
        self.log("train_loss", loss, on_step=False, on_epoch=True)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        logits = self(x)
        self.log("val_loss", F.cross_entropy(logits, y))
        self.log("val_acc", (logits.argmax(1) == y).float().mean())
        if batch_idx == 0 and self.log_images:
            live = self.logger.experiment
            image = prediction_image(x, logits.softmax(1))
            live.log_image(f"pred/{live.step}.png", image)
            self.logged.append((live.step, self.trainer.sanity_checking, image))

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.lr)


def trainer(logger, epochs=3, **kwargs):
    from lightning.pytorch import Trainer

    return Trainer(max_epochs=epochs, logger=logger, accelerator="cpu", devices=1,
                   enable_checkpointing=False, enable_progress_bar=False,
                   enable_model_summary=False, log_every_n_steps=1, **kwargs)
