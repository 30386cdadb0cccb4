"""Which ``Live`` the magics log to: the most recent one in this process not yet ended.

This is the magic's weakly held current ``Live``, and nothing else: views are kept by
``_present`` (its one registry), not here. Held weakly: a ``Live`` the user dropped is
not kept alive for the magic's sake.
"""

import weakref

_recent_lives: list = []  # weakref.ref(Live), oldest first


def register(live) -> None:
    _recent_lives[:] = [ref for ref in _recent_lives if ref() is not None]
    _recent_lives.append(weakref.ref(live))


def current():
    """``(live, None)`` for the current Live, or ``(None, most_recent_ended_or_None)``."""
    ended = None
    for ref in reversed(_recent_lives):
        live = ref()
        if live is None:
            continue
        if not live._ended:
            return live, None
        ended = ended or live
    return None, ended
