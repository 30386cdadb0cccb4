"""dvclive-nb: DVCLive's ``Live`` for notebooks, with an inline image slider."""

from .live import Live
from .reopen import show

__all__ = ["Live", "__version__", "show"]
__version__ = "0.1.0"
