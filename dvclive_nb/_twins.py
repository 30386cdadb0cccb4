"""What the integration twins (``dvclive_nb.lightning``, ``dvclive_nb.keras``, ...) share.

Each twin subclasses dvclive's own class and overrides only the place where that class
builds its ``Live``, so that upstream fixes keep flowing. The subclass is built on first
lookup of its name (PEP 562): ``import dvclive_nb.keras`` imports no TensorFlow, and a
missing framework raises, at ``from dvclive_nb.keras import DVCLiveCallback``, the very
error ``from dvclive.keras import DVCLiveCallback`` raises, because that is what runs.
"""

import importlib
import threading
from typing import Any, Callable, Dict

_LOCK = threading.Lock()


def lazy_classes(module_globals: dict, builders: Dict[str, Callable[[], type]]):
    """``__getattr__`` and ``__dir__`` for a twin module whose classes ``builders`` make.

    Each class is built once and then kept in the module, so it is the same object on
    every lookup (pickle and ``isinstance`` rely on it).
    """
    module = module_globals["__name__"]

    def __getattr__(name: str):
        builder = builders.get(name)
        if builder is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        with _LOCK:
            if name not in module_globals:
                cls = builder()
                cls.__module__ = module
                cls.__qualname__ = name
                module_globals[name] = cls
        return module_globals[name]

    def __dir__():
        return sorted(set(module_globals) | set(builders))

    return __getattr__, __dir__


def new_live(**kwargs):
    """A ``dvclive_nb.Live`` built as upstream builds its ``dvclive.Live``."""
    from .live import Live

    return Live(**kwargs)


def live_or_ours(live, kwargs: dict):
    """Upstream's ``live if live is not None else Live(**kwargs)``, with our ``Live``."""
    return live if live is not None else new_live(**kwargs)


def build_experiment(logger, upstream_module) -> None:
    """Before a Lightning / Fabric ``DVCLiveLogger`` twin defers to upstream's
    ``experiment`` property, build the ``Live`` that property would build.

    Upstream builds ``dvclive.Live(**kwargs)`` on rank 0 when no experiment was given;
    a ``dvclive_nb.Live`` built first takes its place, and upstream's property then runs
    as usual (its rank checks, its dummy experiment on other ranks).
    """
    if logger._experiment is None and getattr(upstream_module.rank_zero_only, "rank", 0) == 0:
        logger._experiment = new_live(**logger._kwargs)


def logger_twin(module: str) -> Callable[[], type]:
    """For ``lazy_classes``: the builder of ``dvclive.<module>.DVCLiveLogger``'s twin.

    Lightning's and Fabric's loggers build their ``Live`` in one place, the
    ``experiment`` property, so that is the one place the twin overrides.
    """
    def build() -> type:
        upstream = importlib.import_module(f"dvclive.{module}")
        base: Any = upstream.DVCLiveLogger  # a class mypy cannot know ahead

        class DVCLiveLogger(base):
            @property
            def experiment(self):
                build_experiment(self, upstream)
                return super().experiment

        DVCLiveLogger.__doc__ = (f"``dvclive.{module}.DVCLiveLogger`` whose experiment is "
                                 "a ``dvclive_nb.Live``.")
        return DVCLiveLogger

    return build
