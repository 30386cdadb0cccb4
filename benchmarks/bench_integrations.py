"""What the Lightning twin adds to an epoch, against upstream's logger.

    python -m benchmarks.bench_integrations [--rounds N] [--epochs E]

The model of tests/integrations (a small CNN on scikit-learn's digits, logging a picture
of its predictions from ``validation_step`` each epoch) trains with
``dvclive.lightning.DVCLiveLogger()`` and with ``dvclive_nb.lightning.DVCLiveLogger()``,
in script mode, interleaved round by round (the order alternates), each run in a fresh
folder. An epoch is timed from ``on_train_epoch_start`` to ``on_validation_epoch_end``
(training, validation and their logging); each run's first epoch is left out (warm-up).
Target (issue 18): the twin adds at most 2 % to the median epoch.
"""

import argparse
import logging
import os
import statistics
import tempfile
import time

import torch
from lightning.pytorch.callbacks import Callback

from tests.integrations.digits_model import DigitsCNN, loaders, trainer

TARGET = 0.02


class EpochTimer(Callback):
    def __init__(self):
        self.times = []

    def on_train_epoch_start(self, trainer, module):
        self._start = time.perf_counter()

    def on_validation_epoch_end(self, trainer, module):
        if not trainer.sanity_checking:
            self.times.append(time.perf_counter() - self._start)


def run(kind: str, epochs: int) -> list:
    if kind == "dvclive":
        from dvclive.lightning import DVCLiveLogger
    else:
        from dvclive_nb.lightning import DVCLiveLogger
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            timer = EpochTimer()
            train, val = loaders()
            trainer(DVCLiveLogger(save_dvc_exp=False), epochs=epochs,
                    callbacks=[timer]).fit(DigitsCNN(), train, val)
        finally:
            os.chdir(cwd)
    return timer.times[1:]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--epochs", type=int, default=5)
    args = parser.parse_args()
    torch.set_num_threads(1)  # one core: less noise from the machine's other work
    for name in ("lightning", "dvclive", "dvclive_nb"):
        logging.getLogger(name).setLevel(logging.ERROR)
    times: dict = {"dvclive": [], "dvclive_nb": []}
    run("dvclive", 2)  # warm-up: imports, first allocations
    run("dvclive_nb", 2)
    for r in range(args.rounds):
        order = ("dvclive", "dvclive_nb") if r % 2 == 0 else ("dvclive_nb", "dvclive")
        for kind in order:
            times[kind] += run(kind, args.epochs)
    up, nb = (statistics.median(times[k]) for k in ("dvclive", "dvclive_nb"))
    overhead = nb / up - 1
    print(f"epochs timed: {len(times['dvclive'])} per logger, {args.rounds} rounds")
    print(f"median epoch, dvclive.lightning.DVCLiveLogger:    {up * 1000:8.2f} ms")
    print(f"median epoch, dvclive_nb.lightning.DVCLiveLogger: {nb * 1000:8.2f} ms")
    print(f"twin's overhead: {overhead * 100:+.2f} %  (target <= {TARGET * 100:.0f} %)"
          f"  {'OK' if overhead <= TARGET else 'OVER'}")


if __name__ == "__main__":
    main()
