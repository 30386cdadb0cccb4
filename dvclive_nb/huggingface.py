"""``dvclive.huggingface`` with ``dvclive_nb.Live``:
``from dvclive_nb.huggingface import DVCLiveCallback``.

transformers is imported when ``DVCLiveCallback`` is first looked up (see ``_twins``).
Upstream deprecates this callback in favour of transformers' own, which takes a ``Live``
too: ``transformers.integrations.DVCLiveCallback(live=dvclive_nb.Live())`` (README,
"Integrations").
"""

import inspect
import os
from typing import TYPE_CHECKING, Literal, Optional, Union

from ._twins import lazy_classes, live_or_ours

if TYPE_CHECKING:
    from dvclive.huggingface import DVCLiveCallback  # noqa: F401

    from .live import Live


def _callback():
    from dvclive import huggingface as upstream

    class DVCLiveCallback(upstream.DVCLiveCallback):
        """``dvclive.huggingface.DVCLiveCallback`` that builds a ``dvclive_nb.Live``, and
        saves the model with ``log_model=True`` on transformers 5 too."""

        def __init__(self, live: "Optional[Live]" = None,
                     log_model: Optional[Union[Literal["all"], bool]] = None, **kwargs):
            super().__init__(live=live_or_ours(live, kwargs), log_model=log_model)

        def on_train_end(self, args, state, control, **kwargs):
            if self._log_model is True and state.is_world_process_zero and _no_tokenizer():
                _save_model(self.live, args, kwargs)
                self.live.end()
                return
            super().on_train_end(args, state, control, **kwargs)

    return DVCLiveCallback


def _no_tokenizer() -> bool:
    """transformers 5 dropped ``Trainer(tokenizer=...)``, which upstream's on_train_end
    passes for ``log_model=True`` (dvclive 3.49: TypeError at the end of training)."""
    from transformers.trainer import Trainer

    return "tokenizer" not in inspect.signature(Trainer.__init__).parameters


def _save_model(live, args, kwargs) -> None:
    """Upstream's ``log_model=True`` step, with ``processing_class=`` for ``tokenizer=``."""
    from transformers.trainer import Trainer

    fake_trainer = Trainer(
        args=args,
        model=kwargs.get("model"),
        processing_class=kwargs.get("processing_class"),
        eval_dataset=["fake"],
    )
    name = "best" if args.load_best_model_at_end else "last"
    output_dir = os.path.join(args.output_dir, name)
    fake_trainer.save_model(output_dir)
    live.log_artifact(output_dir, name=name, type="model", copy=True)


__getattr__, __dir__ = lazy_classes(globals(), {"DVCLiveCallback": _callback})
