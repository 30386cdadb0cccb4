"""dvclive-nb: DVCLive's ``Live`` for notebooks."""

from .live import Live

__all__ = ["Live", "__version__"]
__version__ = "0.1.0"
