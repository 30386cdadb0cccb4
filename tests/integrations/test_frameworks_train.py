"""XGBoost, LightGBM and Optuna run for real with the twins' callbacks."""

import json

import numpy as np
from sklearn.datasets import load_digits

import dvclive_nb
from dvclive_nb import _current


def _digits():
    x, y = load_digits(return_X_y=True)
    return x[:400], y[:400], x[400:500], y[400:500]


def _rows(path):
    return len(path.read_text().splitlines()) - 1  # a header, then a row per step


def test_xgboost(tmp_dir):
    import xgboost as xgb

    from dvclive_nb.xgb import DVCLiveCallback

    x, y, vx, vy = _digits()
    callback = DVCLiveCallback(save_dvc_exp=False)
    xgb.train({"objective": "multi:softprob", "num_class": 10, "nthread": 1},
              xgb.DMatrix(x, y), num_boost_round=3, evals=[(xgb.DMatrix(vx, vy), "val")],
              callbacks=[callback])
    assert type(callback.live) is dvclive_nb.Live
    assert callback.live._ended
    assert _rows(tmp_dir / "dvclive" / "plots" / "metrics" / "val" / "mlogloss.tsv") == 3


def test_lightgbm(tmp_dir):
    import lightgbm as lgb

    from dvclive_nb.lgbm import DVCLiveCallback

    x, y, vx, vy = _digits()
    callback = DVCLiveCallback(save_dvc_exp=False)
    lgb.train({"objective": "multiclass", "num_class": 10, "verbose": -1, "num_threads": 1},
              lgb.Dataset(x, y), num_boost_round=3, valid_sets=[lgb.Dataset(vx, vy)],
              callbacks=[callback])
    assert type(callback.live) is dvclive_nb.Live
    assert _rows(tmp_dir / "dvclive" / "plots" / "metrics" / "multi_logloss.tsv") == 3


def test_optuna(tmp_dir, monkeypatch):
    import optuna

    from dvclive_nb.optuna import DVCLiveCallback

    # A Live per trial, dropped when the trial is logged: note each one as it registers.
    built = []
    register = _current.register
    monkeypatch.setattr(_current, "register", lambda live: (built.append(type(live)),
                                                           register(live)))

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))
    study.optimize(lambda t: (t.suggest_float("x", -1, 1) - 0.5) ** 2, n_trials=2,
                   callbacks=[DVCLiveCallback()])
    assert built == [dvclive_nb.Live, dvclive_nb.Live]
    summary = json.loads((tmp_dir / "dvclive-optuna" / "metrics.json").read_text())
    assert np.isclose(summary["metric"], study.trials[-1].value)
