"""Each twin: same classes, same arguments handed through, our Live, lazy framework import,
and upstream's error when the framework is missing."""

import importlib
import inspect
import json

import pytest

import dvclive_nb
from tests.integrations.conftest import TWINS, run_python

# fastai needs torchvision, whose PyPI wheels are CUDA builds that cannot load against
# the CPU torch here (README, "Integrations"): its twin is checked on a stand-in for
# fastai's Callback base class, in a process of its own.
INSTALLED = [name for name in TWINS if name != "fastai"]
FASTAI_STAND_IN = """
import sys, types
for name in ("fastai", "fastai.callback", "fastai.callback.core"):
    sys.modules[name] = types.ModuleType(name)
class Callback:  # fastai's base class, as far as DVCLive's callback uses it
    pass
sys.modules["fastai.callback.core"].Callback = Callback
"""


def _pair(module):
    cls = TWINS[module][0]
    twin = getattr(importlib.import_module(f"dvclive_nb.{module}"), cls)
    upstream = getattr(importlib.import_module(f"dvclive.{module}"), cls)
    return twin, upstream


def _params(func):
    return [(p.name, p.kind, p.default) for p in inspect.signature(func).parameters.values()]


def test_importing_the_twins_imports_no_framework():
    names = ", ".join(f"dvclive_nb.{m}" for m in TWINS)
    out = run_python(f"""
        import sys, json
        import {names}
        print(json.dumps(sorted({{m.split(".")[0] for m in sys.modules}})))
        print(json.dumps(dir(dvclive_nb.lightning)))
    """)
    loaded, names_in_module = (json.loads(line) for line in out.splitlines())
    frameworks = {"torch", "transformers", "tensorflow", "keras", "fastai", "xgboost",
                  "lightgbm", "optuna", "lightning", "pytorch_lightning", "lightning_fabric"}
    assert "dvclive_nb" in loaded
    assert not frameworks & set(loaded)
    assert "DVCLiveLogger" in names_in_module


BLOCK = """
import sys
class _NotInstalled:  # as if these top-level packages were not installed
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {blocked!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
sys.meta_path.insert(0, _NotInstalled())
try:
    from {package}.{module} import {cls}
except ImportError as exc:
    print(type(exc).__name__, exc.name, exc)
else:
    print("imported", {cls}.__mro__[1].__module__)
"""


@pytest.mark.parametrize("module", list(TWINS))
def test_missing_framework_gives_upstreams_error(module):
    cls, blocked = TWINS[module]
    up, ours = (run_python(BLOCK.format(blocked=blocked, package=package, module=module,
                                        cls=cls)).strip()
                for package in ("dvclive", "dvclive_nb"))
    if module in ("lgbm", "optuna"):  # upstream's modules import nothing of them
        assert up.startswith("imported")
        assert ours == f"imported dvclive.{module}"
    else:
        assert up.startswith("ModuleNotFoundError ")
        assert ours == up


@pytest.mark.parametrize("module", INSTALLED)
def test_twin_takes_upstreams_arguments(module):
    twin, upstream = _pair(module)
    assert twin.__module__ == f"dvclive_nb.{module}"
    assert twin.__name__ == twin.__qualname__ == upstream.__name__
    assert issubclass(twin, upstream)
    assert twin.__mro__[1] is upstream  # overrides only, no other class in between
    assert _params(twin.__init__) == _params(upstream.__init__)
    # Built once: the same class on every lookup (pickle and isinstance rely on it).
    assert getattr(importlib.import_module(f"dvclive_nb.{module}"), twin.__name__) is twin


def test_fastai_twin_on_a_stand_in():
    out = run_python(FASTAI_STAND_IN + """
import inspect, json, os, tempfile
os.chdir(tempfile.mkdtemp())
from dvclive.fastai import DVCLiveCallback as Up
from dvclive_nb.fastai import DVCLiveCallback
import dvclive_nb
params = lambda f: [(p.name, str(p.kind), repr(p.default))
                    for p in inspect.signature(f).parameters.values()]
cb = DVCLiveCallback(with_opt=True, dir="runs/a", save_dvc_exp=False)
given = dvclive_nb.Live(dir="runs/b", save_dvc_exp=False)
print(json.dumps([params(DVCLiveCallback.__init__) == params(Up.__init__),
                  issubclass(DVCLiveCallback, Up), cb.with_opt,
                  isinstance(cb.live, dvclive_nb.Live), cb.live.dir,
                  DVCLiveCallback(live=given).live is given, cb.freeze_stage_ended]))
""")
    assert json.loads(out) == [True, True, True, True, "runs/a", True, False]


def _state(obj, drop):
    return {k: v for k, v in vars(obj).items() if k not in drop}


# Non-default values for every argument of each class; Live's own arguments go to the
# Live the class builds.
ARGS = {
    "lightning": dict(run_name="r", prefix="p", log_model="all"),
    "fabric": dict(run_name="r", prefix="p"),
    "huggingface": dict(log_model="all"),
    "keras": dict(save_weights_only=True),
    "xgb": dict(metric_data="eval"),
    "lgbm": {},
    "optuna": dict(metric_name=["a", "b"]),
}
LIVE = dict(dir="runs/x", save_dvc_exp=False, report=None)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # xgb's metric_data
@pytest.mark.parametrize("module", INSTALLED)
def test_twin_hands_every_argument_through(tmp_dir, module):
    twin_cls, upstream_cls = _pair(module)
    assert set(ARGS[module]) | {"self", "live", "experiment", "kwargs"} >= set(
        inspect.signature(upstream_cls.__init__).parameters)
    twin = twin_cls(**ARGS[module], **LIVE)
    upstream = upstream_cls(**ARGS[module], **LIVE)
    drop = {"live", "_experiment", "_dvclive_nb"}
    assert _state(twin, drop) == _state(upstream, drop)
    if module == "optuna":  # it builds a Live per trial (test_frameworks_train)
        assert twin.live_kwargs == upstream.live_kwargs == {"dir": "runs/x", "report": None}
        return
    live = twin.experiment if module in ("lightning", "fabric") else twin.live
    assert type(live) is dvclive_nb.Live
    assert live.dir == "runs/x"
    assert live._report_mode is None
    # A Live the caller made is used as is, as upstream uses it.
    given = dvclive_nb.Live(dir="runs/given", save_dvc_exp=False)
    key = "experiment" if module in ("lightning", "fabric") else "live"
    passed = twin_cls(**ARGS[module], **{key: given})
    assert (passed.experiment if key == "experiment" else passed.live) is given
