import os
import subprocess
import sys
import textwrap

import pytest

# Nothing may be fetched from a hub: models are built from configs, data made here.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

# The twin module, its class, and the top-level modules its framework is made of.
TWINS = {
    "lightning": ("DVCLiveLogger", ("lightning", "pytorch_lightning", "lightning_fabric")),
    "fabric": ("DVCLiveLogger", ("lightning", "lightning_fabric")),
    "huggingface": ("DVCLiveCallback", ("transformers",)),
    "keras": ("DVCLiveCallback", ("tensorflow",)),
    "fastai": ("DVCLiveCallback", ("fastai",)),
    "xgb": ("DVCLiveCallback", ("xgboost",)),
    "lgbm": ("DVCLiveCallback", ("lightgbm",)),
    "optuna": ("DVCLiveCallback", ("optuna",)),
}


def run_python(code: str, cwd=None) -> str:
    """Run ``code`` in a fresh interpreter (this one's, this PYTHONPATH); its stdout."""
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=cwd,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout


@pytest.fixture
def tmp_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path
