"""Frames logged during Lightning's sanity check are provisional (issue 18).

Lightning runs validation once before training (``num_sanity_val_steps``, 2 batches by
default) at step 0, then runs the first real validation at step 0 again. A
``validation_step`` that logs ``pred/{live.step}.png`` therefore logs the same name twice
in step 0, which the spec's ``DataAlreadyLoggedError`` refuses: training would stop
right after the sanity check. A frame logged while the sanity check runs is marked
provisional, and the next log of that name in the same step replaces it, on disk and in
the view (upstream dvclive overwrites it too, so the files end the same). Everything
else keeps the spec: outside a sanity check, a name logged twice in one step is an error.

Found from the call stack, not from a logger, so that it holds for
``dvclive.lightning.DVCLiveLogger(experiment=dvclive_nb.Live())`` as much as for our
twin. It costs nothing unless Lightning is imported: a walk up the stack then (a few
microseconds beside the milliseconds of encoding a PNG).
"""

import sys
from types import FrameType
from typing import Optional

_LIGHTNING = ("lightning.pytorch", "pytorch_lightning")
_MARK = "_dvclive_nb_sanity_check"


def in_sanity_check() -> bool:
    """Is Lightning's ``Trainer._run_sanity_check`` on the stack, sanity check on?"""
    if not any(name in sys.modules for name in _LIGHTNING):
        return False
    frame: Optional[FrameType] = sys._getframe(1)
    while frame is not None:
        code = frame.f_code
        if code.co_name == "_run_sanity_check" and "lightning" in code.co_filename:
            trainer = frame.f_locals.get("self")
            return bool(getattr(trainer, "sanity_checking", False))
        frame = frame.f_back
    return False


def mark(image) -> None:
    """Note on dvclive's ``Image`` record whether it was logged in a sanity check."""
    setattr(image, _MARK, in_sanity_check())


def provisional(image) -> bool:
    """Was ``image``'s current frame logged during a sanity check (so replaceable)?"""
    return getattr(image, _MARK, False)
